package com.hydracore.billing.adapter.rest.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.catalog.BillingCycle;
import com.hydracore.billing.domain.catalog.Tier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog file is decoded exactly like {@code PUT /v1/admin/tiers/{id}}, and refused with a readable line. */
class CatalogFileTest {

    @TempDir
    Path dir;

    private Path file(String json) throws IOException {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, json);
        return file;
    }

    private static String tier(String id, String extra) {
        return "{\"tier_id\":\"" + id + "\",\"tier_slug\":\"" + id + "\",\"product_name\":\"Agents\","
                + "\"plan_name\":\"" + id + "\",\"price_cents\":2900,\"billing_cycle\":\"yearly\",\"trial_days\":\"14\","
                + "\"token_allowance\":1,\"api_call_limit\":2,\"conversation_limit\":3,\"instance_limit\":4"
                + extra + "}";
    }

    @Test
    void everyTierOfAValidFileIsRead() throws IOException {
        List<Tier> tiers = CatalogFile.read(file("{\"tiers\":[" + tier("pro", ",\"max_sites_per_node\":5") + ","
                + tier("team", ",\"max_sites_per_node\":6") + "]}"));

        assertEquals(List.of("pro", "team"), tiers.stream().map(Tier::tierId).toList());
        assertEquals(BillingCycle.YEARLY, tiers.get(0).billingCycle());
        assertEquals(14, tiers.get(0).trialDays(), "lax integers, as over HTTP");
        assertEquals(6, tiers.get(1).limits().maxSitesPerNode());
    }

    @Test
    void anInvalidTierIsRefusedNamingTheFileTheEntryAndEveryProblem() throws IOException {
        Path file = file("{\"tiers\":[" + tier("pro", ",\"max_sites_per_node\":5,\"price_cents\":-1") + ","
                + tier("bad", ",\"billing_cycle\":\"weekly\"") + "]}");

        String message = assertThrows(IllegalArgumentException.class, () -> CatalogFile.read(file)).getMessage();

        assertTrue(message.startsWith(file + ": tiers[0]: "), message);
        assertTrue(message.contains("price_cents"), message);
    }

    @Test
    void anEntryThatIsNotATierOrAFileThatIsNotJsonIsRefused() throws IOException {
        Path notObject = file("{\"tiers\":[{\"tier_id\":\"x\"}, 7]}");
        String missing = assertThrows(IllegalArgumentException.class, () -> CatalogFile.read(notObject)).getMessage();
        assertTrue(missing.contains("tiers[0]") && missing.contains("tier_slug"), missing);

        Path garbage = file("{tiers");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CatalogFile.read(garbage)).getMessage()
                .startsWith(garbage + " is not valid JSON"));
        Path wrongShape = file("[]");
        assertEquals(wrongShape + " must hold {\"tiers\": [ … ]}",
                assertThrows(IllegalArgumentException.class, () -> CatalogFile.read(wrongShape)).getMessage());
    }
}
