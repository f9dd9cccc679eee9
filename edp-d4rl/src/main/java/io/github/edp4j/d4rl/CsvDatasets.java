package io.github.edp4j.d4rl;

import io.github.edp4j.core.data.OfflineDataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a CSV file (comma-separated, a header row, one step per row, in episode order) into transitions by a
 * {@link CsvColumns} mapping. An episode ends at a row flagged terminal or timeout, where the episode column changes,
 * and at the last row. Without next-observation columns the next observation is the following row of the same
 * episode; the last row of an episode is kept only when it is terminal (its next observation, which no algorithm
 * uses because a terminal transition is not bootstrapped, is set to its own observation), otherwise it is dropped and
 * the transition before it becomes the episode's last, flagged timeout. With next-observation columns every row is a
 * transition. Flags are {@code 0}/{@code 1} (or any number, non-zero is true) or {@code true}/{@code false}.
 */
final class CsvDatasets {

    private CsvDatasets() {}

    static LoadedDataset load(Path file, DatasetOptions options, List<String> notes) {
        CsvColumns map = options.csvColumns();
        List<String> header;
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            if (line == null || line.isBlank()) {
                throw new D4rlFormatException(file, "empty CSV file: a header row is expected");
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            header = new ArrayList<>();
            for (String h : split(line)) {
                header.add(unquote(h.trim()));
            }
            Set<String> seen = new LinkedHashSet<>();
            for (String h : header) {
                if (!seen.add(h)) {
                    throw new D4rlFormatException(file, "the header names column '" + h + "' twice");
                }
            }
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = split(line);
                if (cells.length != header.size()) {
                    throw new D4rlFormatException(file, "line " + lineNo + " has " + cells.length + " cells, the"
                            + " header has " + header.size());
                }
                rows.add(cells);
            }
        } catch (CharacterCodingException e) {
            throw new D4rlFormatException(file, "not a UTF-8 text file (is it binary?)", e);
        } catch (IOException e) {
            throw NpzFile.io(file, e);
        }
        if (rows.isEmpty()) {
            throw new D4rlFormatException(file, "zero rows: the CSV file has a header only");
        }
        int[] obsCols = columns(file, header, map.observations(), "obs", true);
        int[] actCols = columns(file, header, map.actions(), "act", true);
        int[] nextCols = columns(file, header, map.nextObservations(), "next", map.required("next"));
        int rewardCol = column(file, header, map.reward(), "reward", true);
        int termCol = column(file, header, map.terminal(), "terminal", map.required("terminal"));
        int toCol = column(file, header, map.timeout(), "timeout", map.required("timeout"));
        int epCol = column(file, header, map.episode(), "episode", map.required("episode"));
        boolean hasNext = nextCols.length > 0;
        if (hasNext && nextCols.length != obsCols.length) {
            throw new D4rlFormatException(file, "next-observation columns " + names(header, nextCols) + " are "
                    + nextCols.length + ", observation columns " + names(header, obsCols) + " are " + obsCols.length);
        }
        int n = rows.size();
        int od = obsCols.length;
        int ad = actCols.length;
        float[] obs = new float[n * od];
        float[] next = hasNext ? new float[n * od] : null;
        float[] act = new float[n * ad];
        float[] rew = new float[n];
        boolean[] term = new boolean[n];
        boolean[] to = new boolean[n];
        String[] ep = new String[n];
        for (int i = 0; i < n; i++) {
            String[] c = rows.get(i);
            int line = i + 2;
            for (int j = 0; j < od; j++) {
                obs[i * od + j] = number(file, header, c, obsCols[j], line);
                if (hasNext) {
                    next[i * od + j] = number(file, header, c, nextCols[j], line);
                }
            }
            for (int j = 0; j < ad; j++) {
                act[i * ad + j] = number(file, header, c, actCols[j], line);
            }
            rew[i] = number(file, header, c, rewardCol, line);
            term[i] = termCol >= 0 && flag(file, header, c, termCol, line);
            to[i] = toCol >= 0 && flag(file, header, c, toCol, line);
            ep[i] = epCol >= 0 ? c[epCol].trim() : "";
        }
        boolean[] end = new boolean[n];
        for (int i = 0; i < n; i++) {
            end[i] = term[i] || to[i] || i == n - 1 || !Objects.equals(ep[i], ep[i + 1]);
        }
        int[] keep;
        boolean[] done;
        boolean[] cut;
        float[] nx;
        if (hasNext) {
            keep = new int[n];
            Arrays.setAll(keep, i -> i);
            done = term.clone();
            cut = new boolean[n];
            for (int i = 0; i < n; i++) {
                cut[i] = end[i] && !term[i];
            }
            nx = next;
        } else {
            List<Integer> k = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!end[i] || term[i]) {
                    k.add(i);
                }
            }
            keep = k.stream().mapToInt(Integer::intValue).toArray();
            done = new boolean[keep.length];
            cut = new boolean[keep.length];
            nx = new float[keep.length * od];
            for (int j = 0; j < keep.length; j++) {
                int i = keep[j];
                done[j] = term[i];
                System.arraycopy(obs, (end[i] ? i : i + 1) * od, nx, j * od, od);
                cut[j] = !term[i] && end[i + 1] && !term[i + 1];
            }
        }
        if (keep.length == 0) {
            throw new D4rlFormatException(file, "no transitions: every episode is a single row that is not terminal,"
                    + " so no row has a next observation (add next-observation columns)");
        }
        float[] o = new float[keep.length * od];
        float[] a = new float[keep.length * ad];
        float[] r = new float[keep.length];
        for (int j = 0; j < keep.length; j++) {
            System.arraycopy(obs, keep[j] * od, o, j * od, od);
            System.arraycopy(act, keep[j] * ad, a, j * ad, ad);
            r[j] = rew[keep[j]];
        }
        String name = options.name().orElse(stem(file));
        notes.add("CSV columns: " + describe(header, obsCols, actCols, nextCols, rewardCol, termCol, toCol, epCol));
        notes.add(hasNext ? "next observations from columns; every row a transition"
                : "next observation = the following row of the same episode; an episode's last row is dropped"
                + " unless terminal");
        OfflineDataset ds = NumpyDatasets.build(file, name, o, od, a, ad, r, nx, done, cut);
        boolean[] rawCut = new boolean[n];
        for (int i = 0; i < n; i++) {
            rawCut[i] = end[i] && !term[i];
        }
        return new LoadedDataset(ds, DatasetFormat.CSV, file, Datasets.domainOf(name), n,
                EpisodeStatistics.of(rew, term, rawCut), hasNext, null, notes, Map.of("columns", map.toString()));
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static String describe(List<String> header, int[] obs, int[] act, int[] next, int reward, int term,
            int to, int ep) {
        StringBuilder sb = new StringBuilder();
        sb.append("observations ").append(names(header, obs)).append(", actions ").append(names(header, act));
        if (next.length > 0) {
            sb.append(", next observations ").append(names(header, next));
        }
        sb.append(", reward ").append(header.get(reward));
        sb.append(", terminal ").append(term < 0 ? "(none)" : header.get(term));
        sb.append(", timeout ").append(to < 0 ? "(none)" : header.get(to));
        sb.append(", episode ").append(ep < 0 ? "(none)" : header.get(ep));
        return sb.toString();
    }

    private static String names(List<String> header, int[] cols) {
        List<String> out = new ArrayList<>();
        for (int c : cols) {
            out.add(header.get(c));
        }
        return out.toString();
    }

    private static int[] columns(Path file, List<String> header, List<String> patterns, String key, boolean required) {
        List<Integer> out = new ArrayList<>();
        for (String p : patterns) {
            List<Integer> match = new ArrayList<>();
            if (p.endsWith("*")) {
                String prefix = p.substring(0, p.length() - 1);
                for (int i = 0; i < header.size(); i++) {
                    if (header.get(i).startsWith(prefix)) {
                        match.add(i);
                    }
                }
            } else if (header.contains(p)) {
                match.add(header.indexOf(p));
            }
            if (match.isEmpty() && required) {
                throw new D4rlFormatException(file, "no column " + (p.endsWith("*") ? "matches '" + p + "'" : "'" + p
                        + "'") + " (for " + key + "; columns present: " + String.join(", ", header) + ")");
            }
            for (int m : match) {
                if (!out.contains(m)) {
                    out.add(m);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int column(Path file, List<String> header, String name, String key, boolean required) {
        if (name == null) {
            return -1;
        }
        int i = header.indexOf(name);
        if (i < 0 && required) {
            throw new D4rlFormatException(file, "no column '" + name + "' (for " + key + "; columns present: "
                    + String.join(", ", header) + ")");
        }
        return i;
    }

    private static float number(Path file, List<String> header, String[] cells, int col, int line) {
        String s = unquote(cells[col].trim());
        float v;
        try {
            v = Float.parseFloat(s);
        } catch (NumberFormatException e) {
            String l = s.toLowerCase(Locale.ROOT).replaceFirst("^[+-]", "");
            if (l.equals("nan") || l.equals("inf") || l.equals("infinity")) {
                v = Float.NaN;
            } else {
                throw new D4rlFormatException(file, "line " + line + ", column '" + header.get(col) + "': '" + s
                        + "' is not a number");
            }
        }
        if (!Float.isFinite(v)) {
            throw new D4rlFormatException(file, "line " + line + ", column '" + header.get(col) + "': non-finite"
                    + " value '" + s + "'");
        }
        return v;
    }

    private static boolean flag(Path file, List<String> header, String[] cells, int col, int line) {
        String s = unquote(cells[col].trim()).toLowerCase(Locale.ROOT);
        if (s.equals("true")) {
            return true;
        }
        if (s.equals("false")) {
            return false;
        }
        try {
            double v = Double.parseDouble(s);
            if (Double.isNaN(v)) {
                throw new NumberFormatException();
            }
            return v != 0;
        } catch (NumberFormatException e) {
            throw new D4rlFormatException(file, "line " + line + ", column '" + header.get(col) + "': '" + s
                    + "' is not a flag (0, 1, true or false)");
        }
    }

    /** Splits a line at commas outside double quotes. */
    private static String[] split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
                cur.append(ch);
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out.toArray(new String[0]);
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return s;
    }
}
