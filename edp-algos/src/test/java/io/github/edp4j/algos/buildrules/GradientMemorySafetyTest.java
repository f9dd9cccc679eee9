package io.github.edp4j.algos.buildrules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.github.edp4j.algos.buildrules.planted.PlantedViolations;
import io.github.edp4j.core.nn.Autograd;
import io.github.edp4j.core.nn.NativeConstants;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Fails the build on graph constants over Java memory in the main code of edp-core and edp-algos (issue
 * "Reliability": gradients that read freed memory), and proves on planted code that it catches each hazardous form.
 */
class GradientMemorySafetyTest {

    private static final ArchRule RULE = classes()
            .that().resideInAnyPackage("io.github.edp4j.core..", "io.github.edp4j.algos..")
            .and().doNotBelongToAnyOf(NativeConstants.class, Autograd.class)
            .should(GradientMemorySafetyRule.makesNoJavaMemoryConstants());

    @Test
    void mainCodeOfCoreAndAlgosMakesNoConstantsOverJavaMemory() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(GradientMemorySafetyRule.MAIN_CODE_ONLY)
                .importPackages("io.github.edp4j.core", "io.github.edp4j.algos");
        // the rule must see the graph code, or it would pass vacuously
        for (String name : List.of("io.github.edp4j.core.sampling.DdpmSampler", "io.github.edp4j.algos.TrainingRun",
                "io.github.edp4j.algos.improvement.Td3Bc", "io.github.edp4j.core.nn.Mlp")) {
            assertTrue(main.contain(name), name + " was not imported");
        }
        RULE.check(main);
    }

    @Test
    void theRuleCatchesEveryPlantedHazardousForm() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedViolations.class);
        EvaluationResult result = RULE.evaluate(planted);
        List<String> messages = result.getFailureReport().getDetails();
        for (String method : PlantedViolations.HAZARDOUS_METHODS) {
            long hits = messages.stream().filter(m -> m.contains("PlantedViolations." + method + "(")).count();
            assertEquals(1, hits, () -> method + " should be reported once; report:\n"
                    + String.join("\n", messages));
        }
        assertTrue(messages.stream().noneMatch(m -> m.contains("PlantedViolations.safe")),
                () -> "the safe forms were reported:\n" + messages.stream().collect(Collectors.joining("\n")));
        assertEquals(PlantedViolations.HAZARDOUS_METHODS.size(), messages.size(), () -> String.join("\n", messages));
    }
}
