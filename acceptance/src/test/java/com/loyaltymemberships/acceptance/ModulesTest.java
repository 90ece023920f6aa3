package com.loyaltymemberships.acceptance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * On top of the shared module sit the four handlers, the local server and the admin tool; none imports another
 * (the local server finds the handlers as services), and the shared module imports none of them. The tools that measure
 * the service or soak it (bench/, soak/) are not on the tests' class path: what the tests share with them is in devkit
 * (below the service) and cost/ (the DynamoDB cost scenarios).
 */
@AnalyzeClasses(
        packages = "com.loyaltymemberships",
        importOptions = {ImportOption.DoNotIncludeTests.class, ModulesTest.NoTestJars.class})
class ModulesTest {

    /** Shared's test fixtures come as a test-jar (loyalty-shared-*-tests.jar): tests, not modules. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static final String FUNCTIONS = "com.loyaltymemberships.functions..";
    private static final String LOCAL = "com.loyaltymemberships.local..";
    private static final String ADMIN = "com.loyaltymemberships.admin..";
    private static final String DEVKIT = "com.loyaltymemberships.devkit..";
    private static final String BENCH = "com.loyaltymemberships.bench..";
    private static final String SOAK = "com.loyaltymemberships.soak..";

    @ArchTest
    static final ArchRule handlersImportOnlyTheSharedModule = noClasses()
            .that()
            .resideInAPackage(FUNCTIONS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(LOCAL, ADMIN, DEVKIT);

    @ArchTest
    static final ArchRule handlersDoNotImportEachOther = noClasses()
            .that()
            .resideInAPackage(FUNCTIONS)
            .should()
            .dependOnClassesThat(DescribedPredicate.describe(
                    "another handler", target -> target.getPackageName().equals("com.loyaltymemberships.functions")))
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule localServerImportsNoHandlerNorAdmin = noClasses()
            .that()
            .resideInAPackage(LOCAL)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FUNCTIONS, ADMIN);

    @ArchTest
    static final ArchRule adminImportsNoHandlerNorLocalServer = noClasses()
            .that()
            .resideInAPackage(ADMIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FUNCTIONS, LOCAL);

    @ArchTest
    static final ArchRule sharedImportsNothingAboveIt = noClasses()
            .that()
            .resideInAnyPackage(
                    "com.loyaltymemberships.contract..",
                    "com.loyaltymemberships.logging..",
                    "com.loyaltymemberships.validation..",
                    "com.loyaltymemberships.access..",
                    "com.loyaltymemberships.membership..",
                    "com.loyaltymemberships.dynamodb..",
                    "com.loyaltymemberships.time..",
                    "com.loyaltymemberships.idempotency..",
                    "com.loyaltymemberships.pipeline..",
                    "com.loyaltymemberships.operations..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FUNCTIONS, LOCAL, ADMIN, DEVKIT);

    @ArchTest
    static final ArchRule theTestsDoNotDependOnTheBenchNorTheSoak =
            noClasses().should().resideInAnyPackage(BENCH, SOAK);
}
