package com.hydracore.billing.bootstrap.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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
                // javax.crypto is the JDK's too: webhook signatures are HMAC-SHA256 by its Mac
                .should().onlyDependOnClassesThat().resideInAnyPackage(domain + "..", "java..", "javax.crypto..")
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

    /**
     * Inbound ports (what a user asks) never mention outbound ones (what the application needs from storage): a
     * caller of a use case sees the use case's own types, and a store's types can change without it.
     */
    static ArchRule inboundPortsDoNotSeeOutboundPorts(String application) {
        return noClasses().that().resideInAPackage(application + ".port.in..")
                .should().dependOnClassesThat().resideInAPackage(application + ".port.out..")
                .as("inbound ports (" + application + ".port.in) never depend on outbound ports (port.out)");
    }

    /**
     * A driving adapter reaches the application only through its inbound ports and the errors they throw: never
     * an outbound port, a service or the application's settings.
     */
    static ArchRule reachesTheApplicationOnlyThroughInboundPorts(String adapter, String application) {
        return noClasses().that().resideInAPackage(adapter + "..")
                .should().dependOnClassesThat(resideInAPackage(application + "..")
                        .and(not(resideInAnyPackage(application + ".port.in..", application + ".error.."))))
                .as(adapter + " depends on the application (" + application + ") only through port.in and its"
                        + " errors");
    }

    /** The packages under {@code root} depend on each other in one direction only. */
    static ArchRule packagesFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .as("the packages of " + root + " are free of cycles");
    }
}
