package com.hydracore.billing.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.alert.AlertThresholds;
import com.hydracore.billing.domain.alert.TrialEvents;
import com.hydracore.billing.domain.webhook.AddressPolicy;
import com.hydracore.billing.domain.webhook.RetrySchedule;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

    @Test
    void anEmptyEnvironmentGivesTheContractsDefaults() {
        WebhookSettings settings = WebhookSettings.fromEnvironment(Map.of());

        assertEquals(WebhookSettings.DEFAULTS, settings);
        assertEquals(RetrySchedule.DEFAULT, settings.retrySchedule());
        assertEquals(AlertThresholds.DEFAULT, settings.thresholds());
        assertEquals(Duration.ofDays(3), settings.trialEvents().willEndWindow());
        assertEquals(AddressPolicy.PUBLIC_ONLY, settings.addressPolicy());
        assertEquals(Duration.ofSeconds(10), settings.sendTimeout());
        assertEquals(Duration.ofSeconds(30), settings.schedulerInterval());
    }

    @Test
    void everyVariableIsRead() {
        WebhookSettings settings = WebhookSettings.fromEnvironment(Map.of(
                "BILLING_WEBHOOK_RETRY_SCHEDULE", "1,2,3",
                "BILLING_ALERT_THRESHOLDS", "50,90,100",
                "BILLING_TRIAL_WILL_END_DAYS", "7",
                "BILLING_WEBHOOK_ALLOW_PRIVATE", "true",
                "BILLING_SCHEDULER_SECONDS", "2"));

        assertEquals(RetrySchedule.parse("1,2,3"), settings.retrySchedule());
        assertEquals(AlertThresholds.parse("50,90,100"), settings.thresholds());
        assertEquals(TrialEvents.ofDays(7), settings.trialEvents());
        assertEquals(new AddressPolicy(true), settings.addressPolicy());
        assertEquals(Duration.ofSeconds(2), settings.schedulerInterval());
    }

    @Test
    void allowPrivateIsTrueOrFalse() {
        assertEquals(new AddressPolicy(true),
                WebhookSettings.fromEnvironment(Map.of("BILLING_WEBHOOK_ALLOW_PRIVATE", "TRUE")).addressPolicy());
        assertEquals(AddressPolicy.PUBLIC_ONLY,
                WebhookSettings.fromEnvironment(Map.of("BILLING_WEBHOOK_ALLOW_PRIVATE", "false")).addressPolicy());
        assertThrows(IllegalArgumentException.class,
                () -> WebhookSettings.fromEnvironment(Map.of("BILLING_WEBHOOK_ALLOW_PRIVATE", "yes")));
    }

    @Test
    void aRefusedValueNamesItsVariable() {
        for (String name : new String[] {"BILLING_WEBHOOK_RETRY_SCHEDULE", "BILLING_ALERT_THRESHOLDS",
            "BILLING_TRIAL_WILL_END_DAYS", "BILLING_WEBHOOK_ALLOW_PRIVATE", "BILLING_SCHEDULER_SECONDS"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WebhookSettings.fromEnvironment(Map.of(name, "nonsense")));
            assertTrue(e.getMessage().startsWith(name + "=nonsense: "), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> WebhookSettings.fromEnvironment(Map.of("BILLING_SCHEDULER_SECONDS", "0")));
    }

    @Test
    void theLeaseMustCoverTwoSends() {
        assertThrows(IllegalArgumentException.class, () -> new WebhookSettings(RetrySchedule.DEFAULT,
                AlertThresholds.DEFAULT, TrialEvents.DEFAULT, AddressPolicy.PUBLIC_ONLY, Duration.ofSeconds(10),
                Duration.ofSeconds(19), Duration.ofSeconds(30)));
    }
}
