package io.github.edp4j.d4rl;

import java.nio.file.Path;

/**
 * A dataset file that cannot be read (D4RL HDF5, or any format of {@link Datasets}): not of its format, truncated or
 * corrupt, a required key or array missing, arrays of different lengths or shapes, an unsupported type (a NumPy
 * object array, whose pickles are never loaded), non-finite values, or no rows. The message names the file and says
 * what is wrong and where (key, row, column, value). It is an {@link IllegalArgumentException}, so callers
 * that treat all bad input alike need not know this type.
 */
public final class D4rlFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file the file that was read
     * @param problem what is wrong, without the file name
     */
    public D4rlFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /**
     * @param file the file that was read
     * @param problem what is wrong, without the file name
     * @param cause the underlying failure, for example jhdf's exception
     */
    public D4rlFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** @return the file that could not be read */
    public Path file() {
        return file;
    }
}
