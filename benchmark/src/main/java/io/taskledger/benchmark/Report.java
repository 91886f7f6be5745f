package io.taskledger.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one table of a run: a row per scenario and connection count, each with its goal, MET or MISSED. */
final class Report {

    private static final String HEADER = "| scenario | N | Taskledger | mean ms | p50 ms | p99 ms | max ms | errors "
            + "| plain JDBC reference | ratio | lag p99 ms | server peak RSS MB | server CPU % | JIT CPU % "
            + "| PostgreSQL CPU % | machine CPU % | goal |";

    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int maxReferenceConnections = Integer.MAX_VALUE;

    void load(String scenario, int connections, ClosedLoop.Result taskledger, ClosedLoop.Result reference,
              ProcessStats.Usage usage, Latencies.Summary lag, String goal) {
        loadRow(scenario, connections, taskledger, reference, usage, usage.machineCpuPercent(), lag, goal);
    }

    /** A closed loop against something other than the server (the no-op ceiling): no server figures, no reference. */
    void withoutServer(String scenario, int connections, ClosedLoop.Result result, double machineCpuPercent,
                       String goal) {
        loadRow(scenario, connections, result, null, null, machineCpuPercent, null, goal);
    }

    private void loadRow(String scenario, int connections, ClosedLoop.Result taskledger, ClosedLoop.Result reference,
                         ProcessStats.Usage usage, double machineCpuPercent, Latencies.Summary lag, String goal) {
        rows.add(row(scenario, Integer.toString(connections),
                format("%.0f/s", taskledger.throughput()),
                ms(taskledger.latency().mean()), ms(taskledger.latency().p50()), ms(taskledger.latency().p99()),
                ms(taskledger.latency().max()),
                taskledger.timeouts() > 0
                        ? taskledger.errors() + " (" + taskledger.timeouts() + " timeouts)"
                        : Long.toString(taskledger.errors()),
                reference == null ? "—" : format("%.0f/s (%d conn.)", reference.throughput(),
                        referenceConnections(connections)),
                reference == null ? "—" : format("%.2f", ratio(taskledger, reference)),
                lag == null ? "—" : ms(lag.p99()),
                usage == null ? "—" : format("%.0f", usage.serverPeakRssMb()),
                usage == null ? "—" : format("%.0f", usage.serverCpuPercent()),
                usage == null ? "—" : format("%.0f", usage.jitCpuPercent()),
                usage == null ? "—" : format("%.0f", usage.postgresCpuPercent()),
                format("%.0f", machineCpuPercent), goal));
        if (taskledger.firstError() != null) {
            notes.add(scenario + " N=" + connections + ": first error: " + taskledger.firstError());
        }
        if (reference != null && reference.firstError() != null) {
            notes.add(scenario + " N=" + connections + " reference: first error: " + reference.firstError());
        }
    }

    void referenceConnectionsAtMost(int max) {
        maxReferenceConnections = max;
    }

    private int referenceConnections(int connections) {
        return Math.min(connections, maxReferenceConnections);
    }

    void figure(String scenario, String value, String goal) {
        rows.add(row(scenario, "—", value, "", "", "", "", "", "", "", "", "", "", "", "", "", goal));
    }

    void note(String note) {
        notes.add(note);
    }

    static double ratio(ClosedLoop.Result taskledger, ClosedLoop.Result reference) {
        return reference.throughput() == 0 ? Double.NaN : taskledger.throughput() / reference.throughput();
    }

    static String verdict(boolean met) {
        return met ? "MET" : "**MISSED**";
    }

    String render() {
        StringBuilder table = new StringBuilder(HEADER).append('\n');
        table.append("|").append("---|".repeat(HEADER.split("\\|").length - 1)).append('\n');
        rows.forEach(row -> table.append(row).append('\n'));
        if (!notes.isEmpty()) {
            table.append('\n');
            notes.forEach(note -> table.append("- ").append(note).append('\n'));
        }
        return table.toString();
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "—" : millis >= 100 ? format("%.0f", millis) : format("%.1f", millis);
    }

    static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
