package io.taskledger.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Peak resident memory and CPU time of the server, of its JIT compiler threads and of PostgreSQL (the postmaster and
 * all its backends), read from /proc every 200 ms while a measurement runs. CPU is in percent of one core: 200 % is
 * both cores of this machine.
 */
final class ProcessStats implements AutoCloseable {

    private static final double CLOCK_TICKS_PER_SECOND = 100.0;   // USER_HZ, 100 on every Linux we run on

    /** {@code jitCpuPercent}: the server's JIT compiler threads alone (part of {@code serverCpuPercent}). */
    record Usage(double serverPeakRssMb, double serverCpuPercent, double jitCpuPercent, double postgresCpuPercent,
                 double machineCpuPercent) {
    }

    /**
     * HotSpot's compiler threads are "C1 CompilerThread0", "C2 CompilerThread1"...; /proc shows a thread's name cut to
     * 15 characters, "C2 CompilerThre".
     */
    private static final List<String> JIT_COMPILER_THREADS = List.of("C1 CompilerThre", "C2 CompilerThre");

    private final long serverPid;
    private final long postgresPid;
    private final Thread sampler;
    private final long startedAt = System.nanoTime();
    private final long serverTicksAtStart;
    private final JitCompiler jitAtStart;
    private final Map<Long, Long> postgresTicksAtStart;
    private final long[] machineAtStart;
    private volatile boolean running = true;
    private volatile long peakRssKb;

    ProcessStats(long serverPid, long postgresPid) {
        this.serverPid = serverPid;
        this.postgresPid = postgresPid;
        this.serverTicksAtStart = cpuTicks(serverPid);
        this.jitAtStart = JitCompiler.of(serverPid);
        this.postgresTicksAtStart = postgresTicksByPid();
        this.machineAtStart = machineTicks();
        this.sampler = new Thread(this::sample, "proc-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            peakRssKb = Math.max(peakRssKb, rssKb(serverPid));
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    Usage finish() {
        running = false;
        sampler.interrupt();
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        long[] machine = machineTicks();
        double busy = machine[0] - machineAtStart[0];
        double total = machine[1] - machineAtStart[1];
        return new Usage(peakRssKb / 1024.0,
                (cpuTicks(serverPid) - serverTicksAtStart) / CLOCK_TICKS_PER_SECOND / seconds * 100,
                jitAtStart.cpuPercentSince(),
                postgresTicksSinceStart() / CLOCK_TICKS_PER_SECOND / seconds * 100,
                total > 0 ? busy / total * 100 : Double.NaN);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended
        }
        return 0;
    }

    /**
     * CPU time of a JVM's JIT compiler threads from now on: {@link #of} notes every compiler thread's utime + stime,
     * {@link #cpuPercentSince} adds up what each used since (per thread id: a compiler thread HotSpot started
     * meanwhile counts whole, one it ended meanwhile is lost), in percent of one core over the time passed.
     */
    static final class JitCompiler {
        private final long pid;
        private final long at;
        private final Map<Long, Long> ticksAtStart;

        private JitCompiler(long pid) {
            this.pid = pid;
            this.at = System.nanoTime();
            this.ticksAtStart = compilerTicksByThread(pid);
        }

        static JitCompiler of(long pid) {
            return new JitCompiler(pid);
        }

        double cpuPercentSince() {
            double seconds = (System.nanoTime() - at) / 1e9;
            long ticks = 0;
            for (Map.Entry<Long, Long> thread : compilerTicksByThread(pid).entrySet()) {
                ticks += thread.getValue() - ticksAtStart.getOrDefault(thread.getKey(), 0L);
            }
            return ticks / CLOCK_TICKS_PER_SECOND / seconds * 100;
        }

        private static Map<Long, Long> compilerTicksByThread(long pid) {
            Map<Long, Long> ticks = new HashMap<>();
            try (Stream<Path> threads = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path thread : (Iterable<Path>) threads::iterator) {
                    try {
                        String stat = Files.readString(thread.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        if (JIT_COMPILER_THREADS.stream().anyMatch(name::startsWith)) {
                            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            ticks.put(Long.parseLong(thread.getFileName().toString()),
                                    Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                        }
                    } catch (IOException | RuntimeException threadEnded) {
                        // the thread ended while we listed them
                    }
                }
            } catch (IOException | RuntimeException processGone) {
                // the process ended
            }
            return ticks;
        }
    }

    /** utime + stime of one process; 0 once it is gone. */
    private static long cpuTicks(long pid) {
        String[] fields = statFields(pid);
        return fields == null ? 0 : Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * CPU used since the start by the postmaster and every process it forked (backends, WAL writer, checkpointer...),
     * counted per process: a backend that started meanwhile counts whole; one that ended meanwhile is lost.
     */
    private long postgresTicksSinceStart() {
        long ticks = 0;
        for (Map.Entry<Long, Long> process : postgresTicksByPid().entrySet()) {
            ticks += process.getValue() - postgresTicksAtStart.getOrDefault(process.getKey(), 0L);
        }
        return ticks;
    }

    private Map<Long, Long> postgresTicksByPid() {
        Map<Long, Long> ticks = new HashMap<>();
        if (postgresPid <= 0) {
            return ticks;
        }
        ticks.put(postgresPid, cpuTicks(postgresPid));
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    String[] fields = statFields(Long.parseLong(name));
                    if (fields != null && Long.parseLong(fields[1]) == postgresPid) {
                        ticks.put(Long.parseLong(name), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                    }
                }
            }
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    /** Fields of /proc/pid/stat after the command name: [0] is state, [1] ppid, [11] utime, [12] stime. */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /** The machine's CPU use over the next second, in percent of all cores. */
    static double machineCpuOverOneSecond() throws InterruptedException {
        long[] before = machineTicks();
        Thread.sleep(1000);
        long[] after = machineTicks();
        long total = after[1] - before[1];
        return total == 0 ? 0 : 100.0 * (after[0] - before[0]) / total;
    }

    /** [busy, total] jiffies of all cores, from /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new long[]{total - idle, total};
        } catch (IOException e) {
            return new long[]{0, 0};
        }
    }
}
