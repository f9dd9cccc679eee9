package io.github.edp4j.core;

/**
 * Loads the engine in a JVM started without a native libtorch ({@link TorchRuntimeNativeSelectionTest}): prints the
 * error's message and exits 3 when loading fails as it should, exits 0 if an engine was loaded after all.
 */
final class MissingNativeProbe {

    private MissingNativeProbe() {
    }

    public static void main(String[] args) {
        try {
            TorchRuntime.engine();
            System.out.println("loaded");
            System.exit(0);
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage());
            System.out.println("ai.djl.offline=" + System.getProperty("ai.djl.offline"));
            System.exit(3);
        }
    }
}
