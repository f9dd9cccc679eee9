package io.github.edp4j.d4rl.tasks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Receives the progress of a {@link DatasetCollector} run. */
@FunctionalInterface
public interface CollectionListener {

    /**
     * Called every {@link DatasetCollector#PROGRESS_EVERY} steps and once at the end.
     *
     * @param steps transitions collected so far
     * @param totalSteps transitions to collect
     * @param episodes episodes finished so far
     * @param meanReturn mean undiscounted return of the finished episodes, {@code NaN} before the first one ends
     */
    void progress(int steps, int totalSteps, int episodes, double meanReturn);

    /** @return a listener that ignores progress */
    static CollectionListener none() {
        return (steps, totalSteps, episodes, meanReturn) -> { };
    }

    /**
     * @param name the dataset's name, for the messages
     * @return a listener that logs (SLF4J, INFO) at every tenth of the run
     */
    static CollectionListener logging(String name) {
        Logger log = LoggerFactory.getLogger(DatasetCollector.class);
        return new CollectionListener() {
            private int lastTenth = -1;

            @Override
            public void progress(int steps, int totalSteps, int episodes, double meanReturn) {
                int tenth = (int) (10L * steps / totalSteps);
                if (tenth != lastTenth) {
                    lastTenth = tenth;
                    log.info("{}: {} of {} steps, {} episodes, mean return {}", name, steps, totalSteps, episodes,
                            Double.isNaN(meanReturn) ? "-" : String.format(java.util.Locale.ROOT, "%.1f", meanReturn));
                }
            }
        };
    }
}
