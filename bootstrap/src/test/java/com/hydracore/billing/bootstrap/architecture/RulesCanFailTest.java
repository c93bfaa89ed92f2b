package com.hydracore.billing.bootstrap.architecture;

import static com.hydracore.billing.bootstrap.architecture.ArchitectureRules.applicationDependsOnDomainOnly;
import static com.hydracore.billing.bootstrap.architecture.ArchitectureRules.doesNotDependOn;
import static com.hydracore.billing.bootstrap.architecture.ArchitectureRules.domainDependsOnJdkOnly;
import static com.hydracore.billing.bootstrap.architecture.ArchitectureRules.inboundPortsDoNotSeeOutboundPorts;
import static com.hydracore.billing.bootstrap.architecture.ArchitectureRules.noAdapterTechnologyIn;
import static com.hydracore.billing.bootstrap.architecture.ArchitectureRules.packagesFreeOfCycles;
import static com.hydracore.billing.bootstrap.architecture.ArchitectureRules.reachesTheApplicationOnlyThroughInboundPorts;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Aims every layering rule at the deliberately broken fixture in {@code com.hydracore.billing.archfixture}: a rule
 * that does not fail there could not catch a real violation either.
 */
class RulesCanFailTest {

    static final String FIXTURE = "com.hydracore.billing.archfixture";

    static JavaClasses fixture;

    @BeforeAll
    static void importFixture() {
        fixture = new ClassFileImporter().importPackages(FIXTURE);
    }

    @Test
    void domainRuleCatchesAJooqTypeInTheDomain() {
        assertViolated(() -> domainDependsOnJdkOnly(FIXTURE + ".domain").check(fixture));
        assertViolated(() -> noAdapterTechnologyIn(FIXTURE + ".domain").check(fixture));
    }

    @Test
    void applicationRuleCatchesAJacksonTypeInTheApplication() {
        assertViolated(() -> applicationDependsOnDomainOnly(FIXTURE + ".application", FIXTURE + ".domain")
                .check(fixture));
        assertViolated(() -> noAdapterTechnologyIn(FIXTURE + ".application").check(fixture));
    }

    @Test
    void dependencyRuleCatchesAnInnerRingReachingOutwards() {
        assertViolated(() -> doesNotDependOn(FIXTURE + ".domain", FIXTURE + ".application", "test").check(fixture));
    }

    @Test
    void inboundPortRuleCatchesAUseCaseAnsweringAStoresType() {
        assertViolated(() -> inboundPortsDoNotSeeOutboundPorts(FIXTURE + ".application").check(fixture));
    }

    @Test
    void restRuleCatchesAResourceReadingAStoresType() {
        assertViolated(() -> reachesTheApplicationOnlyThroughInboundPorts(FIXTURE + ".adapter.rest",
                FIXTURE + ".application").check(fixture));
    }

    @Test
    void cycleRuleCatchesTwoPackagesReachingEachOther() {
        assertViolated(() -> packagesFreeOfCycles(FIXTURE + ".cycle").check(fixture));
    }

    @Test
    void aRuleAimedAtAMissingPackageFailsInsteadOfPassing() {
        assertViolated(() -> domainDependsOnJdkOnly(FIXTURE + ".nosuchpackage").check(fixture));
    }

    private static void assertViolated(org.junit.jupiter.api.function.Executable check) {
        assertThrows(AssertionError.class, check);
    }
}
