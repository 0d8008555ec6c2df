package io.github.netroute.routing.reconcile;

import io.github.netroute.routing.ChangeResult;
import java.util.List;

/**
 * What applying a {@link Plan} did: each change's result.
 *
 * <pre>{@code
 * Report report = reconciler.reconcile(routing, desired);
 * if (!report.ok()) report.failures().forEach(f -> log.warn("{}", f));
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param plan the plan that was applied
 * @param results one result per change, in order
 */
public record Report(Plan plan, List<ChangeResult> results) {
    /**
     * Freezes the list.
     *
     * @param plan the plan that was applied
     * @param results one result per change, in order
     */
    public Report {
        results = List.copyOf(results);
    }

    /**
     * True when every change succeeded.
     *
     * @return true when every change succeeded
     */
    public boolean ok() {
        return results.stream().allMatch(ChangeResult::ok);
    }

    /**
     * The failed changes.
     *
     * @return the failed changes
     */
    public List<ChangeResult> failures() {
        return results.stream().filter(r -> !r.ok()).toList();
    }

    /** A summary line and the failures. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        long failed = results.stream().filter(r -> !r.ok()).count();
        sb.append(results.size() - failed).append(" applied, ").append(failed).append(" failed");
        if (!plan.conflicts().isEmpty()) {
            sb.append(", ").append(plan.conflicts().size()).append(" conflicts left alone");
        }
        sb.append('\n');
        for (ChangeResult r : results) {
            if (!r.ok()) {
                sb.append("  ").append(r).append('\n');
            }
        }
        return sb.toString();
    }
}
