package io.github.edp4j.d4rl.tasks;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.edp4j.d4rl.mujoco.MuJoCo;
import org.junit.jupiter.api.Assumptions;

/** Tests that need libmujoco: required in CI ({@code CI=true}), skipped with the reason elsewhere. */
final class MuJoCoAssumption {

    private MuJoCoAssumption() {
    }

    /** Fails in CI and skips elsewhere when MuJoCo is missing. */
    static void require() {
        if (!MuJoCo.isAvailable()) {
            String reason = "needs libmujoco: " + MuJoCo.unavailableReason();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true, so MuJoCo is required; " + reason);
            }
            Assumptions.abort(reason);
        }
    }
}
