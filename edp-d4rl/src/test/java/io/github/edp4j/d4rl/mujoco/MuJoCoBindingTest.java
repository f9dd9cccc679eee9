package io.github.edp4j.d4rl.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The binding: loading and version rules, the fields it reads per version (each checked against a model fact),
 * MuJoCo errors as exceptions.
 */
@Timeout(60)
class MuJoCoBindingTest {

    @Test
    void versionsAreDecodedAndOnly222And3xAreSupported() {
        assertEquals(new MjVersion(2, 2, 2), MjVersion.decode(222));
        assertEquals(new MjVersion(3, 1, 6), MjVersion.decode(316));
        assertEquals(new MjVersion(3, 14, 0), MjVersion.decode(3014000));
        assertTrue(MjVersion.decode(222).supported());
        assertTrue(MjVersion.decode(300).supported());
        assertTrue(MjVersion.decode(3014000).supported());
        assertFalse(MjVersion.decode(210).supported(), "2.1.0 has neither the 2.2.2 layout nor the state API");
        assertFalse(MjVersion.decode(237).supported(), "2.3.7");
        assertFalse(MjVersion.decode(222).sumsMargins());
        assertFalse(MjVersion.decode(3004000).sumsMargins());
        assertTrue(MjVersion.decode(3005000).sumsMargins());
        assertTrue(MjVersion.decode(3014000).sumsMargins());
    }

    @Test
    void anUnsupportedVersionIsNamedWithWhatIsSupported() {
        String m = MuJoCo.unsupported(237, "/opt/mujoco/lib/libmujoco.so");
        assertTrue(m.startsWith("MuJoCo 2.3.7 (mj_version() = 237, loaded from /opt/mujoco/lib/libmujoco.so) is not"
                + " supported"), m);
        assertTrue(m.contains("2.2.2") && m.contains("3.0 or later") && m.contains("apt-get install libmujoco2.2.2"),
                m);
    }

    @Test
    void propertyThenEnvironmentThenSystemPath() {
        assertEquals(List.of("/p/libmujoco.so"), MuJoCo.candidates("/p/libmujoco.so", "/e/libmujoco.so"));
        assertEquals(List.of("/e/libmujoco.so"), MuJoCo.candidates(" ", "/e/libmujoco.so"));
        assertEquals(List.of("libmujoco.so.2.2.2", "mujoco"), MuJoCo.candidates(null, null));
    }

