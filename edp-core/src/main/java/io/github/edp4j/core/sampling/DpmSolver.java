package io.github.edp4j.core.sampling;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.nn.NativeConstants;
import io.github.edp4j.core.schedule.NoiseSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Singlestep DPM-Solver of order 1, 2 or 3 (Lu et al. 2022, arXiv 2206.00927, Algorithms 1 and 2, the
 * "dpmsolver" update of the noise-prediction model), the fast sampler EDP uses instead of the K-step DDPM chain
 * (arXiv 2305.20081, Sec. 4.2).
 *
 * <p>A budget of {@code modelCalls} network evaluations is split into outer steps with the official order
 * pattern ({@code [3]*(M-2)+[2,1]}, {@code [3]*(M-1)+[1]} or {@code [3]*(M-1)+[2]} for order 3, lower orders
 * analogous), placed on a {@link TimeGrid} from {@code t_T} to {@code t_0}. As in the official implementation,
 * the intermediate points of a step of order {@code m} from {@code s} to {@code t} are the inner points of an
 * {@code m}-interval grid of the same kind over {@code [s, t]}, and {@code r1, r2} are their relative positions
 * in {@code lambda} (so {@code r1 = 1/3, r2 = 2/3} exactly on the logSNR grid). Each model output is clipped so that
 * the implied clean action {@code (x - sigma_t eps)/alpha_t} stays inside the action bounds, and the final
 * sample is clipped, as in the official EDP code. Order 1 is DDIM.
 *
 * <p>Every coefficient is precomputed in double precision when the solver is built; a call only combines
 * arrays. Immutable and thread-safe.
 */
public class DpmSolver implements ActionSampler {

    private final NoiseSchedule schedule;
    private final int order;
    private final int modelCalls;
    private final TimeGrid grid;
    private final double tStart;
    private final double tEnd;
    private final ActionBounds bounds;
    private final int[] orders;
    private final List<Step> plan;
    private final double[] coefficients;
    /** The model time index and the continuous time of every model call, in call order. */
    private final double[] callTimes;
    private final double[] callT;
    private volatile Constants constants;

    /** One outer step: the model calls it makes and the coefficients that combine them. */
    private record Step(int order, double[] times, double[] modelTimes, int clipOffset, int coefOffset) {}

    /**
     * @param builder validated settings
     */
    protected DpmSolver(Builder builder) {
        this.schedule = builder.schedule;
        this.order = builder.order;
        this.modelCalls = builder.modelCalls;
        this.grid = builder.grid;
        this.tStart = builder.tStart;
        this.tEnd = builder.tEnd;
        this.bounds = builder.bounds;
        this.orders = orderPattern(modelCalls, order);
        double[] outer = outerPoints(schedule, grid, tStart, tEnd, modelCalls, orders);
        List<Step> steps = new ArrayList<>();
        List<Double> coefs = new ArrayList<>();
        for (int i = 0; i < orders.length; i++) {
            steps.add(planStep(orders[i], outer[i], outer[i + 1], coefs));
        }
        this.plan = List.copyOf(steps);
        this.coefficients = coefs.stream().mapToDouble(Double::doubleValue).toArray();
        this.callT = steps.stream().flatMapToDouble(st -> Arrays.stream(st.times())).toArray();
        this.callTimes = steps.stream().flatMapToDouble(st -> Arrays.stream(st.modelTimes())).toArray();
    }

    /**
     * @param schedule the schedule of the model to sample
     * @return a builder with the EDP defaults (order 3, 15 calls, time-uniform, {@code t} from 1 to 1e-3)
     */
    public static Builder builder(NoiseSchedule schedule) {
        return new Builder(schedule);
    }

