package com.hydracore.billing.archfixture.cycle.first;

import com.hydracore.billing.archfixture.cycle.second.Second;

/** Deliberately broken: one half of a package cycle. Only for RulesCanFailTest. */
public final class First {

    /** Reaches the other package, which reaches back. */
    public String describe(Second second) {
        return String.valueOf(second);
    }
}
