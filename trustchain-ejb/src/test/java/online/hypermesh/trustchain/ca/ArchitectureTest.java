package online.hypermesh.trustchain.ca;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The rooms of the CA (ARCHITECTURE.md, STYLE.md), checked on the compiled classes rather than on
 * import lines, so fully qualified names, field types and calls count too. A violation fails the
 * build with every class, member and line that causes it.
 *
 * <p>The rooms are the top-level packages under {@code online.hypermesh.trustchain.ca}. Edges call
 * {@code api}; {@code application} coordinates and depends on {@code domain}'s ports;
 * {@code infrastructure} implements those ports; {@code ct} and {@code dns} may use the application
 * (the authority registry), never the other way round: the application learns what they need to
 * know through domain events.
 */
class ArchitectureTest {
    private static final String CA = "online.hypermesh.trustchain.ca";
    private static final ImportOption MAIN_CLASSES = ImportOption.Predefined.DO_NOT_INCLUDE_TESTS;

    /** The EJB module's own classes. */
    private static final JavaClasses ROOMS = new ClassFileImporter().withImportOption(MAIN_CLASSES).importPackages(CA);

    /** Everything of TrustChain's that this module deploys: its own classes and those of core, ct-log and doq on its class path. */
    private static final JavaClasses DEPLOYED = new ClassFileImporter().withImportOption(MAIN_CLASSES)
            .importPackages("online.hypermesh.trustchain");

    @Test
    void rooms_dependOnEachOtherWithoutCycles() {
        slices().matching(CA + ".(*)..").namingSlices("room $1").should().beFreeOfCycles()
                .because("a cycle between two rooms means neither can be understood, tested or changed without the other;"
                        + " move the dependency to the side it belongs (a port in domain, or a domain event the other room observes)")
                .check(ROOMS);
    }

    @Test
    void packages_ofEveryDeployedModule_dependOnEachOtherWithoutCycles() {
        slices().matching("online.hypermesh.trustchain.(**)").namingSlices("package $1").should().beFreeOfCycles()
                .because("packages of trustchain-core, ct-log, doq and the EJB module must form a hierarchy, not a knot")
                .check(DEPLOYED);
    }

    @Test
    void application_reachesInfrastructureOnlyThroughDomainPorts() {
        noClasses().that().resideInAPackage(CA + ".application..")
                .should().dependOnClassesThat().resideInAPackage(CA + ".infrastructure..")
                .because("application code depends on the domain's ports, whose comments state the durability contract;"
                        + " infrastructure implements them, so a store can change without the application noticing")
                .check(ROOMS);
    }

    @Test
    void api_isSelfContained_soItsClientJarIsAllTheWebTierNeeds() {
        classes().that().resideInAPackage(CA + ".api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "jakarta..", CA + ".api..",
                        "online.hypermesh.trustchain.core.error..")
                .because("trustchain-web compiles against the ejb-client jar, which holds ca.api alone (and core's error types"
                        + " beside it); give the api its own small types instead of the CA's, ct-log's or doq's")
                .check(ROOMS);
    }

    @Test
    void domain_dependsOnNoOtherRoom() {
        noClasses().that().resideInAPackage(CA + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(CA + ".api..", CA + ".application..", CA + ".bootstrap..",
                        CA + ".config..", CA + ".ct..", CA + ".dns..", CA + ".infrastructure..", CA + ".signer..")
                .because("the domain declares the ports and state types every other room builds on")
                .check(ROOMS);
    }

    @Test
    void callers_comeFromAuthenticationOrANamedSystemIdentity() {
        noClasses().that().doNotHaveFullyQualifiedName(CA + ".application.CredentialAuthenticatorBean")
                .and().doNotHaveFullyQualifiedName(CA + ".application.SystemIdentities")
                .and().doNotHaveFullyQualifiedName(CA + ".api.Caller")
                .should().callConstructorWhere(com.tngtech.archunit.base.DescribedPredicate.describe("a constructor of Caller",
                        (com.tngtech.archunit.core.domain.JavaConstructorCall call) -> call.getTargetOwner().isEquivalentTo(online.hypermesh.trustchain.ca.api.Caller.class)))
                .because("a Caller is who authenticated, or one of the audited system identities; a bean that made its own"
                        + " would act with rights no one gave it")
                .check(DEPLOYED);
    }

    @Test
    void onlyTheConfigPackage_readsSettings() {
        noClasses().that().resideOutsideOfPackage(CA + ".config..")
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
                .because("a setting is declared once in ca.config (name, type, default, range, meaning), validated with all others at"
                        + " start-up and listed in README's settings reference; inject its section instead of reading it yourself")
                .check(DEPLOYED);
    }
}
