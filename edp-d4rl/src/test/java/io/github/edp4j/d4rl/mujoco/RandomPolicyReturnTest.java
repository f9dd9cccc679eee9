package io.github.edp4j.d4rl.mujoco;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.core.env.StepResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The uniform-random policy's mean return in the Java environments equals Gymnasium's (1,000 episodes there, made by
 * {@code src/test/python/make_mujoco_traces.py}) by a two-sample z-test on the means (Welch's standard error):
 * {@code |mean_java - mean_gym| <= 4 sqrt(s_java^2 / n_java + s_gym^2 / n_gym)}, a false alarm rate of about
 * 6e-5 if the two agree. A wrong reward weight, reset distribution or termination rule moves the mean by many
 * standard errors (e.g. Hopper without its alive bonus loses about 1 per step). Returns are heavy-tailed (Hopper:
 * median 14, 99th percentile 93), so both samples are large enough for the normal approximation of their means.
 */
class RandomPolicyReturnTest {

    @ParameterizedTest
    @EnumSource(LocomotionTask.class)
    @Timeout(120)
    void meanReturnMatchesGymnasium(LocomotionTask task) throws IOException {
        MuJoCoRequired.mujoco();
        double[] gym = gymnasiumStatistics(task);
        int n = task == LocomotionTask.HALFCHEETAH ? 30 : 300;
        double sum = 0;
        double sumSq = 0;
        SplittableRandom actions = new SplittableRandom(4242 + task.ordinal());
        try (LocomotionEnvironment env = Locomotion.environment(task)) {
            for (int e = 0; e < n; e++) {
                env.reset(1000L * task.ordinal() + e);
                double ret = 0;
                StepResult r;
                do {
                    float[] a = new float[task.actionDim()];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = (float) actions.nextDouble(-1.0, 1.0);
                    }
                    r = env.step(a);
                    ret += r.reward();
                } while (!r.done());
                sum += ret;
                sumSq += ret * ret;
            }
        }
        double mean = sum / n;
        double var = (sumSq - n * mean * mean) / (n - 1);
        double se = Math.sqrt(var / n + gym[2] * gym[2] / gym[0]);
        double z = (mean - gym[1]) / se;
        assertTrue(Math.abs(z) <= 4.0, task + ": Java mean return " + mean + " (std " + Math.sqrt(var) + ", n=" + n
                + ") vs Gymnasium " + gym[1] + " (std " + gym[2] + ", n=" + (int) gym[0] + "): z = " + z);
    }

    /** @return {n, mean, std} of Gymnasium's uniform-random returns */
    static double[] gymnasiumStatistics(LocomotionTask task) throws IOException {
        try (InputStream in = RandomPolicyReturnTest.class.getResourceAsStream("random-returns.csv")) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                if (f[0].equals(task.envName())) {
                    return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3])};
                }
            }
        }
        throw new IllegalStateException("random-returns.csv has no row for " + task.envName());
    }
}
