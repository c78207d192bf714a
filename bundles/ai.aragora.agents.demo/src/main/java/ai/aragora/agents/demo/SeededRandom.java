package ai.aragora.agents.demo;

/** SplitMix64: the same seed gives the same choices on every JVM. */
final class SeededRandom {

    private long state;

    SeededRandom(long seed) {
        this.state = seed;
    }

    /** A seed from the parts of a call that must decide its answer. */
    static long seed(long debateSeed, long agent, long round, long phase, long subject) {
        long h = debateSeed * 0x9E3779B97F4A7C15L;
        h = mix(h ^ agent);
        h = mix(h ^ round * 0xC2B2AE3D27D4EB4FL);
        h = mix(h ^ phase * 0x165667B19E3779F9L);
        return mix(h ^ subject);
    }

    long next() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return (next() >>> 11) * 0x1.0p-53;
    }

    int below(int bound) {
        return (int) ((next() >>> 33) % bound);
    }

    <T> T pick(T[] options) {
        return options[below(options.length)];
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