    /**
     * The order of each outer step for a budget of {@code calls} model calls (official DPM-Solver singlestep
     * pattern with lower-order final steps).
     *
     * @param calls model calls, at least 1
     * @param order maximum order, 1 to 3
     * @return the orders, summing to {@code calls}
     */
    static int[] orderPattern(int calls, int order) {
        List<Integer> o = new ArrayList<>();
        if (order == 3) {
            int m = calls / 3 + 1;
            int threes = calls % 3 == 0 ? m - 2 : m - 1;
            for (int i = 0; i < threes; i++) {
                o.add(3);
            }
            if (calls % 3 == 0) {
                o.add(2);
                o.add(1);
            } else if (calls % 3 == 1) {
                o.add(1);
            } else {
                o.add(2);
            }
        } else if (order == 2) {
            for (int i = 0; i < calls / 2; i++) {
                o.add(2);
            }
            if (calls % 2 == 1) {
                o.add(1);
            }
        } else {
            for (int i = 0; i < calls; i++) {
                o.add(1);
            }
        }
        return o.stream().mapToInt(Integer::intValue).toArray();
    }

    static double[] outerPoints(NoiseSchedule schedule, TimeGrid grid, double tStart, double tEnd, int calls,
            int[] orders) {
        if (grid == TimeGrid.LOGSNR) {
            return grid.points(schedule, tStart, tEnd, orders.length);
        }
        double[] all = grid.points(schedule, tStart, tEnd, calls);
        double[] outer = new double[orders.length + 1];
        int idx = 0;
        outer[0] = all[0];
        for (int i = 0; i < orders.length; i++) {
            idx += orders[i];
            outer[i + 1] = all[idx];
        }
        return outer;
    }

    private Step planStep(int stepOrder, double s, double t, List<Double> coefs) {
        double lamS = schedule.lambda(s);
        double lamT = schedule.lambda(t);
        double h = lamT - lamS;
        double logAlphaS = schedule.logAlpha(s);
        double sigmaT = schedule.sigmaAt(t);
        double ratioT = Math.exp(schedule.logAlpha(t) - logAlphaS);
        double phi1 = Math.expm1(h);
        double[] times;
        int clipOffset = coefs.size();
        if (stepOrder == 1) {
            times = new double[] {s};
            addClip(coefs, s);
            int coefOffset = coefs.size();
            coefs.add(ratioT);
            coefs.add(-sigmaT * phi1);
            return new Step(1, times, modelTimes(times), clipOffset, coefOffset);
        }
        // Inner points come from the same grid over [s, t] (official DPM-Solver singlestep loop), and r1, r2
        // are their relative positions in lambda: exactly 1/2 or 1/3, 2/3 on the logSNR grid only.
        double[] inner = grid.points(schedule, s, t, stepOrder);
        if (stepOrder == 2) {
            double s1 = inner[1];
            double r1 = (schedule.lambda(s1) - lamS) / h;
            times = new double[] {s, s1};
            addClip(coefs, s);
            addClip(coefs, s1);
            int coefOffset = coefs.size();
            double sigmaS1 = schedule.sigmaAt(s1);
            coefs.add(Math.exp(schedule.logAlpha(s1) - logAlphaS)); // u = ux x + u0 e0
            coefs.add(-sigmaS1 * Math.expm1(r1 * h));
            double d = sigmaT / (2 * r1) * phi1; // x = cx x + c0 e0 + c1 e1
            coefs.add(ratioT);
            coefs.add(-sigmaT * phi1 + d);
            coefs.add(-d);
            return new Step(2, times, modelTimes(times), clipOffset, coefOffset);
        }
        double s1 = inner[1];
        double s2 = inner[2];
        double r1 = (schedule.lambda(s1) - lamS) / h;
        double r2 = (schedule.lambda(s2) - lamS) / h;
        times = new double[] {s, s1, s2};
        addClip(coefs, s);
        addClip(coefs, s1);
        addClip(coefs, s2);
        int coefOffset = coefs.size();
        double sigmaS1 = schedule.sigmaAt(s1);
        double sigmaS2 = schedule.sigmaAt(s2);
        double phi22 = Math.expm1(r2 * h) / (r2 * h) - 1;
        double phi2 = phi1 / h - 1;
        // u1 = u1x x + u10 e0
        coefs.add(Math.exp(schedule.logAlpha(s1) - logAlphaS));
        coefs.add(-sigmaS1 * Math.expm1(r1 * h));
        // u2 = u2x x + u20 e0 + u21 e1, from - sigma_s2 (r2/r1) phi22 (e1 - e0)
        double d1 = sigmaS2 * (r2 / r1) * phi22;
        coefs.add(Math.exp(schedule.logAlpha(s2) - logAlphaS));
        coefs.add(-sigmaS2 * Math.expm1(r2 * h) + d1);
        coefs.add(-d1);
        // x = cx x + c0 e0 + c2 e2, from - (sigma_t / r2) phi2 (e2 - e0)
        double d2 = sigmaT / r2 * phi2;
        coefs.add(ratioT);
        coefs.add(-sigmaT * phi1 + d2);
        coefs.add(-d2);
        return new Step(3, times, modelTimes(times), clipOffset, coefOffset);
    }

