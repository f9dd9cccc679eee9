package io.github.edp4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.edp4j.core.TorchRuntime;
import org.junit.jupiter.api.Test;

/**
 * Offline mode is the application's choice: the edp4j tool makes it (DJL must not start a download behind a
 * command), the library leaves it alone, and a user's own setting wins.
 */
class CliDjlOfflineTest {

    private static final String OFFLINE = Edp4jCli.DJL_OFFLINE_PROPERTY;

    @Test
    void theCliPutsDjlOffline() {
        assumeTrue(System.getenv("DJL_OFFLINE") == null, "DJL_OFFLINE is set in the environment");
        withOfflineProperty(null, () -> {
            TorchRuntime.engine();
            assertNull(System.getProperty(OFFLINE), "the library set " + OFFLINE);
            assertEquals(0, Edp4jCli.run(new String[] {"--version"}));
            assertEquals("true", System.getProperty(OFFLINE));
        });
    }

    @Test
    void theUsersChoiceWins() {
        withOfflineProperty("false", () -> {
            assertEquals(0, Edp4jCli.run(new String[] {"--version"}));
            assertEquals("false", System.getProperty(OFFLINE));
        });
    }

    private static void withOfflineProperty(String value, Runnable body) {
        String before = System.getProperty(OFFLINE);
        try {
            if (value == null) {
                System.clearProperty(OFFLINE);
            } else {
                System.setProperty(OFFLINE, value);
            }
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty(OFFLINE);
            } else {
                System.setProperty(OFFLINE, before);
            }
        }
    }
}
