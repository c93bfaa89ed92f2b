package com.hydracore.billing.adapter.rest.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.hydracore.billing.adapter.rest.http.Json;
import com.hydracore.billing.domain.catalog.Tier;
import com.hydracore.billing.domain.validation.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tier catalog file, {@code {"tiers": [ … ]}}, each entry shaped like the body of {@code PUT /v1/admin/tiers/{id}}
 * with its {@code tier_id}: read at start so a platform can keep its catalog in version control.
 */
public final class CatalogFile {

    private CatalogFile() {
    }

    /**
     * Reads and validates every tier of the file.
     *
     * @throws IllegalArgumentException with a one-line message naming the file and the first problem found
     */
    public static List<Tier> read(Path file) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode entries = root == null ? null : root.get("tiers");
        if (entries == null || !entries.isArray()) {
            throw new IllegalArgumentException(file + " must hold {\"tiers\": [ … ]}");
        }
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            JsonNode id = entry.get("tier_id");
            if (id == null || !id.isTextual() || id.asText().isBlank()) {
                throw new IllegalArgumentException(file + ": tiers[" + i + "] has no tier_id");
            }
            try {
                tiers.add(TiersResource.decode(id.asText(), entry));
            } catch (InvalidInputException e) {
                throw new IllegalArgumentException(file + ": tiers[" + i + "]: " + e.getMessage());
            }
        }
        return List.copyOf(tiers);
    }
}
