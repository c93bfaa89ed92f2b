package com.hydracore.billing.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of the hexagon, as rules parameterised by root package so each can be aimed at a deliberately wrong
 * fixture to prove it fails.
 */
final class ArchitectureRules {

    /** Technology the inner rings must never see. */
    static final String[] ADAPTER_TECHNOLOGY = {
        "org.jooq..", "java.sql..", "javax.sql..", "org.flywaydb..", "com.zaxxer..", "org.postgresql..", "org.h2..",
        "jakarta.ws.rs..", "org.glassfish..", "com.fasterxml..", "com.nimbusds..", "io.micrometer..", "io.swagger..",
        "jakarta.servlet..", "org.slf4j.."
    };

    private ArchitectureRules() {
    }

    /** The domain depends on the JDK and itself only: other JVM services embed it. */
    static ArchRule domainDependsOnJdkOnly(String domain) {
        return classes().that().resideInAPackage(domain + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(domain + "..", "java..")
                .as("the domain (" + domain + ") depends on nothing but the JDK");
    }

    /** The application depends on the JDK, the domain and itself only. */
    static ArchRule applicationDependsOnDomainOnly(String application, String domain) {
        return classes().that().resideInAPackage(application + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(application + "..", domain + "..", "java..")
                .as("the application (" + application + ") depends on nothing but the JDK and the domain");
    }

    /** No adapter technology in an inner ring, named so the failure says which library leaked. */
    static ArchRule noAdapterTechnologyIn(String ring) {
        return noClasses().that().resideInAPackage(ring + "..")
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTER_TECHNOLOGY)
                .as("no jOOQ, JDBC, Jersey, Jackson, nimbus or other adapter type in " + ring);
    }

    /** One package never reaches into another. */
    static ArchRule doesNotDependOn(String from, String to, String why) {
        return noClasses().that().resideInAPackage(from + "..")
                .should().dependOnClassesThat().resideInAPackage(to + "..")
                .as(from + " does not depend on " + to + ": " + why);
    }
}
