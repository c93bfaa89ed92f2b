package com.hydracore.billing.application;

import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.usage.EventWindow;
import java.util.Objects;

/**
 * The product's configurable rules.
 *
 * @param defaultLimits limits of an account with no plan
 * @param eventWindow   how far from now a usage event may lie
 * @param upgradeUrl    where the billing page sends a user to upgrade
 */
public record BillingSettings(PlanLimits defaultLimits, EventWindow eventWindow, String upgradeUrl) {

    /** The contract's defaults. */
    public static final BillingSettings DEFAULTS =
            new BillingSettings(PlanLimits.DEFAULTS, EventWindow.DEFAULT, "/billing");

    /** Requires every field. */
    public BillingSettings {
        Objects.requireNonNull(defaultLimits, "defaultLimits");
        Objects.requireNonNull(eventWindow, "eventWindow");
        Objects.requireNonNull(upgradeUrl, "upgradeUrl");
    }
}
