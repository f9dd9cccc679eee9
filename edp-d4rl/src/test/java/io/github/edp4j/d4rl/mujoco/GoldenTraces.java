package io.github.edp4j.d4rl.mujoco;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the golden traces that {@code src/test/python/make_mujoco_traces.py} made with Gymnasium 1.3 on MuJoCo
 * 3.14 (Hopper's margins halved, the 2.2.2 rule): one list of rows per trace, row 0 the initial state.
 */
final class GoldenTraces {

    /** One row: the action taken to reach this state (zeros in row 0), its reward and flag, and the state. */
    record Row(int step, double[] action, double reward, boolean terminated, double[] qpos, double[] qvel) {
    }

    private GoldenTraces() {
    }

    static List<List<Row>> read(LocomotionTask task) {
        String resource = task.envName() + "-traces.csv.gz";
        int nu = task.actionDim();
        int nq = task.nq();
        int nv = task.nv();
        List<List<Row>> traces = new ArrayList<>();
        try (InputStream in = GoldenTraces.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
                    StandardCharsets.UTF_8));
            String header = r.readLine();
            int columns = header.split(",").length;
            if (columns != 2 + nu + 2 + nq + nv) {
                throw new IllegalStateException(resource + " has " + columns + " columns");
            }
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                int trace = Integer.parseInt(f[0]);
                int step = Integer.parseInt(f[1]);
                double[] a = new double[nu];
                double[] q = new double[nq];
                double[] v = new double[nv];
                int k = 2;
                for (int i = 0; i < nu; i++) {
                    a[i] = Double.parseDouble(f[k++]);
                }
                double reward = Double.parseDouble(f[k++]);
                boolean terminated = Integer.parseInt(f[k++]) != 0;
                for (int i = 0; i < nq; i++) {
                    q[i] = Double.parseDouble(f[k++]);
                }
                for (int i = 0; i < nv; i++) {
                    v[i] = Double.parseDouble(f[k++]);
                }
                if (trace == traces.size()) {
                    traces.add(new ArrayList<>());
                }
                traces.get(trace).add(new Row(step, a, reward, terminated, q, v));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return traces;
    }

    /**
     * @param task the task
     * @return gym's observation of a state: {@code qpos[1:]}, then {@code qvel} (clipped to [-10, 10] except for
     *     HalfCheetah)
     */
    static double[] observation(LocomotionTask task, double[] qpos, double[] qvel) {
        double[] obs = new double[qpos.length - 1 + qvel.length];
        System.arraycopy(qpos, 1, obs, 0, qpos.length - 1);
        for (int i = 0; i < qvel.length; i++) {
            double v = qvel[i];
            obs[qpos.length - 1 + i] = task == LocomotionTask.HALFCHEETAH ? v : Math.max(-10, Math.min(10, v));
        }
        return obs;
    }
}
