package io.github.edp4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.edp4j.examples.DatasetsDirectory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edp4j evaluate} with acting options and {@code edp4j ablate} on a tiny diffusion policy trained on
 * bandit-mixed in the test.
 */
class AblateCommandTest {

    @TempDir
    static Path dir;

    @RegisterExtension
    static final DatasetsDirectory DATASETS = new DatasetsDirectory();
    private static Path policy;

    @BeforeAll
    static void trainOnce() {
        DATASETS.use(dir.resolve("cache"));
        Path run = dir.resolve("run");
        CliRun trained = CliRun.of("train", "--task", "bandit-mixed", "--algo", "iql", "--iterations", "20",
                "--hidden", "16,16", "--batch-size", "32", "--eval-every", "20", "--episodes", "1", "--steps", "10",
                "--out", run.toString());
        assertEquals(0, trained.exitCode(), trained::toString);
        policy = run.resolve("policy.edp4j");
        assertTrue(Files.isRegularFile(policy), trained::toString);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void ablateWritesTheTableAndAPngForANarrowedGrid() throws IOException {
        byte[] before = Files.readAllBytes(policy);
        Path out = dir.resolve("ablation");
        CliRun r = CliRun.of("ablate", "--policy", policy.toString(), "--task", "bandit-mixed", "--episodes", "3",
                "--seed", "7", "--candidates", "1,5", "--model-calls", "2,4", "--grids", "logsnr,time_uniform",
                "--latency-calls", "2", "--out", out.toString());
        assertEquals(0, r.exitCode(), r::toString);
        // 2 EAS rows, 2 grids x 2 calls, and DDPM
        assertTrue(r.out().contains("[7/7]"), r::toString);
        List<String> csv = Files.readAllLines(out.resolve("ablation.csv"), StandardCharsets.UTF_8);
        assertEquals(AblateCommand.CSV_HEADER, csv.get(0));
        assertEquals(8, csv.size(), csv::toString);
        int columns = AblateCommand.CSV_HEADER.split(",").length;
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", -1);
            assertEquals(columns, f.length, line);
            assertEquals("3", f[8], line);
            assertTrue(Double.parseDouble(f[12]) > 0, "latency of " + line);
            Double.parseDouble(f[9]);
        }
        assertTrue(csv.get(1).startsWith("eas,dpm,3,15,time_uniform,1,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("eas,dpm,3,15,time_uniform,5,"), csv.get(2));
        assertTrue(csv.get(3).startsWith("sampler,dpm,3,2,logsnr,10,"), csv.get(3));
        assertTrue(csv.get(6).startsWith("sampler,dpm,3,4,time_uniform,10,"), csv.get(6));
        assertTrue(csv.get(7).startsWith("sampler,ddpm,,10,,10,"), csv.get(7));
        String md = Files.readString(out.resolve("ablation.md"));
        assertEquals(7, md.lines().filter(l -> l.startsWith("| eas ") || l.startsWith("| sampler ")).count(), md);
        byte[] png = Files.readAllBytes(out.resolve("ablation.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        BufferedImage image = ImageIO.read(out.resolve("ablation.png").toFile());
        assertEquals(900, image.getWidth());
        assertArrayEquals(before, Files.readAllBytes(policy), "the policy file is unchanged");

        // the same seeded episodes: a second run gives the same scores
        CliRun again = CliRun.of("ablate", "--policy", policy.toString(), "--task", "bandit-mixed", "--episodes",
                "3", "--seed", "7", "--candidates", "1,5", "--model-calls", "2", "--grids", "logsnr", "--no-ddpm",
                "--latency-calls", "1",
                "--out", dir.resolve("again").toString());
        assertEquals(0, again.exitCode(), again::toString);
        List<String> csv2 = Files.readAllLines(dir.resolve("again").resolve("ablation.csv"));
        assertEquals(4, csv2.size(), csv2::toString);
        for (int i = 1; i <= 3; i++) {
            String[] a = csv.get(i).split(",");
            String[] b = csv2.get(i).split(",");
            assertEquals(Arrays.asList(a).subList(0, 12), Arrays.asList(b).subList(0, 12));
        }
    }

    /**
     * {@code --eas-argmax} replaces the policy's softmax selection (the tiny policy was trained with softmax over 10
     * candidates) in every setting, and each row scores what {@code evaluate} gives with the same settings and
     * seeds; {@code --sweeps eas} runs only the EAS sweep.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void ablateOverridesTheSelectionRuleAndRunsOnlyTheAskedSweeps() throws IOException {
        Path out = dir.resolve("argmax");
        CliRun r = CliRun.of("ablate", "--policy", policy.toString(), "--task", "bandit-mixed", "--episodes", "4",
                "--seed", "3", "--candidates", "1,5", "--sweeps", "eas", "--eas-argmax", "--latency-calls", "1",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r::toString);
        List<String> csv = Files.readAllLines(out.resolve("ablation.csv"), StandardCharsets.UTF_8);
        assertEquals(3, csv.size(), csv::toString);
        assertTrue(csv.get(1).startsWith("eas,dpm,3,15,time_uniform,1,1.000,true,4,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("eas,dpm,3,15,time_uniform,5,1.000,true,4,"), csv.get(2));
        CliRun eval = CliRun.of("evaluate", "--policy", policy.toString(), "--task", "bandit-mixed", "--episodes",
                "4", "--seed", "3", "--eas-candidates", "5", "--eas-argmax");
        assertEquals(0, eval.exitCode(), eval::toString);
        double evaluated = Double.parseDouble(eval.fields().get("return").split("\\s+")[1]);
        double ablated = Double.parseDouble(csv.get(2).split(",")[10]);
        assertEquals(evaluated, ablated, 1e-3 + 1e-3 * Math.abs(evaluated), r + "\n" + eval);

        CliRun softmax = CliRun.of("ablate", "--policy", policy.toString(), "--task", "bandit-mixed", "--episodes",
                "4", "--seed", "3", "--candidates", "5", "--sweeps", "sampler", "--model-calls", "4", "--grids",
                "logsnr", "--no-ddpm", "--eas-temperature", "0.5", "--latency-calls", "1", "--out",
                dir.resolve("softmax").toString());
        assertEquals(0, softmax.exitCode(), softmax::toString);
        List<String> csv2 = Files.readAllLines(dir.resolve("softmax").resolve("ablation.csv"), StandardCharsets.UTF_8);
        assertEquals(List.of("sampler,dpm,3,4,logsnr,10,0.5000,false,4"),
                csv2.subList(1, csv2.size()).stream().map(l -> String.join(",", Arrays.asList(l.split(",")).subList(0,
                        9))).toList(), csv2::toString);

        CliRun badSweep = CliRun.of("ablate", "--policy", policy.toString(), "--task", "bandit-mixed", "--sweeps",
                "eas,chain", "--out", dir.resolve("bad-sweep").toString());
        assertEquals(2, badSweep.exitCode(), badSweep::toString);
        assertTrue(badSweep.err().contains("--sweeps takes eas and/or sampler, got 'chain'"), badSweep::toString);
        CliRun badT = CliRun.of("ablate", "--policy", policy.toString(), "--task", "bandit-mixed",
                "--eas-temperature", "0", "--out", dir.resolve("bad-t").toString());
        assertEquals(2, badT.exitCode(), badT::toString);
        assertTrue(badT.err().contains("--eas-temperature must be finite and > 0, got 0.0"), badT::toString);
        assertTrue(Files.notExists(dir.resolve("bad-sweep")) && Files.notExists(dir.resolve("bad-t")),
                "nothing written");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void evaluateAppliesActingOptionsAndRefusesBadOnes() {
        CliRun plain = CliRun.of("evaluate", "--policy", policy.toString(), "--task", "bandit-mixed", "--episodes",
                "4");
        assertEquals(0, plain.exitCode(), plain::toString);
        CliRun ddpm = CliRun.of("evaluate", "--policy", policy.toString(), "--task", "bandit-mixed", "--episodes",
                "4", "--sampler", "ddpm", "--eas-candidates", "1");
        assertEquals(0, ddpm.exitCode(), ddpm::toString);
        assertEquals("DDPM chain; EAS N=1 softmax T=1.0 (trained with DPM-Solver-3, 15 calls, TIME_UNIFORM; EAS"
                + " N=10 softmax T=1.0)", ddpm.fields().get("acting"), ddpm::toString);
        assertNotEquals(plain.fields().get("return"), ddpm.fields().get("return"), ddpm::toString);
        CliRun bad = CliRun.of("evaluate", "--policy", policy.toString(), "--task", "bandit-mixed",
                "--solver-order", "4");
        assertEquals(2, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("--solver-order must be 1, 2 or 3, got 4"), bad::toString);
        CliRun both = CliRun.of("evaluate", "--policy", policy.toString(), "--task", "bandit-mixed",
                "--sampler", "ddpm", "--model-calls", "5");
        assertEquals(2, both.exitCode(), both::toString);
        assertTrue(both.err().contains("cannot be combined with --sampler ddpm"), both::toString);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aDeterministicPolicyRefusesSamplerAndSelectionSettings() {
        Path run = dir.resolve("td3");
        CliRun trained = CliRun.of("train", "--task", "bandit-mixed", "--algo", "td3", "--policy", "gaussian",
                "--iterations", "5", "--hidden", "8", "--batch-size", "16", "--eval-every", "5", "--episodes", "1",
                "--out", run.toString());
        assertEquals(0, trained.exitCode(), trained::toString);
        String td3 = run.resolve("policy.edp4j").toString();
        CliRun eval = CliRun.of("evaluate", "--policy", td3, "--task", "bandit-mixed", "--model-calls", "5");
        assertEquals(2, eval.exitCode(), eval::toString);
        assertTrue(eval.err().contains("withActing: the sampler cannot be changed for a TD3 GAUSSIAN policy"),
                eval::toString);
        CliRun ablate = CliRun.of("ablate", "--policy", td3, "--task", "bandit-mixed", "--episodes", "1",
                "--out", dir.resolve("td3-ablation").toString());
        assertEquals(2, ablate.exitCode(), ablate::toString);
        assertTrue(ablate.out().contains("EAS sweep skipped: withActing: energy-based action selection cannot be"
                + " changed"), ablate::toString);
        assertTrue(ablate.err().contains("nothing to ablate"), ablate::toString);
        CliRun argmax = CliRun.of("ablate", "--policy", td3, "--task", "bandit-mixed", "--episodes", "1",
                "--eas-argmax", "--out", dir.resolve("td3-ablation").toString());
        assertEquals(2, argmax.exitCode(), argmax::toString);
        assertTrue(argmax.err().contains("--eas-argmax/--eas-temperature do not apply: withActing: energy-based"
                + " action selection cannot be changed"), argmax::toString);
        assertTrue(Files.notExists(dir.resolve("td3-ablation")), "nothing written");
    }
}
