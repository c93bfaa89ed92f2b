package com.hydracore.billing.adapter.persistence.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hydracore.billing.adapter.persistence.database.TestDatabases.Kind;
import com.hydracore.billing.domain.inventory.Instance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.adapter.persistence.sql.StatementGuards;
import com.hydracore.billing.adapter.persistence.sql.StatementLog;
import com.hydracore.billing.adapter.persistence.database.BillingDatabase;

/**
 * Every batch of usage registers the instances it names, nearly always known ones: once this process has registered
 * an instance, naming it again costs no statement, and a new one still is registered.
 */
class InstanceRegistrationIT {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void instancesAlreadyRegisteredHereAreNotSentAgain(Kind kind) {
        StatementLog log = new StatementLog();
        try (BillingDatabase db = TestDatabases.fresh(kind).open(new StatementGuards(), log)) {
            db.inventory().registerDiscovered(Map.of("acme", List.of("inst-a", "inst-b")));

            log.clear();
            db.inventory().registerDiscovered(Map.of("acme", List.of("inst-b", "inst-a")));
            assertEquals(0, log.count(), "both known");

            db.inventory().registerDiscovered(Map.of("acme", List.of("inst-a", "inst-c"), "globex", List.of("inst-a")));
            assertEquals(List.of("inst-a", "inst-b", "inst-c"),
                    db.inventory().instances("acme").stream().map(Instance::instanceId).toList());
            assertEquals(List.of("inst-a"),
                    db.inventory().instances("globex").stream().map(Instance::instanceId).toList(),
                    "an id known in one account is new in another");
        }
    }
}
