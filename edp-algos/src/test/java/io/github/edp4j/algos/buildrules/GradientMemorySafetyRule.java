package io.github.edp4j.algos.buildrules;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.nio.Buffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The build's rule against graph constants over Java memory (see {@code NativeConstants} in edp-core): a class may
 * not call
 * <ul>
 *   <li>an {@code NDArray} arithmetic method ({@code add, sub, mul, div, pow, maximum, minimum, mod, rsub, rdiv} and
 *       their in-place forms) with a {@code Number} argument, nor {@code NDArrays}' static forms with one;</li>
 *   <li>{@code NDManager.create} on Java memory: a Java array, a {@code Buffer}, a number or a boolean;</li>
 *   <li>{@code NDArray.toType}, which returns the same handle when the type already matches;</li>
 *   <li>{@code GradientCollector.backward} directly (it must go through {@code Autograd.backward}, which the
 *       GC-stress run hooks).</li>
 * </ul>
 * Comparisons with a number ({@code gt}, {@code eq}, ...) are allowed: their results carry no gradient.
 */
final class GradientMemorySafetyRule {

    private static final Set<String> ARITHMETIC = Set.of("add", "addi", "sub", "subi", "mul", "muli", "div", "divi",
            "pow", "powi", "maximum", "minimum", "mod", "modi", "rsub", "rsubi", "rdiv", "rdivi");

    /**
     * Main code only: no test classes, whether from a module's {@code test-classes} directory or from edp-core's
     * test-jar, which the full build puts on edp-algos' test class path.
     */
    static final ImportOption MAIN_CODE_ONLY = location -> ImportOption.Predefined.DO_NOT_INCLUDE_TESTS
            .includes(location) && !location.contains("-tests.jar");

    private GradientMemorySafetyRule() {
    }

    /** @return the condition every class of graph code must meet */
    static ArchCondition<JavaClass> makesNoJavaMemoryConstants() {
        return new ArchCondition<>("make no constants over Java memory and call backward only through Autograd") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (JavaCodeUnitAccess<?> access : item.getCodeUnitAccessesFromSelf()) {
                    hazard(access).ifPresent(why -> events.add(SimpleConditionEvent.violated(access,
                            access.getDescription() + ": " + why)));
                }
            }
        };
    }

    /** @return why the call or method reference is hazardous, or empty when it is not */
    static Optional<String> hazard(JavaCodeUnitAccess<?> call) {
        JavaClass owner = call.getTargetOwner();
        String name = call.getName();
        List<JavaClass> params = call.getTarget().getRawParameterTypes();
        if (owner.isAssignableTo(NDArray.class) && ARITHMETIC.contains(name) && params.stream().anyMatch(
                GradientMemorySafetyRule::isNumber)) {
            return Optional.of("a Number argument becomes an array over Java memory; use NativeConstants." + name);
        }
        if (owner.isEquivalentTo(NDArrays.class) && ARITHMETIC.contains(name) && params.stream().anyMatch(
                GradientMemorySafetyRule::isNumber)) {
            return Optional.of("a Number argument becomes an array over Java memory; use NativeConstants");
        }
        if (owner.isAssignableTo(NDManager.class) && name.equals("create") && !params.isEmpty()
                && isJavaMemory(params.get(0))) {
            return Optional.of("the array is a view of Java memory; use NativeConstants.array or scalar");
        }
        if (owner.isAssignableTo(NDArray.class) && name.equals("toType")) {
            return Optional.of("toType may return the same handle; use NativeConstants.convert");
        }
        if (owner.isAssignableTo(GradientCollector.class) && name.equals("backward")) {
            return Optional.of("call Autograd.backward, which the GC-stress run hooks");
        }
        return Optional.empty();
    }

    private static boolean isNumber(JavaClass type) {
        return type.isEquivalentTo(Number.class) || (type.isPrimitive() && !type.isEquivalentTo(boolean.class));
    }

    private static boolean isJavaMemory(JavaClass type) {
        if (type.isArray()) {
            return !type.getBaseComponentType().isEquivalentTo(String.class);
        }
        return type.isAssignableTo(Buffer.class) || isNumber(type) || type.isEquivalentTo(boolean.class)
                || type.isEquivalentTo(Boolean.class);
    }
}
