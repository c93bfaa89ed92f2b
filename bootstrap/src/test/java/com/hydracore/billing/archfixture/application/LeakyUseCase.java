package com.hydracore.billing.archfixture.application;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Deliberately broken: an application class that uses Jackson. Only for RulesCanFailTest. */
public final class LeakyUseCase {

    /** Uses a Jackson type, forbidden in the application. */
    public String describe(ObjectMapper mapper) {
        return String.valueOf(mapper);
    }
}
