package com.hydracore.billing.archfixture.cycle.second;

import com.hydracore.billing.archfixture.cycle.first.First;

/** Deliberately broken: the other half of a package cycle. Only for RulesCanFailTest. */
public final class Second {

    /** Reaches back to the first package. */
    public String describe(First first) {
        return String.valueOf(first);
    }
}
