package io.github.edp4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.algos.FitResult;
import io.github.edp4j.algos.Policy;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's library example itself: the {@code ```java} block that builds an {@code EdpTrainer} is read from
 * {@code README.md} at test time, compiled with {@code javax.tools} and run, so the README cannot drift from the API.
 * To keep it within the suite's time budget exactly three substitutions are made, each of which must match the
 * README exactly once (so a README edit that moves them fails here rather than silently running full size):
 * <ol>
 *   <li>{@code .iterations(20_000)} becomes {@code .iterations(40)} followed by tiny networks
 *       ({@code .hidden(16, 16).batchSize(32).logEvery(20).progress(false)});
 *   <li>the evaluation's {@code 10, 2_000,} (episodes, interval) becomes {@code 2, 20,};
 *   <li>{@code Path.of("policy.edp4j")} becomes a file in the test's temporary directory.
 * </ol>
 * The block is wrapped in a method that receives {@code observation} (a reset of the evaluation environment, which
 * the README's text defines before the block) and gets the imports the README's prose names.
 */
class ReadmeExampleTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final List<String[]> SUBSTITUTIONS = List.of(
            new String[] {".iterations(20_000)",
                ".iterations(40)\n        .hidden(16, 16).batchSize(32).logEvery(20).progress(false)"},
            new String[] {"10, 2_000,", "2, 20,"},
            new String[] {"Path.of(\"policy.edp4j\")", "out.resolve(\"policy.edp4j\")"});

    @RegisterExtension
    final DatasetsDirectory datasets = new DatasetsDirectory();

    static String snippet() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Matcher m = JAVA_BLOCK.matcher(readme);
        while (m.find()) {
            if (m.group(1).contains("EdpTrainer.builder()")) {
                return m.group(1);
            }
        }
        throw new AssertionError("README.md has no ```java block with EdpTrainer.builder()");
    }

    static String tiny(String snippet) {
        String s = snippet;
        for (String[] sub : SUBSTITUTIONS) {
            int first = s.indexOf(sub[0]);
            assertTrue(first >= 0 && s.indexOf(sub[0], first + 1) < 0,
                    "the README snippet must contain '" + sub[0] + "' exactly once:\n" + snippet);
            s = s.replace(sub[0], sub[1]);
        }
        return s;
    }

    @Test
    void theReadmeSnippetCompilesAndRuns(@TempDir Path dir) throws Exception {
        datasets.use(dir.resolve("datasets"));
        String source = """
                import io.github.edp4j.algos.*;
                import io.github.edp4j.core.data.OfflineDataset;
                import io.github.edp4j.core.schedule.ScheduleKind;
                import io.github.edp4j.d4rl.D4rl;
                import io.github.edp4j.d4rl.tasks.BuiltinTasks;
                import java.nio.file.Path;

                public class ReadmeSnippet {
                    public static Object[] run(float[] observation, Path out) throws Exception {
                %s
                        return new Object[] {r, action};
                    }
                }
                """.formatted(tiny(snippet()));
        Path src = dir.resolve("src/ReadmeSnippet.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK compiler");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringWriter errors = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(src.toFile());
            boolean ok = javac.getTask(errors, files, null,
                    List.of("-classpath", cp, "-d", classes.toString(), "-proc:none"), null, units).call();
            assertTrue(ok, "the README snippet does not compile:\n" + errors + "\n" + source);
        }

        float[] observation = BuiltinTasks.environment("pointmaze-fork").reset(0);
        Object[] out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Method run = loader.loadClass("ReadmeSnippet").getMethod("run", float[].class, Path.class);
            out = (Object[]) run.invoke(null, observation, dir);
        }
        FitResult r = (FitResult) out[0];
        float[] action = (float[]) out[1];
        r.policy().close();
        assertEquals(2, action.length);
        assertEquals(2, r.evaluations().size());
        assertTrue(r.summary().contains("RAT") && r.summary().contains("OMS"), r.summary());
        Path saved = dir.resolve("policy.edp4j");
        assertTrue(Files.size(saved) > 1000);
        try (Policy loaded = Policy.load(saved)) {
            assertEquals("pointmaze-fork-multimodal", loaded.provenance().datasetName());
        }
    }
}
