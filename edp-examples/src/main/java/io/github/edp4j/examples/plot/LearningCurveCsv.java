package io.github.edp4j.examples.plot;

import io.github.edp4j.core.io.AtomicFile;
import io.github.edp4j.core.io.Csv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Learning curves as CSV files: a header {@code iteration,<series>,<series>...} and one row per iteration, such as
 *
 * <pre>
 * iteration,normalized score,policy loss,critic loss
 * 0,,1.52,40.1
 * 1000,12.5,0.93,8.7
 * </pre>
 *
 * <p>A blank cell is a missing value (evaluations are sparser than losses); so is {@code NaN}, which is how pandas
 * and numpy often write one. Fields may be double-quoted ({@code "a ""quoted"" name"}), blank lines are skipped, a
 * UTF-8 byte-order mark is ignored, spaces around a cell are dropped, and a row may stop early (its last cells
 * are missing). The iteration is a
 * non-negative integer ({@code 1000}, or {@code 1e6} / {@code 1000.0} when integral). Bad input fails with an
 * {@link IllegalArgumentException} naming the file, the line and what is wrong.
 */
public final class LearningCurveCsv {

    /** Name of the first column. */
    public static final String ITERATION_COLUMN = "iteration";

    private LearningCurveCsv() {}

    /**
     * Reads a curve named after the file ({@code runs/edp-iql.csv} is {@code edp-iql}).
     *
     * @param file the CSV file
     * @return the curve, with the header's series in order (a series whose cells are all missing has no points)
     * @throws IllegalArgumentException naming the file and line if the content is not a learning-curve CSV
     * @throws UncheckedIOException if the file cannot be read
     */
    public static LearningCurve read(Path file) {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return read(file, dot > 0 ? fileName.substring(0, dot) : fileName);
    }

    /**
     * Reads a curve under a given run name.
     *
     * @param file the CSV file
     * @param runName the curve's name in plot legends
     * @return the curve, with the header's series in order (a series whose cells are all missing has no points)
     * @throws IllegalArgumentException naming the file and line if the content is not a learning-curve CSV
     * @throws UncheckedIOException if the file cannot be read
     */
    public static LearningCurve read(Path file, String runName) {
        Objects.requireNonNull(file, "file");
        LearningCurve.Builder b = LearningCurve.builder(runName);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> header = null;
            int lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = split(line, file, lineNo);
                if (header == null) {
                    header = header(cells, file, lineNo);
                    for (String s : header.subList(1, header.size())) {
                        b.series(s);
                    }
                    continue;
                }
                if (cells.size() > header.size()) {
                    throw error(file, lineNo, cells.size() + " cells but the header has " + header.size());
                }
                long iteration = iteration(cells.get(0).strip(), file, lineNo);
                for (int c = 1; c < cells.size(); c++) {
                    String cell = cells.get(c).strip();
                    if (cell.isEmpty() || cell.equalsIgnoreCase("nan")) {
                        continue;
                    }
                    double v;
                    try {
                        v = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw error(file, lineNo, "'" + header.get(c) + "' value '" + cell + "' is not a number");
                    }
                    try {
                        b.add(header.get(c), iteration, v);
                    } catch (IllegalArgumentException e) {
                        throw error(file, lineNo, e.getMessage());
                    }
                }
            }
            if (header == null) {
                throw error(file, lineNo, "empty file: expected a header 'iteration,<series>,...'");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read learning curve " + file + ": " + e.getMessage(), e);
        }
        return b.build();
    }

    /**
     * Writes a curve in the format {@link #read(Path, String)} reads: one row per iteration of any series, in
     * increasing order, blank where a series has no value; values in Java's shortest round-trip notation. The file
     * is written atomically with {@link AtomicFile}; missing directories are created.
     *
     * @param curve the curve
     * @param file the CSV file; an existing file is replaced
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(LearningCurve curve, Path file) {
        Objects.requireNonNull(curve, "curve");
        Path target = file.toAbsolutePath();
        List<String> names = curve.seriesNames();
        TreeSet<Long> iterations = new TreeSet<>();
        List<long[]> its = new ArrayList<>();
        List<double[]> vals = new ArrayList<>();
        for (String s : names) {
            long[] it = curve.iterations(s);
            its.add(it);
            vals.add(curve.values(s));
            for (long i : it) {
                iterations.add(i);
            }
        }
        StringBuilder text = new StringBuilder();
        StringBuilder line = new StringBuilder(ITERATION_COLUMN);
        for (String s : names) {
            line.append(',').append(Csv.quote(s));
        }
        text.append(line).append('\n');
        int[] next = new int[names.size()];
        for (long iteration : iterations) {
            line.setLength(0);
            line.append(iteration);
            for (int s = 0; s < names.size(); s++) {
                line.append(',');
                if (next[s] < its.get(s).length && its.get(s)[next[s]] == iteration) {
                    line.append(vals.get(s)[next[s]]);
                    next[s]++;
                }
            }
            text.append(line).append('\n');
        }
        try {
            AtomicFile.writeString(target, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write learning curve '" + curve.name() + "': " + e.getMessage(), e);
        }
    }

    private static List<String> header(List<String> cells, Path file, int lineNo) {
        List<String> header = new ArrayList<>();
        for (String c : cells) {
            header.add(c.strip());
        }
        if (!header.get(0).toLowerCase(Locale.ROOT).equals(ITERATION_COLUMN)) {
            throw error(file, lineNo, "the header must start with '" + ITERATION_COLUMN + "', got '" + header.get(0)
                    + "'");
        }
        if (header.size() < 2) {
            throw error(file, lineNo, "the header names no series after '" + ITERATION_COLUMN + "'");
        }
        Set<String> seen = new HashSet<>();
        for (int c = 1; c < header.size(); c++) {
            String s = header.get(c);
            if (s.isEmpty()) {
                throw error(file, lineNo, "column " + (c + 1) + " of the header has no name");
            }
            if (!seen.add(s)) {
                throw error(file, lineNo, "series '" + s + "' appears twice in the header");
            }
        }
        return header;
    }

    private static long iteration(String cell, Path file, int lineNo) {
        if (cell.isEmpty()) {
            throw error(file, lineNo, "the iteration is missing");
        }
        long it;
        try {
            it = Long.parseLong(cell);
        } catch (NumberFormatException e) {
            double d;
            try {
                d = Double.parseDouble(cell);
            } catch (NumberFormatException e2) {
                throw error(file, lineNo, "iteration '" + cell + "' is not an integer");
            }
            if (!(d >= 0 && d < 0x1p63 && d == Math.rint(d))) {
                throw error(file, lineNo, "iteration '" + cell + "' is not a non-negative integer");
            }
            it = (long) d;
        }
        if (it < 0) {
            throw error(file, lineNo, "iteration must be >= 0, got " + it);
        }
        return it;
    }

    private static List<String> split(String line, Path file, int lineNo) {
        try {
            return Csv.parseRow(line);
        } catch (IllegalArgumentException e) {
            throw error(file, lineNo, e.getMessage());
        }
    }

    private static IllegalArgumentException error(Path file, int lineNo, String problem) {
        return new IllegalArgumentException(file + ":" + lineNo + ": " + problem);
    }
}
