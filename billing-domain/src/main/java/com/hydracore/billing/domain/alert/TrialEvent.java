package com.hydracore.billing.domain.alert;

import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.webhook.EventData;
import com.hydracore.billing.domain.webhook.EventType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code trial.will_end} or {@code trial.expired} event of one subscription: at most one of each per subscription.
 *
 * @param type           {@link EventType#TRIAL_WILL_END} or {@link EventType#TRIAL_EXPIRED}
 * @param accountId      the subscription's account
 * @param subscriptionId the subscription
 * @param tierId         its tier
 * @param trialEndsAt    the end of its trial
 */
public record TrialEvent(EventType type, String accountId, String subscriptionId, String tierId, Instant trialEndsAt)
        implements EventData {

    /** Requires a trial event type and every field. */
    public TrialEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(tierId, "tierId");
        Objects.requireNonNull(trialEndsAt, "trialEndsAt");
        if (!TrialEvents.TYPES.contains(type)) {
            throw new IllegalArgumentException(type.wireName() + " is not a trial event");
        }
    }

    /**
     * The event of {@code type} about {@code subscription}.
     *
     * @throws IllegalArgumentException when the subscription had no trial
     */
    public static TrialEvent of(EventType type, Subscription subscription) {
        if (!subscription.hadTrial()) {
            throw new IllegalArgumentException("subscription " + subscription.subscriptionId() + " had no trial");
        }
        return new TrialEvent(type, subscription.accountId(), subscription.subscriptionId(), subscription.tierId(),
                subscription.trialEndsAt());
    }

    /** Account and subscription: once per subscription and type. */
    @Override
    public List<Object> identity() {
        return List.of(accountId, subscriptionId);
    }

    /** {@code account_id, subscription_id, tier_id, trial_ends_at}. */
    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("account_id", accountId);
        fields.put("subscription_id", subscriptionId);
        fields.put("tier_id", tierId);
        fields.put("trial_ends_at", trialEndsAt);
        return fields;
    }
}
