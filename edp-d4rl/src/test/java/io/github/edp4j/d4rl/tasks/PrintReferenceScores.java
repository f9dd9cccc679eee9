package io.github.edp4j.d4rl.tasks;

/**
 * Prints the reference returns of every built-in task, measured afresh, in the form stored in
 * {@link TaskCatalog}. Run after changing a task or its expert:
 * {@code java -cp <test classpath> io.github.edp4j.d4rl.tasks.PrintReferenceScores}.
 */
public final class PrintReferenceScores {

    private PrintReferenceScores() {
    }

    /** @param args unused */
    public static void main(String[] args) {
        for (TaskSpec t : TaskCatalog.scriptedTasks()) {
            ReferenceScores r = t.measureReference();
            System.out.println(t.name() + ": new ReferenceScores(" + r.min() + ", " + r.max() + ", " + r.episodes()
                    + ")");
        }
    }
}
