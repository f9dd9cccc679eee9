package io.github.edp4j.algos;

/** Derives independent seeds from a run's seed and a counter (SplitMix64 finaliser). */
final class Seeds {

    private Seeds() {}

    static long mix(long seed, long counter) {
        long z = seed + 0x9e3779b97f4a7c15L * (counter + 1);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
