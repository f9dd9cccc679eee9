package io.github.edp4j.d4rl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which columns of a CSV file hold what, for logs exported from other systems. Observation, action and
 * next-observation columns are lists of column names, where a name ending in {@code *} stands for every column
 * starting with what precedes it, in file order. Reward, terminal, timeout and episode are single columns; all but
 * the reward may be absent. Immutable.
 *
 * <p>{@link #defaults()} expects {@code obs*}, {@code act*}, {@code reward}, and uses {@code terminal},
 * {@code timeout}, {@code episode} and {@code next_obs*} when the file has them. {@link #parse(String)} reads the
 * command line's spelling, for example {@code obs=x,y,vx,vy;act=u*;reward=r;terminal=done;episode=run}.
 */
public final class CsvColumns {

    private static final Set<String> KEYS = Set.of("obs", "act", "next", "reward", "terminal", "timeout", "episode");

    private final List<String> observations;
    private final List<String> actions;
    private final List<String> nextObservations;
    private final String reward;
    private final String terminal;
    private final String timeout;
    private final String episode;
    private final Set<String> required;

    private CsvColumns(List<String> observations, List<String> actions, List<String> nextObservations, String reward,
            String terminal, String timeout, String episode, Set<String> required) {
        this.observations = List.copyOf(observations);
        this.actions = List.copyOf(actions);
        this.nextObservations = List.copyOf(nextObservations);
        this.reward = reward;
        this.terminal = terminal;
        this.timeout = timeout;
        this.episode = episode;
        this.required = Set.copyOf(required);
    }

    /**
     * @return {@code obs*} observations, {@code act*} actions, a {@code reward} column, and the columns
     *     {@code terminal}, {@code timeout}, {@code episode}, {@code next_obs*} where the file has them
     */
    public static CsvColumns defaults() {
        return new CsvColumns(List.of("obs*"), List.of("act*"), List.of("next_obs*"), "reward", "terminal",
                "timeout", "episode", Set.of("obs", "act", "reward"));
    }

    /**
     * An explicit mapping; every named column must exist.
     *
     * @param observations observation column names or {@code prefix*} patterns, at least one
     * @param actions action column names or patterns, at least one
     * @param reward the reward column
     * @param terminal the terminal flag column (true end, no bootstrapping), or {@code null}
     * @param timeout the timeout flag column (episode truncated after the row), or {@code null}
     * @param episode a column whose value changes where a new episode starts, or {@code null}
     * @param nextObservations next-observation columns (empty: the next row's observation is used)
     * @return the mapping
     * @throws IllegalArgumentException naming an empty list or blank name
     */
    public static CsvColumns of(List<String> observations, List<String> actions, String reward, String terminal,
            String timeout, String episode, List<String> nextObservations) {
        requireNames("observations", observations, false);
        requireNames("actions", actions, false);
        requireNames("next observations", nextObservations, true);
        if (reward == null || reward.isBlank()) {
            throw new IllegalArgumentException("CSV columns: reward column must be named, got '" + reward + "'");
        }
        for (String[] f : new String[][] {{"terminal", terminal}, {"timeout", timeout}, {"episode", episode}}) {
            if (f[1] != null && f[1].isBlank()) {
                throw new IllegalArgumentException("CSV columns: " + f[0] + " column name is blank; use null for none");
            }
        }
        Set<String> req = new LinkedHashSet<>(KEYS);
        if (nextObservations.isEmpty()) {
            req.remove("next");
        }
        return new CsvColumns(observations, actions, nextObservations, reward.trim(), trim(terminal), trim(timeout),
                trim(episode), req);
    }

    /**
     * Parses {@code key=value;...} with keys {@code obs}, {@code act}, {@code next} (comma-separated names or
     * {@code prefix*} patterns) and {@code reward}, {@code terminal}, {@code timeout}, {@code episode} (one name
     * each). Keys not given take the {@link #defaults()}.
     *
     * @param spec the mapping, such as {@code obs=x,y;act=u*;reward=r;terminal=done}
     * @return the mapping
     * @throws IllegalArgumentException naming an unknown key or a malformed part
     */
    public static CsvColumns parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        CsvColumns d = defaults();
        List<String> obs = d.observations;
        List<String> act = d.actions;
        List<String> next = d.nextObservations;
        String reward = d.reward;
        String terminal = d.terminal;
        String timeout = d.timeout;
        String episode = d.episode;
        Set<String> given = new LinkedHashSet<>();
        for (String part : spec.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("CSV columns: '" + part.trim() + "' is not key=value (keys: "
                        + String.join(", ", sorted(KEYS)) + ")");
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("CSV columns: unknown key '" + key + "' (keys: "
                        + String.join(", ", sorted(KEYS)) + ")");
            }
            if (!given.add(key)) {
                throw new IllegalArgumentException("CSV columns: key '" + key + "' given twice");
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException("CSV columns: key '" + key + "' has no column");
            }
            List<String> names = new ArrayList<>();
            for (String n : value.split(",")) {
                if (n.isBlank()) {
                    throw new IllegalArgumentException("CSV columns: key '" + key + "' has an empty column name in '"
                            + value + "'");
                }
                names.add(n.trim());
            }
            if (!List.of("obs", "act", "next").contains(key) && names.size() != 1) {
                throw new IllegalArgumentException("CSV columns: key '" + key + "' takes one column, got " + names);
            }
            switch (key) {
                case "obs" -> obs = names;
                case "act" -> act = names;
                case "next" -> next = names;
                case "reward" -> reward = names.get(0);
                case "terminal" -> terminal = names.get(0);
                case "timeout" -> timeout = names.get(0);
                default -> episode = names.get(0);
            }
        }
        given.addAll(List.of("obs", "act", "reward"));
        return new CsvColumns(obs, act, next, reward, terminal, timeout, episode, given);
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static void requireNames(String field, List<String> names, boolean mayBeEmpty) {
        if (names == null || (!mayBeEmpty && names.isEmpty())) {
            throw new IllegalArgumentException("CSV columns: " + field + " needs at least one column");
        }
        for (String n : names) {
            if (n == null || n.isBlank() || n.equals("*")) {
                throw new IllegalArgumentException("CSV columns: " + field + " has a blank column name or a bare '*'");
            }
        }
    }

    /** @return observation column names or patterns */
    public List<String> observations() {
        return observations;
    }

    /** @return action column names or patterns */
    public List<String> actions() {
        return actions;
    }

    /** @return next-observation column names or patterns; empty when the next row is used */
    public List<String> nextObservations() {
        return nextObservations;
    }

    /** @return the reward column */
    public String reward() {
        return reward;
    }

    /** @return the terminal column, or {@code null} */
    public String terminal() {
        return terminal;
    }

    /** @return the timeout column, or {@code null} */
    public String timeout() {
        return timeout;
    }

    /** @return the episode column, or {@code null} */
    public String episode() {
        return episode;
    }

    /**
     * @param key one of {@code obs, act, next, reward, terminal, timeout, episode}
     * @return whether the file must have the column(s): named explicitly, or observations, actions and reward
     */
    boolean required(String key) {
        return required.contains(key);
    }

    @Override
    public String toString() {
        return "obs=" + String.join(",", observations) + ";act=" + String.join(",", actions)
                + (nextObservations.isEmpty() ? "" : ";next=" + String.join(",", nextObservations))
                + ";reward=" + reward + (terminal == null ? "" : ";terminal=" + terminal)
                + (timeout == null ? "" : ";timeout=" + timeout) + (episode == null ? "" : ";episode=" + episode);
    }
}
