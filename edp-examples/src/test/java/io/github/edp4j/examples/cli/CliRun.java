package io.github.edp4j.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * One in-process run of the edp4j CLI through {@link CommandLine#execute(String...)}, with stdout and stderr captured.
 *
 * @param exitCode what {@code execute} returned
 * @param out everything printed to stdout
 * @param err everything printed to stderr
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        CommandLine cl = Edp4jCli.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** @return stderr's lines, without the final line break */
    List<String> errLines() {
        return err.lines().toList();
    }

    /** @return the {@code key value} lines of {@code info}, by key */
    Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : out.split("\\R")) {
            if (line.length() > 25) {
                m.put(line.substring(0, 24).strip(), line.substring(25));
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
}
