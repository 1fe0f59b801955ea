package online.hypermesh.trustchain.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The edges talk to interfaces. The build already makes anything else impossible (this module
 * compiles against the EJB module's client jar, package ca.api alone, and core's error types);
 * this test says so in words, and keeps saying it if someone puts a fuller jar on the class path.
 */
class ArchitectureTest {
    private static final JavaClasses WEB = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("online.hypermesh.trustchain.web");

    @Test
    void webTier_usesOnlyTheApiAndCoresErrorTypes() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jakarta..", "online.hypermesh.trustchain.web..",
                        "online.hypermesh.trustchain.ca.api..", "online.hypermesh.trustchain.core.error..",
                        // QName: the JDK's XML names, in the signatures of Jakarta XML Web Services and SAAJ.
                        "javax.xml.namespace..")
                .because("the web tier calls the CA through the @Local interfaces and types of ca.api (ARCHITECTURE.md);"
                        + " what it needs of the CT log, DNS or revocation comes as api types")
                .check(WEB);
    }

    @Test
    void packages_dependOnEachOtherWithoutCycles() {
        slices().matching("online.hypermesh.trustchain.web.(**)").namingSlices("package $1").should().beFreeOfCycles().check(WEB);
    }

    @Test
    void theWebTier_neverMakesACaller() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .should().callConstructorWhere(com.tngtech.archunit.base.DescribedPredicate.describe("a constructor of Caller",
                        (com.tngtech.archunit.core.domain.JavaConstructorCall call) -> call.getTargetOwner().isEquivalentTo(online.hypermesh.trustchain.ca.api.Caller.class)))
                .because("the caller comes from the authenticator (ca.api.Authenticator), never from the edge itself")
                .check(WEB);
    }

    @Test
    void theWebTier_readsNoSettings() {
        noClasses().that().resideOutsideOfPackage("online.hypermesh.trustchain.web.config..")
                .should().callMethod(System.class, "getProperty", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class, String.class)
                .orShould().callMethod(System.class, "getProperties")
                .orShould().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getenv")
                .orShould().callMethod(Integer.class, "getInteger", String.class)
                .orShould().callMethod(Integer.class, "getInteger", String.class, int.class)
                .orShould().callMethod(Integer.class, "getInteger", String.class, Integer.class)
                .orShould().callMethod(Long.class, "getLong", String.class)
                .orShould().callMethod(Long.class, "getLong", String.class, long.class)
                .orShould().callMethod(Boolean.class, "getBoolean", String.class)
                .orShould().dependOnClassesThat().resideInAPackage("org.eclipse.microprofile.config..")
                .because("settings are declared, validated and documented in the EJB module's ca.config; the web tier asks the CA"
                        + " through ca.api")
                .check(WEB);
    }
}
