package com.hydracore.billing.bootstrap;

import com.hydracore.billing.domain.catalog.Tier;
import java.nio.file.Path;
import java.util.List;

/** Loads {@code BILLING_CATALOG_FILE}, turning any problem with it into a configuration error. */
final class CatalogFile {

    private CatalogFile() {
    }

    static List<Tier> load(Path file) {
        try {
            return com.hydracore.billing.adapter.rest.admin.CatalogFile.read(file);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("BILLING_CATALOG_FILE", e.getMessage());
        }
    }
}
