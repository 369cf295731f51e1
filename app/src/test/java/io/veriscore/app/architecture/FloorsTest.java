package io.veriscore.app.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The app's shape: shared mechanisms (floors) that features plug into, and features that depend on each other in one
 * direction only. A change that breaks it fails here, with the offending dependencies listed.
 */
class FloorsTest {

    /** Mechanisms every feature shares; they never know the features. */
    static final String[] FLOORS = {"..app.auth..", "..app.canonical..", "..app.config..", "..app.error..", "..app.health..",
            "..app.jobs..", "..app.log..", "..app.notify..", "..app.plugin..", "..app.signing..", "..app.web.."};

    /** What users come for, each with its resource, service, entities and repository. */
    static final String[] FEATURES = {"..app.audit..", "..app.chain..", "..app.face..", "..app.inference..", "..app.model..",
            "..app.proof..", "..app.session..", "..app.status..", "..app.webhook.."};

    static final JavaClasses APP = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.veriscore.app");

    @Test
    void floorsNeverDependOnFeatures() {
        noClasses().that().resideInAnyPackage(FLOORS).should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .because("a floor is shared by every feature: a feature plugs into it (an interface, an event, a bean it"
                        + " finds), so that a change in one feature does not ripple through the others")
                .check(APP);
    }

    @Test
    void floorsHaveNoCycles() {
        slices().matching("io.veriscore.app.(*)..").should().beFreeOfCycles().check(APP.that(resideInAnyPackage(FLOORS)));
    }

    @Test
    void featuresDependOnEachOtherInOneDirection() {
        slices().matching("io.veriscore.app.(*)..").should().beFreeOfCycles().check(APP.that(resideInAnyPackage(FEATURES)));
    }

    /** A new package says what it is here, so that the rules above cover it. */
    @Test
    void everyPackageIsAFloorOrAFeature() {
        Set<String> named = Stream.concat(Arrays.stream(FLOORS), Arrays.stream(FEATURES))
                .map(pattern -> pattern.replace("..app.", "").replace("..", "")).collect(Collectors.toSet());
        Set<String> unnamed = APP.stream().map(JavaClass::getPackageName).filter(name -> name.startsWith("io.veriscore.app."))
                .map(name -> name.substring("io.veriscore.app.".length()).split("\\.")[0])
                .filter(name -> !named.contains(name)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unnamed, "packages that are neither a floor nor a feature");
    }
}
