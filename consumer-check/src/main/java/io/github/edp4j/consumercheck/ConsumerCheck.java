package io.github.edp4j.consumercheck;

import io.github.edp4j.algos.Algorithm;
import io.github.edp4j.algos.EdpTrainer;
import io.github.edp4j.algos.FitResult;
import io.github.edp4j.algos.Policy;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.env.Environment;
import io.github.edp4j.core.env.StepResult;
import io.github.edp4j.core.schedule.ScheduleKind;
import io.github.edp4j.d4rl.tasks.BuiltinTasks;
import io.github.edp4j.onnx.OnnxPolicy;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.jar.JarFile;

/**
 * What an application does with EDP4J, from the installed artifacts: trains with the README's one-liner on a built-in
 * dataset (with the types of the README snippet: a moved one fails the compilation), saves and loads the policy, acts
 * once on the dataset's task, acts on ONNX Runtime (edp-onnx) as libtorch does for the same draws, and checks what it got from the POMs (one native libtorch, the module
 * names of the jars). Exits non-zero with a one-line reason on any failure.
 */
public final class ConsumerCheck {

    private ConsumerCheck() {
    }

    /**
     * Runs the check.
     *
     * @param args none
     * @throws Exception on any failure, which fails the Maven build
     */
    public static void main(String[] args) throws Exception {
        List<String> natives = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> Path.of(e).getFileName().toString())
                .filter(n -> n.startsWith("pytorch-native-"))
                .toList();
        check(natives.size() == 1, "expected exactly one native libtorch on the class path, found " + natives);

        String dataset = "bandit-mixed";
        OfflineDataset ds = BuiltinTasks.generate(dataset);
        FitResult r = EdpTrainer.builder().algo(Algorithm.IQL).steps(10).schedule(ScheduleKind.VP).iterations(20)
                .build().fit(ds);
        Path saved = Files.createTempFile("consumer-check", ".edp4j");
        r.policy().save(saved);
        r.policy().close();

        try (Policy policy = Policy.load(saved)) {
            Environment env = BuiltinTasks.environment(BuiltinTasks.taskOf(dataset));
            float[] observation = env.reset(0);
            float[] action = policy.act(observation);
            check(action.length == env.actionDim(), "action of length " + action.length + ", the task needs "
                    + env.actionDim());
            for (float a : action) {
                check(Float.isFinite(a), "action " + Arrays.toString(action) + " is not finite");
            }
            StepResult step = env.step(action);
            check(Double.isFinite(step.reward()), "reward " + step.reward());
            System.out.printf("consumer check: EDP-IQL trained on %s (%d transitions); action %s, reward %.3f%n",
                    dataset, ds.size(), Arrays.toString(action), step.reward());

            // the same policy on ONNX Runtime (edp-onnx), given the same draws, acts as libtorch does
            float[][] states = {observation};
            SplittableRandom rng = new SplittableRandom(5);
            float[] noise = new float[policy.noiseSize(1)];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) rng.nextGaussian();
            }
            float[] uniform = new float[policy.acting().easCandidates()];
            for (int i = 0; i < uniform.length; i++) {
                uniform[i] = (float) (1 - rng.nextDouble()); // in (0, 1]
            }
            float[] torch = policy.act(states, noise, uniform)[0];
            try (OnnxPolicy onnx = OnnxPolicy.of(policy)) {
                float[] ort = onnx.act(states, noise, uniform)[0];
                for (int i = 0; i < torch.length; i++) {
                    check(Math.abs(torch[i] - ort[i]) <= 1e-4, "ONNX Runtime acted " + Arrays.toString(ort)
                            + ", libtorch " + Arrays.toString(torch) + " for the same draws");
                }
                System.out.printf("consumer check: ONNX Runtime acts as libtorch for the same draws: %s%n",
                        Arrays.toString(ort));
            }
        } finally {
            Files.deleteIfExists(saved);
        }

        checkModuleName(TorchRuntime.class, "io.github.edp4j.core");
        checkModuleName(EdpTrainer.class, "io.github.edp4j.algos");
        checkModuleName(BuiltinTasks.class, "io.github.edp4j.d4rl");
        check("true".equals(System.getProperty("ai.djl.offline")), "ai.djl.offline changed to "
                + System.getProperty("ai.djl.offline"));
        System.out.println("consumer check: passed (libtorch from " + natives.get(0) + ")");
    }

    private static void checkModuleName(Class<?> type, String expected) throws Exception {
        Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile f = new JarFile(jar.toFile())) {
            String name = f.getManifest() == null ? null
                    : f.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
            check(expected.equals(name), jar.getFileName() + " has Automatic-Module-Name " + name + ", expected "
                    + expected);
        }
    }

    private static void check(boolean ok, String failure) {
        if (!ok) {
            throw new IllegalStateException("consumer check failed: " + failure);
        }
    }
}
