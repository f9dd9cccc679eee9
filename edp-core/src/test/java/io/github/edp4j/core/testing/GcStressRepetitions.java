package io.github.edp4j.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.launcher.TagFilter.includeTags;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import io.github.edp4j.core.nn.Autograd;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the gradient, determinism and resume tests of a module again and again under memory stress, so that a
 * gradient that depends on Java memory freed before {@code backward()} differs from the exact or recorded value the
 * test asserts (see {@code NativeConstants}). The surefire execution {@code gc-stress} starts it in a JVM with a
 * small heap and {@code -Dedp4j.stress.repetitions=20}; each module with tagged tests has a one-line subclass.
 *
 * <ul>
 *   <li>Tests tagged {@value #EVERY_PASS} (gradient checks with one backward pass each) run with a garbage collection,
 *       a wait for the freed memory and a churn of freshly written direct memory before <em>every</em> backward
 *       pass ({@link Autograd#GC_BEFORE_BACKWARD} {@code = true}).</li>
 *   <li>Tests tagged {@value #SAMPLED} (whole training runs, thousands of backward passes) run with that before a
 *       random share of the passes ({@value #SAMPLED_SHARE}, default 0.05): a hazardous constant is made on every
 *       pass through its code, so the sample reaches every call site many times over the repetitions at a twentieth
 *       of the cost.</li>
 * </ul>
 */
public abstract class GcStressRepetitions {

    /** The tag of tests with few backward passes: a collection before each of them. */
    public static final String EVERY_PASS = "gc-stress";

    /** The tag of training-run tests: a collection before a random share of the backward passes. */
    public static final String SAMPLED = "gc-stress-sampled";

    /** System property with the number of repetitions (default 20). */
    public static final String REPETITIONS = "edp4j.stress.repetitions";

    /** System property with the share of backward passes collected in {@value #SAMPLED} tests (default 0.05). */
    public static final String SAMPLED_SHARE = "edp4j.stress.sampledShare";

    /** System property with a class-name pattern that narrows the tagged tests (default: all), for debugging. */
    public static final String ONLY = "edp4j.stress.only";

    @Test
    void taggedTestsPassInEveryRepetitionUnderCollectionsBeforeBackwardPasses() throws URISyntaxException {
        // the default surefire execution excludes this class; run alone without the stress settings it is skipped
        assumeTrue(System.getProperty(REPETITIONS) != null, "runs in the gc-stress execution (mvn verify), which sets -D"
                + REPETITIONS);
        int repetitions = Integer.getInteger(REPETITIONS);
        String sampledShare = System.getProperty(SAMPLED_SHARE, "0.05");
        String only = System.getProperty(ONLY, ".*");
        Path root = Path.of(getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
        Launcher launcher = LauncherFactory.create();
        long[] found = {-1, -1};
        long passed = 0;
        String[] tags = {EVERY_PASS, SAMPLED};
        String[] settings = {"true", sampledShare};
        for (int r = 1; r <= repetitions; r++) {
            for (int t = 0; t < tags.length; t++) {
                LauncherDiscoveryRequest tagged = request().selectors(selectClasspathRoots(Set.of(root)))
                        .filters(includeTags(tags[t]), includeClassNamePatterns(only)).build();
                System.setProperty(Autograd.GC_BEFORE_BACKWARD, settings[t]);
                SummaryGeneratingListener listener = new SummaryGeneratingListener();
                try {
                    launcher.execute(tagged, listener);
                } finally {
                    System.clearProperty(Autograd.GC_BEFORE_BACKWARD);
                }
                TestExecutionSummary s = listener.getSummary();
                System.out.printf("gc-stress %s %s repetition %d/%d: %d tests, %d passed, %d failed%n",
                        getClass().getPackageName(), tags[t], r, repetitions, s.getTestsFoundCount(),
                        s.getTestsSucceededCount(), s.getTotalFailureCount());
                if (s.getTotalFailureCount() > 0) {
                    StringWriter report = new StringWriter();
                    s.printFailuresTo(new PrintWriter(report), 30);
                    fail("repetition " + r + " of " + repetitions + " (" + tags[t] + ", collection before backward: "
                            + settings[t] + ") failed:\n" + report);
                }
                if (found[t] >= 0) {
                    assertEquals(found[t], s.getTestsFoundCount(), "repetition " + r + " found other tests");
                }
                found[t] = s.getTestsFoundCount();
                passed += s.getTestsSucceededCount();
            }
        }
        if (only.equals(".*")) {
            assertEquals(true, found[0] + found[1] > 0, "no test tagged " + EVERY_PASS + " or " + SAMPLED + " under "
                    + root);
        }
        System.out.printf("gc-stress %s: %d repetitions of %d + %d tests (collection before every backward pass / "
                + "before a share of %s), %d passed, 0 differences%n", getClass().getPackageName(), repetitions,
                found[0], found[1], sampledShare, passed);
    }
}
