package io.taskledger.benchmark;

import java.util.Arrays;

/** Latencies in nanoseconds of one closed-loop client; merged once the run is over. Not thread-safe on purpose. */
final class Latencies {

    private long[] samples = new long[1024];
    private int count;

    void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    int count() {
        return count;
    }

    static Summary summarize(Iterable<Latencies> parts) {
        int total = 0;
        for (Latencies part : parts) {
            total += part.count;
        }
        long[] all = new long[total];
        int at = 0;
        for (Latencies part : parts) {
            System.arraycopy(part.samples, 0, all, at, part.count);
            at += part.count;
        }
        Arrays.sort(all);
        return Summary.of(all);
    }

    /** Milliseconds. */
    record Summary(int count, double mean, double p50, double p99, double max) {

        static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        static Summary of(long[] sortedNanos) {
            if (sortedNanos.length == 0) {
                return EMPTY;
            }
            double sum = 0;
            for (long nanos : sortedNanos) {
                sum += nanos;
            }
            return new Summary(sortedNanos.length, sum / sortedNanos.length / 1e6,
                    percentile(sortedNanos, 0.50), percentile(sortedNanos, 0.99),
                    sortedNanos[sortedNanos.length - 1] / 1e6);
        }

        private static double percentile(long[] sorted, double fraction) {
            int index = (int) Math.ceil(fraction * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }
}
