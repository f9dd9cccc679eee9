package io.github.edp4j.core.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One CSV line at a time, in the dialect of RFC 4180: cells separated by commas; a cell that contains a comma, a
 * double quote or starts or ends with a space is written between double quotes, with each inner quote doubled
 * ({@code a "b", c} becomes {@code "a ""b"", c"}). The project's CSV files (training curves, evaluations, learning
 * curves) are line-oriented, so a cell may not contain a line break: {@link #formatRow} rejects one instead of
 * writing a row that no line-by-line reader could split.
 *
 * <p>The reader is a little more lenient than the writer, as files edited by hand or written by other tools are
 * read too: spaces before an opening quote are ignored, and text after a closing quote is kept.
 */
public final class Csv {

    private Csv() {}

    /**
     * @param cells the cells of one row, none {@code null} and none containing a line break
     * @return the row without its line terminator
     * @throws IllegalArgumentException if a cell is {@code null} or contains {@code \r} or {@code \n}
     */
    public static String formatRow(List<String> cells) {
        Objects.requireNonNull(cells, "cells");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(cells.get(i), i));
        }
        return sb.toString();
    }

    /**
     * @param cell one cell, not {@code null} and without a line break
     * @return the cell as written in a row: quoted if needed
     * @throws IllegalArgumentException if the cell is {@code null} or contains a line break
     */
    public static String quote(String cell) {
        return quote(cell, 0);
    }

    private static String quote(String cell, int index) {
        if (cell == null) {
            throw new IllegalArgumentException("CSV cell " + (index + 1) + " is null");
        }
        if (cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("CSV cell " + (index + 1) + " contains a line break: '"
                    + cell.replace("\n", "\\n").replace("\r", "\\r") + "'");
        }
        boolean needs = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0
                || (!cell.isEmpty() && (cell.charAt(0) == ' ' || cell.charAt(cell.length() - 1) == ' '));
        return needs ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    /**
     * Splits one line into its cells, undoing the quoting of {@link #formatRow}.
     *
     * @param line one line without its terminator
     * @return the cells, at least one (an empty line is one empty cell)
     * @throws IllegalArgumentException if a quoted cell is not closed
     */
    public static List<String> parseRow(String line) {
        Objects.requireNonNull(line, "line");
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
            } else if (ch == '"' && !wasQuoted && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed");
        }
        cells.add(cell.toString());
        return cells;
    }
}
