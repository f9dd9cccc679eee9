package io.github.edp4j.algos.buildrules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.github.edp4j.core.TorchRuntime;
import org.junit.jupiter.api.Test;

/**
 * Library code touches libtorch's process-wide generator and thread count only through scopes that restore or
 * guard them ({@link TorchRuntime#withSeed}, {@link TorchRuntime#withThreads}), never through the bare setters that
 * let two fits in one JVM interfere (issue "Audit findings", defect 4); and it sets no system property, such as DJL's
 * {@code ai.djl.offline}, which is the application's to choose (issue 16).
 */
class ProcessWideStateTest {

    @Test
    void coreAndAlgosNeverCallTheBareGeneratorOrThreadSetters() {
        JavaClasses main = new ClassFileImporter().withImportOption(GradientMemorySafetyRule.MAIN_CODE_ONLY)
                .importPackages("io.github.edp4j.core", "io.github.edp4j.algos");
        noClasses().that().resideInAnyPackage("io.github.edp4j.core..", "io.github.edp4j.algos..")
                .and().doNotBelongToAnyOf(TorchRuntime.class)
                .should().callMethod(TorchRuntime.class, "seed", long.class)
                .orShould().callMethod(TorchRuntime.class, "threads", int.class)
                .because("the generator and the thread count are process-wide: use TorchRuntime.withSeed / withThreads")
                .check(main);
    }

    @Test
    void libraryModulesSetNoSystemProperty() {
        JavaClasses main = new ClassFileImporter().withImportOption(GradientMemorySafetyRule.MAIN_CODE_ONLY)
                .importPackages("io.github.edp4j.core", "io.github.edp4j.algos", "io.github.edp4j.d4rl");
        noClasses().that().resideInAnyPackage("io.github.edp4j.core..", "io.github.edp4j.algos..",
                        "io.github.edp4j.d4rl..")
                .should().callMethod(System.class, "setProperty", String.class, String.class)
                .orShould().callMethod(System.class, "clearProperty", String.class)
                .orShould().callMethod(System.class, "setProperties", java.util.Properties.class)
                .because("system properties are process-wide: DJL's offline mode, for one, is the application's"
                        + " choice")
                .check(main);
    }
}
