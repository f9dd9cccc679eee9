package io.github.edp4j.d4rl.mujoco;

/**
 * A failure reported by MuJoCo (an {@code mju_error}, a model that does not compile) or of loading the library.
 * MuJoCo's default error handler exits the process; EDP4J installs its own handler so that such an error surfaces
 * as this exception instead.
 */
public final class MuJoCoException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, with MuJoCo's own text where there is one */
    public MuJoCoException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public MuJoCoException(String message, Throwable cause) {
        super(message, cause);
    }
}
