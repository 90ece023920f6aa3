package com.loyaltymemberships.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shared module is a one-way stack, read one layer at a time (README, "Architecture"):
 * wire contract → validation → access, idempotency and membership rules (which own the store interfaces they need) →
 * DynamoDB repository (which implements them) → request pipeline → the operations, each whole in one class, that the
 * pipeline runs and the handlers name. Beside the pipeline, on the repository, the membership change events (changes:
 * the stream's consumer). Logging is a utility the two adapters use; time (deadlines, backoff, running out of time) one
 * that the rules, both adapters and the events use.
 */
@AnalyzeClasses(packages = "com.loyaltymemberships", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

    @ArchTest
    static final ArchRule packagesHaveNoCycles =
            slices().matching("com.loyaltymemberships.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersOnlyLookDown = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Contract")
            .definedBy("com.loyaltymemberships.contract..")
            .layer("Logging")
            .definedBy("com.loyaltymemberships.logging..")
            .layer("Time")
            .definedBy("com.loyaltymemberships.time..")
            .layer("Validation")
            .definedBy("com.loyaltymemberships.validation..")
            .layer("Access")
            .definedBy("com.loyaltymemberships.access..")
            .layer("Idempotency")
            .definedBy("com.loyaltymemberships.idempotency..")
            .layer("Membership")
            .definedBy("com.loyaltymemberships.membership..")
            .layer("DynamoDb")
            .definedBy("com.loyaltymemberships.dynamodb..")
            .layer("Pipeline")
            .definedBy("com.loyaltymemberships.pipeline..")
            .layer("Operations")
            .definedBy("com.loyaltymemberships.operations..")
            .layer("Changes")
            .definedBy("com.loyaltymemberships.changes..")
            .whereLayer("Operations")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Changes")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Pipeline")
            .mayOnlyBeAccessedByLayers("Operations")
            .whereLayer("DynamoDb")
            .mayOnlyBeAccessedByLayers("Pipeline", "Changes")
            .whereLayer("Membership")
            .mayOnlyBeAccessedByLayers("DynamoDb", "Pipeline", "Operations", "Changes")
            .whereLayer("Access")
            .mayOnlyBeAccessedByLayers("Membership", "DynamoDb", "Pipeline", "Operations")
            .whereLayer("Idempotency")
            .mayOnlyBeAccessedByLayers("Membership", "DynamoDb", "Pipeline")
            .whereLayer("Validation")
            .mayOnlyBeAccessedByLayers("Access", "Membership", "DynamoDb", "Pipeline", "Operations")
            .whereLayer("Logging")
            .mayOnlyBeAccessedByLayers("DynamoDb", "Pipeline")
            .whereLayer("Time")
            .mayOnlyBeAccessedByLayers("Membership", "DynamoDb", "Pipeline", "Changes")
            .whereLayer("Contract")
            .mayOnlyBeAccessedByLayers(
                    "Validation",
                    "Access",
                    "Idempotency",
                    "Membership",
                    "DynamoDb",
                    "Pipeline",
                    "Operations",
                    "Changes");
}
