package io.github.edp4j.algos;

import ai.djl.ndarray.NDManager;
import io.github.edp4j.algos.nets.Actor;
import io.github.edp4j.algos.nets.TwinCritic;
import io.github.edp4j.core.ActionBounds;
import io.github.edp4j.core.TorchRuntime;
import io.github.edp4j.core.data.ObservationNormalizer;

/** Policies with the library's seeded initial weights, any bounds and normaliser, made without training. */
public final class TestPolicies {

    private TestPolicies() {
    }

    /**
     * @param builder the configuration (algorithm, policy class, sizes, acting settings)
     * @param obsDim observation dimension
     * @param bounds action bounds
     * @param normalizer observation normaliser
     * @return a policy with freshly initialised networks (close it)
     */
    public static Policy untrained(EdpTrainer.Builder builder, int obsDim, ActionBounds bounds,
            ObservationNormalizer normalizer) {
        TrainerConfig c = builder.build().config();
        NetworkFactory f = new NetworkFactory(c, obsDim, bounds);
        try (NDManager m = TorchRuntime.newManager()) {
            Actor actor = f.actor(m, false);
            TwinCritic critic = f.critic(m, false);
            Provenance prov = new Provenance(c, "test-data", "0", 0, Provenance.LIBRARY_VERSION, "0.32.0", "2.5.1",
                    "17", "2026-01-01T00:00:00Z", 0);
            return Policy.copyOf(c, obsDim, bounds, normalizer, prov, actor, critic);
        }
    }

    /**
     * A copy of a trained policy's networks acting with other bounds and another normaliser (so that tests exercise
     * per-dimension clipping with weights that act sensibly).
     *
     * @param trained the trained policy
     * @param bounds the copy's action bounds (same dimension)
     * @param normalizer the copy's normaliser
     * @return the copy (close it)
     */
    public static Policy rebound(Policy trained, ActionBounds bounds, ObservationNormalizer normalizer) {
        TrainerConfig c = trained.config();
        NetworkFactory f = new NetworkFactory(c, trained.observationDim(), bounds);
        try (NDManager m = TorchRuntime.newManager()) {
            Actor actor = f.actor(m, false);
            TwinCritic critic = f.critic(m, false);
            trained.withParts(parts -> {
                actor.parameters().copyFrom(parts.actor().parameters());
                if (actor.behaviourParameters() != null) {
                    actor.behaviourParameters().copyFrom(parts.actor().behaviourParameters());
                }
                critic.parameters().copyFrom(parts.critic().parameters());
                return null;
            });
            return Policy.copyOf(c, trained.observationDim(), bounds, normalizer, trained.provenance(), actor,
                    critic);
        }
    }
}
