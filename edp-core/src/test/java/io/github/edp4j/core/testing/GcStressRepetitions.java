package io.github.edp4j.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
 * Runs every test of a module tagged {@value #TAG} again and again under memory stress: the surefire execution
 * {@code gc-stress} starts it in a JVM with a small heap and {@code -Dedp4j.debug.gcBeforeBackward=true}, so a
 * garbage collection and a churn of freshly written direct memory precede every backward pass
 * ({@link Autograd#backward}). A gradient that depends on Java memory freed before {@code backward()} then differs
 * from the exact or recorded value the test asserts. Each module with tagged tests has a one-line subclass.
 */
public abstract class GcStressRepetitions {

    /** The JUnit tag of gradient, determinism and resume tests. */
    public static final String TAG = "gc-stress";

    /** System property with a class-name pattern that narrows the tagged tests (default: all), for debugging. */
    public static final String ONLY = "edp4j.stress.only";

    /** System property with the number of repetitions (default 20). */
    public static final String REPETITIONS = "edp4j.stress.repetitions";

    @Test
    void taggedTestsPassInEveryRepetitionWithACollectionBeforeEachBackwardPass() throws URISyntaxException {
        // the default surefire execution excludes this class; run alone without the stress setting it is skipped
        assumeTrue(System.getProperty(Autograd.GC_BEFORE_BACKWARD) != null, "runs in the gc-stress execution (mvn verify), "
                + "which sets -D" + Autograd.GC_BEFORE_BACKWARD);
        int repetitions = Integer.getInteger(REPETITIONS, 20);
        Path root = Path.of(getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
        String only = System.getProperty(ONLY, ".*");
        LauncherDiscoveryRequest tagged = request().selectors(selectClasspathRoots(Set.of(root)))
                .filters(includeTags(TAG), includeClassNamePatterns(only)).build();
        Launcher launcher = LauncherFactory.create();
        long found = -1;
        long passed = 0;
        for (int r = 1; r <= repetitions; r++) {
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            launcher.execute(tagged, listener);
            TestExecutionSummary s = listener.getSummary();
            System.out.printf("gc-stress %s repetition %d/%d: %d tests, %d passed, %d failed%n",
                    getClass().getPackageName(), r, repetitions, s.getTestsFoundCount(), s.getTestsSucceededCount(),
                    s.getTotalFailureCount());
            if (s.getTotalFailureCount() > 0) {
                StringWriter report = new StringWriter();
                s.printFailuresTo(new PrintWriter(report), 30);
                fail("repetition " + r + " of " + repetitions + " under GC stress failed:\n" + report);
            }
            if (only.equals(".*")) {
                assertTrue(s.getTestsFoundCount() > 0, "no test tagged " + TAG + " under " + root);
            }
            if (found >= 0) {
                assertEquals(found, s.getTestsFoundCount(), "repetition " + r + " found another number of tests");
            }
            found = s.getTestsFoundCount();
            passed += s.getTestsSucceededCount();
        }
        System.out.printf("gc-stress %s: %d repetitions of %d tests, %d passed, 0 differences (collection before "
                + "a backward pass: %s)%n", getClass().getPackageName(), repetitions, found, passed,
                System.getProperty(Autograd.GC_BEFORE_BACKWARD));
    }
}
