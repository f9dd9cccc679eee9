package io.github.edp4j.algos.improvement;

import io.github.edp4j.algos.nets.Actor;
import io.github.edp4j.algos.nets.TwinCritic;
import io.github.edp4j.algos.nets.ValueNetwork;

/**
 * The networks one training step works on.
 *
 * @param actor the trained policy
 * @param targetActor its EMA copy, used for target actions and for acting
 * @param critic the twin Q networks
 * @param targetCritic their Polyak-averaged copy
 * @param value the state-value network (IQL), or {@code null}
 */
public record Networks(Actor actor, Actor targetActor, TwinCritic critic, TwinCritic targetCritic,
        ValueNetwork value) {}
