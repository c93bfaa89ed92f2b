package com.hydracore.billing.bootstrap.architecture;

import static com.hydracore.billing.bootstrap.architecture.ArchitectureRules.applicationDependsOnDomainOnly;
import static com.hydracore.billing.bootstrap.architecture.ArchitectureRules.doesNotDependOn;
import static com.hydracore.billing.bootstrap.architecture.ArchitectureRules.domainDependsOnJdkOnly;
import static com.hydracore.billing.bootstrap.architecture.ArchitectureRules.inboundPortsDoNotSeeOutboundPorts;
import static com.hydracore.billing.bootstrap.architecture.ArchitectureRules.noAdapterTechnologyIn;
import static com.hydracore.billing.bootstrap.architecture.ArchitectureRules.packagesFreeOfCycles;
import static com.hydracore.billing.bootstrap.architecture.ArchitectureRules.reachesTheApplicationOnlyThroughInboundPorts;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hexagon's dependency rules over the production classes of every module. */
class LayeringTest {

    static final String ROOT = "com.hydracore.billing";
    static final String DOMAIN = ROOT + ".domain";
    static final String APPLICATION = ROOT + ".application";
    static final String REST = ROOT + ".adapter.rest";
    static final String PERSISTENCE = ROOT + ".adapter.persistence";
    static final String BOOTSTRAP = ROOT + ".bootstrap";

    static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TEST_FIXTURES)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(ROOT);
    }

    @Test
    void domainDependsOnNothingButTheJdk() {
        domainDependsOnJdkOnly(DOMAIN).check(production);
    }

    @Test
    void applicationDependsOnNothingButTheJdkAndTheDomain() {
        applicationDependsOnDomainOnly(APPLICATION, DOMAIN).check(production);
    }

    @Test
    void noAdapterTechnologyLeaksIntoTheDomainOrTheApplication() {
        noAdapterTechnologyIn(DOMAIN).check(production);
        noAdapterTechnologyIn(APPLICATION).check(production);
    }

    @Test
    void adaptersNeverSeeEachOther() {
        doesNotDependOn(REST, PERSISTENCE, "adapters are independent").check(production);
        doesNotDependOn(PERSISTENCE, REST, "adapters are independent").check(production);
    }

    @Test
    void onlyTheBootstrapSeesTheBootstrap() {
        for (String inner : new String[] {DOMAIN, APPLICATION, REST, PERSISTENCE}) {
            doesNotDependOn(inner, BOOTSTRAP, "wiring happens in one place").check(production);
        }
    }

    @Test
    void innerRingsNeverSeeTheAdapters() {
        for (String inner : new String[] {DOMAIN, APPLICATION}) {
            doesNotDependOn(inner, REST, "dependencies point inwards").check(production);
            doesNotDependOn(inner, PERSISTENCE, "dependencies point inwards").check(production);
        }
    }

    @Test
    void inboundPortsNeverSeeOutboundPorts() {
        inboundPortsDoNotSeeOutboundPorts(APPLICATION).check(production);
    }

    @Test
    void theRestAdapterSeesOnlyInboundPorts() {
        reachesTheApplicationOnlyThroughInboundPorts(REST, APPLICATION).check(production);
    }

    @Test
    void thePersistenceAdaptersPackagesAreFreeOfCycles() {
        packagesFreeOfCycles(PERSISTENCE).check(production);
    }

    @Test
    void everyRingHasClassesSoNoRuleCanPassOnNothing() {
        for (String ring : new String[] {DOMAIN, APPLICATION, REST, PERSISTENCE, BOOTSTRAP}) {
            assertFalse(production.that(resideInAPackage(ring + "..")).isEmpty(), ring + " has no classes");
        }
    }

}
