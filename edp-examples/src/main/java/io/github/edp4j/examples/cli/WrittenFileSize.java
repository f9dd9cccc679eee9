package io.github.edp4j.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The size of a file a command has just written, for its report: KiB under 1 MiB, MiB above. */
final class WrittenFileSize {

    private WrittenFileSize() {
    }

    /**
     * @param file a file the command wrote
     * @return its size, such as {@code 12.5 KiB} or {@code 3.2 MiB}
     * @throws UncheckedIOException naming the file if its size cannot be read
     */
    static String of(Path file) {
        try {
            long bytes = Files.size(file);
            return bytes < 1 << 20 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                    : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
        } catch (IOException e) {
            throw new UncheckedIOException("wrote " + file + " but cannot read its size: " + e.getMessage(), e);
        }
    }
}