    /** Appends sigma, 1/alpha, alpha, 1/sigma at time {@code t} for the noise clipping. */
    private void addClip(List<Double> coefs, double t) {
        double a = schedule.alphaAt(t);
        double sg = schedule.sigmaAt(t);
        coefs.add(sg);
        coefs.add(1 / a);
        coefs.add(a);
        coefs.add(1 / sg);
    }

    private double[] modelTimes(double[] ts) {
        double[] out = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            out[i] = schedule.modelTimeIndex(ts[i]);
        }
        return out;
    }

    @Override
    public NDArray sample(NoisePredictor model, NDArray states, NDArray noise) {
        NDManager parent = noise.getManager();
        checkNoise(noise, states);
        Constants k = constants(noise);
        try (NDManager sub = parent.newSubManager()) {
            NoisePredictor.Prepared net = model.prepare(sub, states, callTimes);
            NDArray[] c = k.coefficients;
            NDArray x = noise.duplicate();
            x.attach(sub);
            int slot = 0;
            for (Step st : plan) {
                int o = st.coefOffset;
                NDArray e0 = eps(net, x, slot, k);
                if (st.order == 1) {
                    x = x.mul(c[o]).add(e0.mul(c[o + 1]));
                } else if (st.order == 2) {
                    NDArray u = x.mul(c[o]).add(e0.mul(c[o + 1]));
                    NDArray e1 = eps(net, u, slot + 1, k);
                    x = x.mul(c[o + 2]).add(e0.mul(c[o + 3])).add(e1.mul(c[o + 4]));
                } else {
                    NDArray u1 = x.mul(c[o]).add(e0.mul(c[o + 1]));
                    NDArray e1 = eps(net, u1, slot + 1, k);
                    NDArray u2 = x.mul(c[o + 2]).add(e0.mul(c[o + 3])).add(e1.mul(c[o + 4]));
                    NDArray e2 = eps(net, u2, slot + 2, k);
                    x = x.mul(c[o + 5]).add(e0.mul(c[o + 6])).add(e2.mul(c[o + 7]));
                }
                slot += st.order;
            }
            if (bounds != null) {
                x = x.maximum(k.low).minimum(k.high);
            }
            x.attach(parent);
            return x;
        }
    }

    /**
     * The model output at call {@code slot}, with the noise clipped so that the implied clean action {@code x0 =
     * (x - sigma e)/alpha} lies inside the bounds: {@code e' = (x - clip(x - sigma e, alpha low, alpha high)) /
     * sigma}, which equals {@code (x - alpha clip(x0, low, high)) / sigma} (two operations fewer).
     */
    private static NDArray eps(NoisePredictor.Prepared model, NDArray x, int slot, Constants k) {
        NDArray e = model.predict(x, slot);
        if (k.low == null) {
            return e;
        }
        NDArray z = x.sub(e.mul(k.sigma[slot])).maximum(k.lowAt[slot]).minimum(k.highAt[slot]);
        return x.sub(z).mul(k.inverseSigma[slot]);
    }

    /** The solver's coefficients as arrays on one device and in one data type, made once and reused. */
    private static final class Constants {
        final Device device;
        final DataType dtype;
        final NDArray[] coefficients;
        final NDArray[] sigma;
        final NDArray[] inverseSigma;
        final NDArray[] lowAt;
        final NDArray[] highAt;
        final NDArray low;
        final NDArray high;

        Constants(DpmSolver solver, NDManager m, DataType dtype, long dim) {
            this.device = m.getDevice();
            this.dtype = dtype;
            this.coefficients = scalars(m, solver.coefficients, dtype);
            int calls = solver.callTimes.length;
            double[] sg = new double[calls];
            double[] inv = new double[calls];
            for (int j = 0; j < calls; j++) {
                sg[j] = solver.schedule.sigmaAt(solver.callT[j]);
                inv[j] = 1 / sg[j];
            }
            this.sigma = scalars(m, sg, dtype);
            this.inverseSigma = scalars(m, inv, dtype);
            if (solver.bounds == null) {
                low = null;
                high = null;
                lowAt = null;
                highAt = null;
                return;
            }
            float[] lo = solver.bounds.low();
            float[] hi = solver.bounds.high();
            if (lo.length != dim) {
                throw new IllegalArgumentException("noise has " + dim + " columns but the solver clips to "
                        + lo.length + "-dimensional bounds");
            }
            low = NativeConstants.array(m, lo, new Shape(1, dim), dtype);
            high = NativeConstants.array(m, hi, new Shape(1, dim), dtype);
            lowAt = new NDArray[calls];
            highAt = new NDArray[calls];
            for (int j = 0; j < calls; j++) {
                double a = solver.schedule.alphaAt(solver.callT[j]);
                double[] l = new double[lo.length];
                double[] h = new double[hi.length];
                for (int i = 0; i < l.length; i++) {
                    l[i] = a * lo[i];
                    h[i] = a * hi[i];
                }
                lowAt[j] = NativeConstants.array(m, l, new Shape(1, dim), dtype);
                highAt[j] = NativeConstants.array(m, h, new Shape(1, dim), dtype);
            }
        }

        private static NDArray[] scalars(NDManager m, double[] values, DataType dtype) {
            NDArray[] out = new NDArray[values.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = NativeConstants.scalar(m, (float) values[i], dtype);
            }
            return out;
        }

        boolean matches(NDArray noise) {
            return device.equals(noise.getDevice()) && dtype == noise.getDataType()
                    && (low == null || low.getShape().get(1) == noise.getShape().get(1));
        }
    }

    /**
     * The constants for {@code noise}'s device and type. They live in a manager of their own for the solver's
     * lifetime (a few kilobytes), so a call creates no constant arrays; a call on another device or type replaces
     * them.
     */
    private Constants constants(NDArray noise) {
        Constants k = constants;
        if (k != null && k.matches(noise)) {
            return k;
        }
        synchronized (this) {
            k = constants;
            if (k == null || !k.matches(noise)) {
                NDManager m = noise.getManager().getEngine().newBaseManager(noise.getDevice());
                k = new Constants(this, m, noise.getDataType(), noise.getShape().get(1));
                constants = k;
            }
            return k;
        }
    }

    /**
     * The straightforward form of {@link #sample}, kept to pin its numerics in tests: coefficient arrays made on
     * every call, the model called through {@link NoisePredictor#predict} with the clean action clipped and the
     * noise recomputed from it.
     */
    NDArray sampleReference(NoisePredictor model, NDArray states, NDArray noise) {
        NDManager parent = noise.getManager();
        checkNoise(noise, states);
        try (NDManager sub = parent.newSubManager()) {
            DataType dtype = noise.getDataType();
            NDArray all = NativeConstants.array(sub, coefficients, new Shape(coefficients.length), dtype);
            NDArray[] c = new NDArray[coefficients.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = all.get(i);
            }
            NDArray low = null;
            NDArray high = null;
            if (bounds != null) {
                long d = noise.getShape().get(1);
                low = NativeConstants.array(sub, bounds.low(), new Shape(1, d), dtype);
                high = NativeConstants.array(sub, bounds.high(), new Shape(1, d), dtype);
            }
            NDArray x = noise.duplicate();
            x.attach(sub);
            for (Step st : plan) {
                int k = st.clipOffset;
                int o = st.coefOffset;
                double[] tm = st.modelTimes;
                NDArray e0 = referenceEps(model, x, tm[0], states, c, k, low, high);
                if (st.order == 1) {
                    x = x.mul(c[o]).add(e0.mul(c[o + 1]));
                } else if (st.order == 2) {
                    NDArray u = x.mul(c[o]).add(e0.mul(c[o + 1]));
                    NDArray e1 = referenceEps(model, u, tm[1], states, c, k + 4, low, high);
                    x = x.mul(c[o + 2]).add(e0.mul(c[o + 3])).add(e1.mul(c[o + 4]));
                } else {
                    NDArray u1 = x.mul(c[o]).add(e0.mul(c[o + 1]));
                    NDArray e1 = referenceEps(model, u1, tm[1], states, c, k + 4, low, high);
                    NDArray u2 = x.mul(c[o + 2]).add(e0.mul(c[o + 3])).add(e1.mul(c[o + 4]));
                    NDArray e2 = referenceEps(model, u2, tm[2], states, c, k + 8, low, high);
                    x = x.mul(c[o + 5]).add(e0.mul(c[o + 6])).add(e2.mul(c[o + 7]));
                }
            }
            if (bounds != null) {
                x = x.maximum(low).minimum(high);
            }
            x.attach(parent);
            return x;
        }
    }

    private static NDArray referenceEps(NoisePredictor model, NDArray x, double time, NDArray states, NDArray[] c, int k,
            NDArray low, NDArray high) {
        NDArray e = model.predict(x, time, states);
        if (low == null) {
            return e;
        }
        // x0 = (x - sigma e) / alpha, clipped; e' = (x - alpha x0) / sigma
        NDArray x0 = x.sub(e.mul(c[k])).mul(c[k + 1]).maximum(low).minimum(high);
        return x.sub(x0.mul(c[k + 2])).mul(c[k + 3]);
    }

    static void checkNoise(NDArray noise, NDArray states) {
        Shape s = noise.getShape();
        if (s.dimension() != 2) {
            throw new IllegalArgumentException("noise must have shape (B, actDim), got " + s);
        }
        if (states != null && states.getShape().get(0) != s.get(0)) {
            throw new IllegalArgumentException("states have " + states.getShape().get(0) + " rows but noise has "
                    + s.get(0));
        }
    }

    @Override
    public NoiseSchedule schedule() {
        return schedule;
    }

    @Override
    public int modelCalls() {
        return modelCalls;
    }

    /**
     * One outer step of the solver's precomputed plan, for code that re-expresses the sampler elsewhere (the ONNX
     * export of a policy). With {@code e_j' } the model output of call {@code j} of the step after the noise
     * clipping of {@link #sample} ({@code e' = (x - clip(x - sigma e, alpha low, alpha high)) / sigma}) and {@code
     * x} the step's input, the combination coefficients are {@code [cx, c0]} for order 1 ({@code x <- cx x + c0
     * e0'}); {@code [ux, u0, cx, c0, c1]} for order 2 ({@code u = ux x + u0 e0'} is the second call's input, {@code x
     * <- cx x + c0 e0' + c1 e1'}); {@code [u1x, u10, u2x, u20, u21, cx, c0, c2]} for order 3 ({@code u1 = u1x x + u10
     * e0'}, {@code u2 = u2x x + u20 e0' + u21 e1'}, {@code x <- cx x + c0 e0' + c2 e2'}).
     *
     * @param order the step's order, 1 to 3
     * @param modelTimes the model time index of each of its calls
     * @param sigmas {@code sigma(t)} at each call
     * @param alphas {@code alpha(t)} at each call
     * @param combination the combination coefficients, as above
     */
    public record StepPlan(int order, double[] modelTimes, double[] sigmas, double[] alphas, double[] combination) {

        /** Copies the arrays. */
        public StepPlan {
            modelTimes = modelTimes.clone();
            sigmas = sigmas.clone();
            alphas = alphas.clone();
            combination = combination.clone();
        }

        @Override
        public double[] modelTimes() {
            return modelTimes.clone();
        }

        @Override
        public double[] sigmas() {
            return sigmas.clone();
        }

        @Override
        public double[] alphas() {
            return alphas.clone();
        }

        @Override
        public double[] combination() {
            return combination.clone();
        }
    }

    /** @return the solver's outer steps in order, with the coefficients {@link #sample} combines (copies) */
    public List<StepPlan> plan() {
        List<StepPlan> out = new ArrayList<>();
        for (Step st : plan) {
            int n = st.order == 1 ? 2 : st.order == 2 ? 5 : 8;
            double[] sg = new double[st.order];
            double[] al = new double[st.order];
            for (int j = 0; j < st.order; j++) {
                sg[j] = schedule.sigmaAt(st.times[j]);
                al[j] = schedule.alphaAt(st.times[j]);
            }
            out.add(new StepPlan(st.order, st.modelTimes, sg, al,
                    Arrays.copyOfRange(coefficients, st.coefOffset, st.coefOffset + n)));
        }
        return List.copyOf(out);
    }

    /** @return the maximum solver order */
    public int order() {
        return order;
    }

    /** @return the time grid */
    public TimeGrid grid() {
        return grid;
    }

    /** @return the order of each outer step */
    public int[] orders() {
        return orders.clone();
    }

    /** @return {@code t_T}, the start time */
    public double startTime() {
        return tStart;
    }

    /** @return {@code t_0}, the end time */
    public double endTime() {
        return tEnd;
    }

    /** @return the clipping bounds, or {@code null} if the solver does not clip */
    public ActionBounds bounds() {
        return bounds;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{order=" + order + ", calls=" + modelCalls + ", grid=" + grid
                + ", t=" + tStart + ".." + tEnd + ", orders=" + Arrays.toString(orders) + ", clip="
                + (bounds != null) + "}";
    }

    /** Builder of {@link DpmSolver}: the schedule is required, everything else has the EDP default. */
    public static final class Builder {
        private final NoiseSchedule schedule;
        private int order = 3;
        private int modelCalls = 15;
        private TimeGrid grid = TimeGrid.TIME_UNIFORM;
        private double tStart = 1.0;
        private double tEnd = 1e-3;
        private ActionBounds bounds;

        private Builder(NoiseSchedule schedule) {
            if (schedule == null) {
                throw new IllegalArgumentException("DPM-Solver: schedule must not be null");
            }
            this.schedule = schedule;
        }

        /**
         * @param order maximum solver order, 1 to 3 (default 3)
         * @return this builder
         */
        public Builder order(int order) {
            this.order = order;
            return this;
        }

        /**
         * @param modelCalls number of network evaluations, at least 1 (default 15)
         * @return this builder
         */
        public Builder modelCalls(int modelCalls) {
            this.modelCalls = modelCalls;
            return this;
        }

        /**
         * @param grid time grid (default time-uniform)
         * @return this builder
         */
        public Builder grid(TimeGrid grid) {
            this.grid = grid;
            return this;
        }

        /**
         * @param tStart {@code t_T}, in (tEnd, 1] (default 1)
         * @param tEnd {@code t_0}, in (0, tStart) (default 1e-3)
         * @return this builder
         */
        public Builder timeRange(double tStart, double tEnd) {
            this.tStart = tStart;
            this.tEnd = tEnd;
            return this;
        }

        /**
         * @param bounds clip the implied clean action and the result to these bounds, or {@code null} for no
         *     clipping (default: none)
         * @return this builder
         */
        public Builder clipTo(ActionBounds bounds) {
            this.bounds = bounds;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the solver
         */
        public DpmSolver build() {
            validate();
            return new DpmSolver(this);
        }

        void validate() {
            if (order < 1 || order > 3) {
                throw new IllegalArgumentException("DPM-Solver: order must be in [1, 3], got " + order);
            }
            if (modelCalls < 1) {
                throw new IllegalArgumentException("DPM-Solver: modelCalls must be >= 1, got " + modelCalls);
            }
            if (grid == null) {
                throw new IllegalArgumentException("DPM-Solver: grid must not be null");
            }
            if (!(tEnd > 0) || !(tStart > tEnd) || tStart > 1) {
                throw new IllegalArgumentException("DPM-Solver: time range must satisfy 0 < tEnd < tStart <= 1, got "
                        + "tStart=" + tStart + ", tEnd=" + tEnd);
            }
        }
    }
}
