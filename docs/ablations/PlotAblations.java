import io.github.edp4j.examples.plot.AblationPlot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws docs/ablations/TASK.png from docs/ablations/plot-TASK.csv (written by aggregate.py: the mean score over the
 * seeds of each setting) with the command-line tool's own {@link AblationPlot}: score vs EAS candidates above, score
 * vs sampler model calls below. Run from the repository root after building the CLI jar:
 * <pre>
 *   java -cp edp-examples/target/edp4j-cli.jar docs/ablations/PlotAblations.java
 * </pre>
 */
public final class PlotAblations {

    private static final Map<String, String> TITLES = Map.of(
            "bandit", "bandit-mixed, EDP-IQL (K = 100), mean of 3 seeds",
            "fork", "fork, EDP-IQL (K = 100, VP), mean of 3 seeds",
            "pend", "pendulum, EDP-TD3 (K = 100), mean of 3 seeds",
            "hopper", "hopper-medium-expert, EDP-TD3 (K = 1000), one seed");

    private PlotAblations() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("docs", "ablations");
        for (String task : List.of("bandit", "fork", "pend", "hopper")) {
            Path csv = dir.resolve("plot-" + task + ".csv");
            if (!Files.isRegularFile(csv)) {
                continue;
            }
            List<AblationPlot.Point> eas = new ArrayList<>();
            List<AblationPlot.Point> calls = new ArrayList<>();
            for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
                String[] f = line.split(",");
                AblationPlot.Point p = new AblationPlot.Point(f[1], Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]));
                (f[0].equals("eas") ? eas : calls).add(p);
            }
            Path png = dir.resolve(task + ".png");
            new AblationPlot(TITLES.get(task), 800, eas.isEmpty() || calls.isEmpty() ? 360 : 640).write(eas, calls,
                    png);
            System.out.println("wrote " + png + " (" + Files.size(png) + " bytes)");
        }
    }
}
