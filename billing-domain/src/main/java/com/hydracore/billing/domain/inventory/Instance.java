package com.hydracore.billing.domain.inventory;

import com.hydracore.billing.domain.validation.Checks;

/**
 * An agent instance of an account, as the inventory knows it. Instance ids are scoped to their account.
 *
 * @param accountId  owning account, 1–128 characters
 * @param instanceId instance id, 1–128 characters
 * @param name       display name, 1–200 characters
 * @param status     active, stopped or deleted
 */
public record Instance(String accountId, String instanceId, String name, InstanceStatus status) {

    /** Validates every field at once. */
    public Instance {
        Checks checks = new Checks();
        checks.text("account_id", accountId, 1, 128);
        checks.text("instance_id", instanceId, 1, 128);
        checks.text("name", name, 1, 200);
        checks.present("status", status);
        checks.throwIfAny();
    }

    /** An instance first seen in usage: active and named by its id, until an admin says otherwise. */
    public static Instance discovered(String accountId, String instanceId) {
        return new Instance(accountId, instanceId, instanceId, InstanceStatus.ACTIVE);
    }
}
