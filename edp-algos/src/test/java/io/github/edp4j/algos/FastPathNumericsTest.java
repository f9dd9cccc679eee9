package io.github.edp4j.algos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import io.github.edp4j.core.data.FourModeToy;
import io.github.edp4j.core.data.OfflineDataset;
import io.github.edp4j.core.nn.Activation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The training step's fast paths leave the numbers unchanged: the loss curve of every iteration with Mish's
 * one-exp form (used for targets, which run with gradient mode off) equals the curve with the reference form
 * everywhere, to 1e-5, on networks wide enough (batch 256 x 32) for the one-exp form to be taken.
 */
@Tag("gc-stress-sampled")
class FastPathNumericsTest {

    private static List<TrainingRecord> curve(Algorithm algo, boolean oneExp) {
        OfflineDataset data = FourModeToy.dataset(2000, 5);
        return EdpTrainer.builder().algo(algo).policy(PolicyClass.DIFFUSION).steps(10).hidden(32, 32)
                .activation(oneExp ? Activation.MISH : Activation.MISH_REFERENCE).dtql(1.0, 0, 2)
                .batchSize(256).iterations(6).logEvery(1).seed(21).progress(false).build().fit(data).curve();
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"TD3", "CRR", "IQL", "DTQL"})
    void lossCurveMatchesReferenceMish(Algorithm algo) {
        List<TrainingRecord> fast = curve(algo, true);
        List<TrainingRecord> reference = curve(algo, false);
        assertEquals(reference.size(), fast.size());
        for (int i = 0; i < fast.size(); i++) {
            Map<String, Double> f = fast.get(i).metrics();
            Map<String, Double> r = reference.get(i).metrics();
            assertEquals(r.keySet(), f.keySet());
            for (String k : r.keySet()) {
                double tol = 1e-5 * Math.max(1, Math.abs(r.get(k)));
                assertEquals(r.get(k), f.get(k), tol, algo + " iteration " + fast.get(i).iteration() + " " + k);
            }
        }
    }
}
