package io.github.edp4j.sweep;

import io.github.edp4j.algos.EdpTrainer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A setting of {@link EdpTrainer.Builder} that a sweep's grid may vary, found by name among the builder's public
 * methods whose parameters are numbers, booleans, enums or an {@code int[]} ({@code iterations}, {@code hidden},
 * {@code actorLearningRate}, {@code iql}, {@code sampler}, {@code preset}, ...). The settings the sweep itself owns
 * (algorithm, policy class, seed, threads, evaluation, output and checkpoint locations, listeners) are not among
 * them. A value is converted to the parameter types here, with messages naming the grid key; ranges are checked by
 * the builder's own {@code build()}.
 */
final class TrainerSetting {

    /** Builder methods the sweep sets itself, or that take no data value. */
    private static final Set<String> OWNED = Set.of("algo", "policy", "seed", "threads", "evaluation", "listener",
            "outputDir", "checkpoints", "resume", "progress", "gpu", "build");

    /** Every variable setting by name, sorted. */
    private static final Map<String, TrainerSetting> ALL = discover();

    private final String name;
    private final Method method;

    private TrainerSetting(String name, Method method) {
        this.name = name;
        this.method = method;
    }

    private static Map<String, TrainerSetting> discover() {
        Map<String, TrainerSetting> out = new TreeMap<>();
        for (Method m : EdpTrainer.Builder.class.getMethods()) {
            if (m.getDeclaringClass() != EdpTrainer.Builder.class || Modifier.isStatic(m.getModifiers())
                    || OWNED.contains(m.getName()) || m.getParameterCount() == 0
                    || !Arrays.stream(m.getParameterTypes()).allMatch(TrainerSetting::supported)) {
                continue;
            }
            TrainerSetting previous = out.put(m.getName(), new TrainerSetting(m.getName(), m));
            if (previous != null) {
                throw new IllegalStateException("two builder methods named " + m.getName() + " take plain values");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static boolean supported(Class<?> t) {
        return t == int.class || t == long.class || t == double.class || t == boolean.class || t.isEnum()
                || t == int[].class;
    }

    /** @return the names a grid may use, sorted */
    static Set<String> names() {
        return ALL.keySet();
    }

    /**
     * @param key where the name appears in the spec, for messages ({@code grid})
     * @param name a setting name
     * @return the setting
     * @throws IllegalArgumentException naming the key, the value and the allowed names if there is none
     */
    static TrainerSetting named(String key, String name) {
        TrainerSetting s = ALL.get(name);
        if (s == null) {
            throw new IllegalArgumentException(key + ": '" + name + "' is not a trainer setting a sweep can vary;"
                    + " allowed: " + String.join(", ", ALL.keySet()) + " (algorithms, policies and seeds have keys"
                    + " of their own)");
        }
        return s;
    }

    /** @return the setting's name, the builder method's */
    String name() {
        return name;
    }

    /** @return the parameters, such as {@code (double alpha, double eta)}, for messages */
    String signature() {
        return Arrays.stream(method.getParameters())
                .map(p -> typeName(p.getType()) + (p.isNamePresent() ? " " + p.getName() : ""))
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static String typeName(Class<?> t) {
        if (t.isEnum()) {
            return Arrays.stream(t.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining("|"));
        }
        return t == int[].class ? "int list" : t.getSimpleName();
    }

    /**
     * Converts one alternative of the grid to the canonical form a run carries (and {@link #apply} takes): an
     * {@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, an enum constant's name, a list of integers
     * for an {@code int[]}, or a list of those for a method of several parameters.
     *
     * @param key the alternative's place in the spec, such as {@code grid.td3[1]}, for messages
     * @param value the parsed value (numbers, booleans, strings, lists)
     * @return the canonical, serializable value
     * @throws IllegalArgumentException naming the key, the value and what is allowed
     */
    Object canonical(String key, Object value) {
        Class<?>[] types = method.getParameterTypes();
        if (types.length == 1) {
            return convert(key, value, types[0]);
        }
        if (!(value instanceof List<?> list) || list.size() != types.length) {
            throw new IllegalArgumentException(key + " = " + SweepSpec.show(value) + " is invalid: " + name
                    + " takes " + types.length + " values " + signature() + ", as a list such as [" + example(types)
                    + "]");
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            out.add(convert(key + "[" + i + "]", list.get(i), types[i]));
        }
        return Collections.unmodifiableList(out);
    }

    private static String example(Class<?>[] types) {
        return Arrays.stream(types).map(t -> t == boolean.class ? "true" : t.isEnum()
                ? ((Enum<?>) t.getEnumConstants()[0]).name().toLowerCase(Locale.ROOT) : t == double.class ? "1.0"
                : "1").collect(Collectors.joining(", "));
    }

    private Object convert(String key, Object value, Class<?> type) {
        String bad = key + " = " + SweepSpec.show(value) + " is invalid: " + name + " takes ";
        if (type == int[].class) {
            List<?> list = value instanceof List<?> l ? l : List.of(value);
            if (list.isEmpty()) {
                throw new IllegalArgumentException(bad + "a non-empty list of integers");
            }
            List<Integer> ints = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                ints.add((Integer) convert(key + "[" + i + "]", list.get(i), int.class));
            }
            return Collections.unmodifiableList(ints);
        }
        if (type == boolean.class) {
            if (value instanceof Boolean b) {
                return b;
            }
            throw new IllegalArgumentException(bad + "true or false");
        }
        if (type.isEnum()) {
            List<String> allowed = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            if (value instanceof String s) {
                for (String c : allowed) {
                    if (c.equalsIgnoreCase(s.strip())) {
                        return c;
                    }
                }
            }
            throw new IllegalArgumentException(bad + "one of " + allowed.stream()
                    .map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(bad + "a number (" + type.getSimpleName() + ")");
        }
        double d = n.doubleValue();
        if (type == double.class) {
            return d;
        }
        if (d != Math.rint(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(bad + "an integer (" + type.getSimpleName() + ")");
        }
        if (type == int.class) {
            if (d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(bad + "an int, at most " + Integer.MAX_VALUE);
            }
            return (int) d;
        }
        return n instanceof Long || n instanceof Integer ? n.longValue() : (long) d;
    }

    /**
     * Calls the builder method with a canonical value.
     *
     * @param b the builder
     * @param value a value of {@link #canonical}
     * @throws IllegalArgumentException the builder's own message if it refuses the value at once
     */
    void apply(EdpTrainer.Builder b, Object value) {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        if (types.length == 1) {
            args[0] = argument(value, types[0]);
        } else {
            List<?> list = (List<?>) value;
            for (int i = 0; i < types.length; i++) {
                args[i] = argument(list.get(i), types[i]);
            }
        }
        try {
            method.invoke(b, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("setting " + name + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("setting " + name + " is not accessible", e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object argument(Object value, Class<?> type) {
        if (type == int[].class) {
            return ((List<?>) value).stream().mapToInt(v -> (Integer) v).toArray();
        }
        if (type.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) type, (String) value);
        }
        if (type == long.class) {
            return ((Number) value).longValue();
        }
        if (type == double.class) {
            return ((Number) value).doubleValue();
        }
        if (type == int.class) {
            return ((Number) value).intValue();
        }
        return value;
    }

    /**
     * @param value a canonical value
     * @return it for a label: {@code 0.001}, {@code [64, 64]}, {@code vp}
     */
    static String label(Object value) {
        if (value instanceof String s) {
            return s.toLowerCase(Locale.ROOT);
        }
        if (value instanceof List<?> l) {
            return l.stream().map(TrainerSetting::label).collect(Collectors.joining(",", "[", "]"));
        }
        return String.valueOf(value);
    }
}