    @Test
    void missingLibraryIsOneClearMessageWithInstallHelp() {
        MuJoCoException e = assertThrows(MuJoCoException.class,
                () -> MuJoCo.load(List.of("/nonexistent/edp4j/libmujoco.so")));
        assertTrue(e.getMessage().contains("/nonexistent/edp4j/libmujoco.so"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install libmujoco2.2.2"), e.getMessage());
        assertTrue(e.getMessage().contains("macOS or Windows"), e.getMessage());
        assertTrue(e.getMessage().contains(MuJoCo.LIBRARY_ENV), e.getMessage());
    }

    @Test
    void aFileThatIsNotALibraryIsRefused(@TempDir Path dir) throws IOException {
        Path fake = dir.resolve("libmujoco.so");
        Files.writeString(fake, "not a shared object");
        MuJoCoException e = assertThrows(MuJoCoException.class, () -> MuJoCo.load(List.of(fake.toString())));
        assertTrue(e.getMessage().contains(fake.toString()) && e.getMessage().contains("apt-get"), e.getMessage());
    }

    @Test
    void unavailableReasonIsEmptyExactlyWhenAvailable() {
        assertEquals(MuJoCo.isAvailable(), MuJoCo.unavailableReason().isEmpty());
        if (!MuJoCo.isAvailable()) {
            MuJoCoException e = assertThrows(MuJoCoException.class, MuJoCo::get);
            assertTrue(e.getMessage().contains("apt-get install libmujoco2.2.2"), e.getMessage());
            assertThrows(MuJoCoException.class, () -> Locomotion.environment("hopper"));
        }
    }

    @ParameterizedTest
    @EnumSource(LocomotionTask.class)
    void modelFactsReadBackThroughTheBinding(LocomotionTask task) {
        MuJoCo mujoco = MuJoCoRequired.mujoco();
        int[][] facts = {{6, 6, 3, 11}, {9, 9, 6, 17}, {9, 9, 6, 17}}; // nq, nv, nu, observation
        double[] timestep = {0.002, 0.002, 0.01};
        int[] frameSkip = {4, 4, 5};
        int i = task.ordinal();
        try (MjModel model = mujoco.loadXml(task.modelXml(mujoco.mjVersion()), task.envName());
                MjData data = model.makeData()) {
            assertEquals(facts[i][0], model.nq(), "nq");
            assertEquals(facts[i][1], model.nv(), "nv");
            assertEquals(facts[i][2], model.nu(), "nu");
            data.reset();
            assertEquals(0.0, data.time(), 0.0, "time after mj_resetData");
            data.step(1);
            assertEquals(timestep[i], data.time(), 1e-15, "time after one mj_step is the model's timestep");
            data.reset();
            double[] qpos = new double[model.nq()];
            data.qpos(qpos);
            double[] qpos0 = new double[model.nq()];
            qpos0[1] = task == LocomotionTask.HALFCHEETAH ? 0.0 : 1.25; // rootz's reference position
            assertArrayEquals(qpos0, qpos, 0.0, "qpos after mj_resetData is qpos0");
            double[] qvel = new double[model.nv()];
            data.qvel(qvel);
            assertArrayEquals(new double[model.nv()], qvel, 0.0, "qvel after mj_resetData");
            double[] ctrl = new double[model.nu()];
            for (int k = 0; k < ctrl.length; k++) {
                ctrl[k] = 0.125 * (k + 1);
            }
            data.setCtrl(ctrl);
            double[] back = new double[model.nu()];
            data.ctrl(back);
            assertArrayEquals(ctrl, back, 0.0, "ctrl read back");
            data.step(1);
            double[] driven = new double[model.nv()];
            data.qvel(driven);
            data.reset();
            data.ctrl(back);
            assertArrayEquals(new double[model.nu()], back, 0.0, "mj_resetData clears ctrl");
            data.step(1);
            double[] idle = new double[model.nv()];
            data.qvel(idle);
            assertTrue(Math.abs(driven[3] - idle[3]) > 1e-3, "the control written moves the first actuated joint: "
                    + driven[3] + " vs " + idle[3] + " without it");
            data.reset();
            double[] push = new double[model.nv()];
            push[0] = 1.0; // rootx, a slide along x
            data.setQvel(push);
            data.forward();
            data.step(1);
            data.qpos(qpos);
            assertEquals(timestep[i], qpos[0], 0.2 * timestep[i], "qvel written is the velocity MuJoCo integrates");
        }
        try (LocomotionEnvironment env = Locomotion.environment(task)) {
            assertEquals(facts[i][3], env.observationDim());
            assertEquals(facts[i][2], env.actionDim());
            assertEquals(timestep[i] * frameSkip[i], env.dt(), 1e-15, "dt");
            assertEquals(1000, env.maxEpisodeSteps());
            env.reset(3);
            env.step(new float[env.actionDim()]);
            assertEquals(env.dt(), env.time(), 1e-15, "one env step is frameSkip physics steps");
        }
    }

    @Test
    void mjuErrorBecomesAnExceptionAndTheProcessLivesOn() {
        MuJoCo mujoco = MuJoCoRequired.mujoco();
        MuJoCoException e = assertThrows(MuJoCoException.class,
                () -> mujoco.raiseError("edp4j deliberate test error"));
        assertTrue(e.getMessage().contains("edp4j deliberate test error"), e.getMessage());
        try (LocomotionEnvironment env = Locomotion.environment(LocomotionTask.HOPPER)) {
            env.reset(1);
            assertEquals(11, env.step(new float[3]).observation().length, "MuJoCo still works after the error");
        }
    }

    @Test
    void corruptModelsAreRefusedWithMuJoCosMessage() {
        MuJoCo mujoco = MuJoCoRequired.mujoco();
        MuJoCoException notXml = assertThrows(MuJoCoException.class,
                () -> mujoco.loadXml("this is not < an MJCF model", "garbage"));
        assertTrue(notXml.getMessage().contains("refused the model garbage"), notXml.getMessage());
        MuJoCoException badJoint = assertThrows(MuJoCoException.class, () -> mujoco.loadXml(
                "<mujoco><worldbody><body><joint type=\"wobbly\"/><geom size=\"0.1\"/></body></worldbody></mujoco>",
                "bad-joint"));
        assertTrue(badJoint.getMessage().contains("wobbly") || badJoint.getMessage().toLowerCase().contains("type"),
                badJoint.getMessage());
        String truncated = LocomotionTask.HOPPER.modelXml(mujoco.mjVersion());
        MuJoCoException cut = assertThrows(MuJoCoException.class,
                () -> mujoco.loadXml(truncated.substring(0, truncated.length() / 2), "half-hopper"));
        assertTrue(cut.getMessage().contains("half-hopper"), cut.getMessage());
    }

    @Test
    void closedModelsAndDataRefuseUse() {
        MuJoCo mujoco = MuJoCoRequired.mujoco();
        MjModel model = mujoco.loadXml(LocomotionTask.HOPPER.modelXml(mujoco.mjVersion()), "hopper");
        MjData data = model.makeData();
        data.close();
        assertThrows(IllegalStateException.class, () -> data.step(1));
        data.close();
        model.close();
        assertThrows(IllegalStateException.class, model::makeData);
    }
}
