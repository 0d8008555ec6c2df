package io.github.netroute.routing.reconcile;

import io.github.netroute.routing.Change;
import java.util.List;

/**
 * The minimal set of changes that makes the owned part of the state equal to the desired state, in the order
 * they will be applied (new and replaced routes and rules first, then deletions, then the kept rules that a rule
 * delete's selector would also have reached, added back), plus the conflicts that were left alone because something
 * not owned stands in the way.
 *
 * <pre>{@code
 * Plan plan = reconciler.plan(routing, desired);
 * System.out.print(plan);          // "+ route add …", "~ route replace …", "- route del …"
 * if (!plan.isEmpty()) reconciler.apply(routing, plan);
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param changes the changes, in application order
 * @param conflicts human-readable notes about desired objects blocked by objects not owned
 */
public record Plan(List<Change> changes, List<String> conflicts) {
    /**
     * Freezes the lists.
     *
     * @param changes the changes, in application order
     * @param conflicts human-readable notes about desired objects blocked by objects not owned
     */
    public Plan {
        changes = List.copyOf(changes);
        conflicts = List.copyOf(conflicts);
    }

    /**
     * True when nothing needs to change.
     *
     * @return true when nothing needs to change
     */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** One line per change: {@code + } add, {@code ~ } replace, {@code - } delete; then conflicts as {@code ! }. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Change c : changes) {
            sb.append(symbol(c)).append(' ').append(c.toString().replace("\n\t", " ")).append('\n');
        }
        for (String s : conflicts) {
            sb.append("! ").append(s).append('\n');
        }
        return sb.toString();
    }

    static char symbol(Change c) {
        if (c.isDelete()) {
            return '-';
        }
        if (c instanceof Change.RouteChange rc && rc.verb() != io.github.netroute.routing.RouteVerb.ADD) {
            return '~';
        }
        if (c instanceof Change.NexthopChange nc && nc.replace()) {
            return '~';
        }
        return '+';
    }
}
