package io.github.edp4j.d4rl.tasks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A grid of unit cells, walls ({@code #}), free cells ({@code O}, start {@code S}, goal {@code G}) and pits
 * ({@code X}: open floor that ends the episode when the mass's centre enters it), drawn as rows of text. Cell {@code (row r, column c)} covers {@code x in [c, c + 1]}, {@code y in [r, r + 1]}: x grows to the
 * right along a row, y grows downwards through the rows of the drawing. The border must be wall.
 *
 * <p>Holds shortest-path distance fields (4-connected breadth-first search over cells) for the controllers.
 */
final class MazeLayout {

    /** Distance of a cell that cannot reach the target. */
    static final int UNREACHABLE = Integer.MAX_VALUE;
    /** Upward speed of the mass at the start of a fork episode, in cells per second. */
    static final double FORK_ENTRY_SPEED = 2.0;
    /** Steps after which a fork episode is truncated. */
    static final int FORK_HORIZON = 37;

    /** D4RL's {@code maze2d-umaze}: start at the bottom left, goal at the top left, wall between. */
    static final MazeLayout UMAZE = parse("umaze",
            "#####",
            "#GOO#",
            "###O#",
            "#SOO#",
            "#####");

    /** D4RL's {@code maze2d-open}: a 3 x 5 room, start and goal in opposite corners. */
    static final MazeLayout OPEN = parse("open",
            "#######",
            "#OOOOG#",
            "#OOOOO#",
            "#SOOOO#",
            "#######");

    /**
     * A fork with a pit, antmaze-style: a room whose goal lies straight ahead of the start, behind a pit three cells
     * wide. The two shortest ways pass the pit on the left or on the right and are equally long (9 cells); their
     * average -- straight ahead -- ends in the pit. The mass enters the room moving up at {@value #FORK_ENTRY_SPEED}
     * cells/s, so the way must be chosen at the first step and kept, and an episode lasts at most {@value
     * #FORK_HORIZON} steps (the experts need 32-35): a policy that first brakes in front of the pit and then
     * picks a side runs out of time. Reaching the goal ends the episode with reward 1.
     */
    static final MazeLayout FORK = parse("fork", new MazeRules(true, FORK_ENTRY_SPEED, FORK_HORIZON),
            "#########",
            "#OOOGOOO#",
            "#OOOOOOO#",
            "#OOXXXOO#",
            "#OOOOOOO#",
            "#OOOOOOO#",
            "#OOOSOOO#",
            "#########");

    private final String name;
    private final MazeRules rules;
    private final int rows;
    private final int cols;
    private final boolean[] wall;
    private final boolean[] pit;
    private final int start;
    private final int goal;
    private final int[] freeCells;

    private MazeLayout(String name, MazeRules rules, int rows, int cols, boolean[] wall, boolean[] pit,
            int start, int goal) {
        this.name = name;
        this.rules = rules;
        this.rows = rows;
        this.cols = cols;
        this.wall = wall;
        this.pit = pit;
        this.start = start;
        this.goal = goal;
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < wall.length; i++) {
            if (!wall[i] && !pit[i]) {
                free.add(i);
            }
        }
        this.freeCells = free.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A layout in D4RL's maze2d style: the goal does not end the episode.
     *
     * @param name the layout's name
     * @param lines rows of {@code #}, {@code O}, {@code X}, {@code S} (exactly one) and {@code G} (exactly one)
     * @return the layout
     * @throws IllegalArgumentException if the drawing is ragged, has an unknown character, lacks a start or goal or
     *         has an open border
     */
    static MazeLayout parse(String name, String... lines) {
        return parse(name, MazeRules.D4RL_STYLE, lines);
    }

    /**
     * @param name the layout's name
     * @param rules how an episode starts and ends
     * @param lines rows of {@code #}, {@code O}, {@code X}, {@code S} (exactly one) and {@code G} (exactly one)
     * @return the layout
     * @throws IllegalArgumentException if the drawing is ragged, has an unknown character, lacks a start or goal or
     *         has an open border
     */
    static MazeLayout parse(String name, MazeRules rules, String... lines) {
        int rows = lines.length;
        int cols = lines[0].length();
        boolean[] wall = new boolean[rows * cols];
        boolean[] pit = new boolean[rows * cols];
        int start = -1;
        int goal = -1;
        for (int r = 0; r < rows; r++) {
            if (lines[r].length() != cols) {
                throw new IllegalArgumentException("maze " + name + ": row " + r + " has " + lines[r].length()
                        + " cells, row 0 has " + cols);
            }
            for (int c = 0; c < cols; c++) {
                char ch = lines[r].charAt(c);
                int i = r * cols + c;
                switch (ch) {
                    case '#' -> wall[i] = true;
                    case 'O' -> { }
                    case 'X' -> pit[i] = true;
                    case 'S' -> start = i;
                    case 'G' -> goal = i;
                    default -> throw new IllegalArgumentException(
                            "maze " + name + ": unknown cell '" + ch + "' at row " + r + ", column " + c);
                }
                boolean border = r == 0 || c == 0 || r == rows - 1 || c == cols - 1;
                if (border && !wall[i]) {
                    throw new IllegalArgumentException("maze " + name + ": border cell at row " + r + ", column " + c
                            + " must be a wall");
                }
            }
        }
        if (start < 0 || goal < 0) {
            throw new IllegalArgumentException("maze " + name + ": needs one start 'S' and one goal 'G'");
        }
        return new MazeLayout(name, rules, rows, cols, wall, pit, start, goal);
    }

    String name() {
        return name;
    }

    /** @return how an episode starts and ends */
    MazeRules rules() {
        return rules;
    }

    /** @return whether reaching the goal ends the episode under the sparse reward (antmaze-style) */
    boolean goalEndsEpisode() {
        return rules.goalEndsEpisode();
    }

    /** @return whether the cell is a pit */
    boolean isPit(int cell) {
        return pit[cell];
    }

    /** @return indices of the pit cells, ascending (empty for a layout without pits) */
    int[] pitCells() {
        return java.util.stream.IntStream.range(0, pit.length).filter(i -> pit[i]).toArray();
    }

    int rows() {
        return rows;
    }

    int cols() {
        return cols;
    }

    /** @return index {@code row * cols + col} of the start cell */
    int startCell() {
        return start;
    }

    /** @return index of the goal cell */
    int goalCell() {
        return goal;
    }

    /** @return indices of all free cells (not wall, not pit), ascending */
    int[] freeCells() {
        return freeCells.clone();
    }

    int cell(int row, int col) {
        return row * cols + col;
    }

    int rowOf(int cell) {
        return cell / cols;
    }

    int colOf(int cell) {
        return cell % cols;
    }

    /** @return x of the cell's centre */
    double centerX(int cell) {
        return colOf(cell) + 0.5;
    }

    /** @return y of the cell's centre */
    double centerY(int cell) {
        return rowOf(cell) + 0.5;
    }

    /**
     * @param x horizontal position
     * @param y vertical position
     * @return the index of the cell containing the point, clamped to the grid
     */
    int cellAt(double x, double y) {
        int c = Math.max(0, Math.min(cols - 1, (int) Math.floor(x)));
        int r = Math.max(0, Math.min(rows - 1, (int) Math.floor(y)));
        return r * cols + c;
    }

    /** @return whether grid position {@code (row, col)} is a wall; outside the grid counts as wall */
    boolean isWall(int row, int col) {
        return row < 0 || col < 0 || row >= rows || col >= cols || wall[row * cols + col];
    }

    /**
     * Whether the axis-aligned square of half-size {@code h} centred at {@code (x, y)} overlaps a pit cell (cells
     * half-open, as in {@link #squareHitsWall}).
     */
    boolean squareTouchesPit(double x, double y, double h) {
        return squareOverlaps(x, y, h, (r, c) -> !isWall(r, c) && pit[r * cols + c]);
    }

    /**
     * Whether the axis-aligned square of half-size {@code h} centred at {@code (x, y)} overlaps a wall cell. Cells
     * are half-open, so a square touching a wall edge does not overlap it.
     */
    boolean squareHitsWall(double x, double y, double h) {
        return squareOverlaps(x, y, h, this::isWall);
    }

    /** A property of the grid position {@code (row, col)}. */
    @FunctionalInterface
    private interface CellTest {
        boolean test(int row, int col);
    }

    /** Whether any cell the square of half-size {@code h} centred at {@code (x, y)} overlaps passes the test. */
    private static boolean squareOverlaps(double x, double y, double h, CellTest test) {
        int c0 = (int) Math.floor(x - h);
        int c1 = (int) Math.ceil(x + h) - 1;
        int r0 = (int) Math.floor(y - h);
        int r1 = (int) Math.ceil(y + h) - 1;
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                if (test.test(r, c)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Shortest 4-connected path lengths (in cells) from every cell to {@code target}, avoiding walls, pits and the
     * {@code blocked} cells.
     *
     * @param target target cell
     * @param blocked extra cells treated as walls (may be empty)
     * @return one distance per cell, {@link #UNREACHABLE} for walls, pits and cut-off cells
     */
    int[] distanceField(int target, int... blocked) {
        boolean[] closed = wall.clone();
        for (int i = 0; i < closed.length; i++) {
            closed[i] |= pit[i];
        }
        for (int b : blocked) {
            closed[b] = true;
        }
        int[] dist = new int[wall.length];
        Arrays.fill(dist, UNREACHABLE);
        if (closed[target]) {
            throw new IllegalArgumentException("maze " + name + ": target cell " + target + " is closed");
        }
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        dist[target] = 0;
        queue.add(target);
        int[] dr = {-1, 1, 0, 0};
        int[] dc = {0, 0, -1, 1};
        while (!queue.isEmpty()) {
            int cur = queue.poll();
            int r = rowOf(cur);
            int c = colOf(cur);
            for (int k = 0; k < 4; k++) {
                int nr = r + dr[k];
                int nc = c + dc[k];
                if (nr < 0 || nc < 0 || nr >= rows || nc >= cols) {
                    continue;
                }
                int n = nr * cols + nc;
                if (!closed[n] && dist[n] == UNREACHABLE) {
                    dist[n] = dist[cur] + 1;
                    queue.add(n);
                }
            }
        }
        return dist;
    }

    @Override
    public String toString() {
        return "MazeLayout{" + name + ", " + rows + "x" + cols + "}";
    }
}
