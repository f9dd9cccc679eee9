package io.github.edp4j.d4rl.mujoco;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/** Tests that need libmujoco: required in CI ({@code CI=true}), skipped with the reason elsewhere. */
final class MuJoCoRequired {

    private MuJoCoRequired() {
    }

    /** @return the loaded library; fails in CI and skips elsewhere when it is missing */
    static MuJoCo mujoco() {
        if (!MuJoCo.isAvailable()) {
            String reason = "MuJoCo tests need libmujoco: " + MuJoCo.unavailableReason();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true, so MuJoCo is required. " + reason);
            }
            Assumptions.abort(reason);
        }
        return MuJoCo.get();
    }
}
