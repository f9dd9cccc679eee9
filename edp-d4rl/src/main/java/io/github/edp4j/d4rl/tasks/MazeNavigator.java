package io.github.edp4j.d4rl.tasks;

/**
 * Steers the point mass of a {@link PointMaze} to one target cell along a shortest path: it follows the
 * breadth-first distance field to the target, looks ahead along that path up to {@value #LOOKAHEAD} cells and aims at
 * the farthest cell centre it can reach in a straight line without grazing a wall or coming within {@value
 * #PIT_CLEARANCE} of a pit (so it cuts corners and
 * crosses open rooms diagonally), then applies a saturated PD law {@code a = clip(KP (aim - p) - KD v, -1, 1)}.
 */
final class MazeNavigator {

    static final double KP = 2.0;
    static final double KD = 0.8;
    static final int LOOKAHEAD = 4;
    private static final double CLEARANCE = PointMaze.HALF_SIZE + 0.05;
    /** Half-size of the square that must stay clear of pits: the expert passes a pit mid-way, not grazing it. */
    static final double PIT_CLEARANCE = 0.3;
    private static final double SIGHT_STEP = 0.1;

    private final MazeLayout layout;
    private final int target;
    private final int[] field;

    /**
     * @param layout the maze
     * @param target target cell
     * @param blocked cells the path must avoid (used to force one way around an obstacle)
     */
    MazeNavigator(MazeLayout layout, int target, int... blocked) {
        this.layout = layout;
        this.target = target;
        this.field = layout.distanceField(target, blocked);
    }

    int target() {
        return target;
    }

    /**
     * @param cell a cell
     * @return the path length in cells from {@code cell} to the target, {@link MazeLayout#UNREACHABLE} if cut off
     */
    int distance(int cell) {
        return field[cell];
    }

    /**
     * The PD action towards the aim point.
     *
     * @param x position
     * @param y position
     * @param vx velocity
     * @param vy velocity
     * @return the acceleration command, each component in [-1, 1]
     */
    double[] steer(double x, double y, double vx, double vy) {
        double[] aim = aim(x, y);
        double ax = KP * (aim[0] - x) - KD * vx;
        double ay = KP * (aim[1] - y) - KD * vy;
        return new double[] {Math.max(-1.0, Math.min(1.0, ax)), Math.max(-1.0, Math.min(1.0, ay))};
    }

    /**
     * @return the point the controller steers at from {@code (x, y)}
     */
    double[] aim(double x, double y) {
        int cell = layout.cellAt(x, y);
        if (field[cell] == MazeLayout.UNREACHABLE) {
            return new double[] {layout.centerX(cell), layout.centerY(cell)};
        }
        int cur = cell;
        double aimX = layout.centerX(cell);
        double aimY = layout.centerY(cell);
        for (int k = 0; k < LOOKAHEAD && cur != target; k++) {
            int next = nextCell(cur);
            double cx = layout.centerX(next);
            double cy = layout.centerY(next);
            if (k > 0 && !clearLine(x, y, cx, cy)) {
                break;
            }
            aimX = cx;
            aimY = cy;
            cur = next;
        }
        return new double[] {aimX, aimY};
    }

    /** The neighbour with the smallest distance; ties go to up, down, left, right in that order. */
    private int nextCell(int cell) {
        int r = layout.rowOf(cell);
        int c = layout.colOf(cell);
        int best = cell;
        int bestDist = field[cell];
        int[] dr = {-1, 1, 0, 0};
        int[] dc = {0, 0, -1, 1};
        for (int k = 0; k < 4; k++) {
            int nr = r + dr[k];
            int nc = c + dc[k];
            if (layout.isWall(nr, nc)) {
                continue;
            }
            int n = layout.cell(nr, nc);
            if (field[n] < bestDist) {
                best = n;
                bestDist = field[n];
            }
        }
        return best;
    }

    private boolean clearLine(double x0, double y0, double x1, double y1) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        int n = (int) Math.ceil(Math.sqrt(dx * dx + dy * dy) / SIGHT_STEP);
        for (int i = 1; i <= n; i++) {
            double t = (double) i / n;
            if (layout.squareHitsWall(x0 + t * dx, y0 + t * dy, CLEARANCE)
                    || layout.squareTouchesPit(x0 + t * dx, y0 + t * dy, PIT_CLEARANCE)) {
                return false;
            }
        }
        return true;
    }
}
