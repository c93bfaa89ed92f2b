package com.hydracore.billing.application.port.in;

import com.hydracore.billing.domain.catalog.Tier;
import java.util.List;

/** Admin: keep the tier catalog. */
public interface ManageTiers {

    /** Inserts or replaces the tier; returns what is stored. */
    Tier put(Tier tier);

    /** Every tier, ordered by id. */
    List<Tier> list();
}
