package com.hydracore.billing.archfixture.domain;

import com.hydracore.billing.archfixture.application.LeakyUseCase;
import org.jooq.DSLContext;

/** Deliberately broken: a domain class that uses jOOQ and reaches outwards. Only for RulesCanFailTest. */
public final class LeakyDomainValue {

    /** Uses a jOOQ type and an application type, both forbidden in a domain. */
    public String describe(DSLContext dsl, LeakyUseCase useCase) {
        return String.valueOf(dsl) + useCase;
    }
}
