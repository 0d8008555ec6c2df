package io.github.netroute.routing.model;

import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * How a lookup reached its decision: the rules tried (and why each was skipped or what it did), the tables
 * consulted, the routes considered, and the source address chosen. Immutable.
 *
 * <pre>{@code
 * Decision d = model.lookup(RouteLookup.builder().to(client).from(lbIp).build());
 * for (Trace.Step s : d.trace().steps()) {
 *     System.out.println(s);
 * }
 * // rule 0: from all lookup local: matched
 * //   table local: no route for 192.168.2.221
 * // rule 100: from 10.0.0.0/32 lookup 44: matched
 * //   table 44: default via 192.168.1.202 dev eth1 chosen (/0)
 * // source 10.0.0.0 (given)
 * }</pre>
 * <p>Immutable and safe to share between threads.
 */
public final class Trace {
    /** No trace (a lookup made without tracing). */
    public static final Trace NONE = new Trace(List.of());

    /**
     * What a step records.
     *
     * <pre>{@code
     * Decision d = model.lookup(RouteLookup.to(InetAddress.getByName("10.96.0.1")));
     * List<Trace.Step> tried = d.trace().steps().stream()
     *     .filter(s -> s.kind() == Trace.Kind.RULE_MATCHED || s.kind() == Trace.Kind.ROUTE_CHOSEN).toList();
     * }</pre>
     *
     * <p>An enum: its constants are safe to share between threads.
     */
    public enum Kind {
        /** A rule's selectors did not match the flow. */
        RULE_SKIPPED,
        /** A rule matched; its action follows. */
        RULE_MATCHED,
        /** A matching goto jumped to a rule. */
        GOTO,
        /** A matching goto has no target and was skipped. */
        GOTO_UNRESOLVED,
        /** A matching nop continued. */
        NOP,
        /** A rule action (blackhole, unreachable, prohibit) ended the lookup with an error. */
        RULE_ERROR,
        /** The rule's table does not exist; the walk continues. */
        TABLE_MISSING,
        /** The table had no usable route; the walk continues. */
        TABLE_NO_MATCH,
        /** A route was considered and skipped (tos, scope, dead nexthop, oif, source prefix). */
        ROUTE_SKIPPED,
        /** A route decided the table lookup. */
        ROUTE_CHOSEN,
        /** An error-type route ended the lookup. */
        ROUTE_ERROR,
        /** A throw route: the walk continues with the next rule. */
        THROW,
        /** A result was discarded by suppress_prefixlength or suppress_ifgroup. */
        SUPPRESSED,
        /** Anything else worth saying (merged local/main tables, on-link assumption, source selection). */
        NOTE
    }

    /**
     * One step.
     *
     * <pre>{@code
     * for (Trace.Step s : model.lookup(flow).trace().steps()) {
     *     if (s.kind() == Trace.Kind.ROUTE_CHOSEN) System.out.println(s.table() + ": " + s.route());
     * }
     * System.out.println(new Trace.Step(Trace.Kind.NOTE, null, null, null, "source 10.0.0.0 (given)"));   // the detail
     * }</pre>
     *
     * <p>Immutable and safe to share between threads.
     *
     * @param kind what happened
     * @param rule the rule concerned, or null
     * @param table the table concerned, or null
     * @param route the route concerned, or null
     * @param detail free text (a reason, an address), or empty
     */
    public record Step(Kind kind, Rule rule, RouteTable table, Route route, String detail) {
        /**
         * Normalises the detail.
         *
         * @param kind what happened
         * @param rule the rule concerned, or null
         * @param table the table concerned, or null
         * @param route the route concerned, or null
         * @param detail free text (a reason, an address), or empty
         */
        public Step {
            java.util.Objects.requireNonNull(kind, "kind");
            detail = detail == null ? "" : detail;
        }

        /** One readable line. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            switch (kind) {
                case RULE_SKIPPED -> sb.append("rule ").append(ruleText()).append(": no match");
                case RULE_MATCHED -> sb.append("rule ").append(ruleText()).append(": matched");
                case GOTO -> sb.append("  goto ").append(detail);
                case GOTO_UNRESOLVED -> sb.append("  goto unresolved, skipped");
                case NOP -> sb.append("  nop, continue");
                case RULE_ERROR -> sb.append("  rule action: ").append(detail);
                case TABLE_MISSING -> sb.append("  table ").append(table).append(": does not exist");
                case TABLE_NO_MATCH -> sb.append("  table ").append(table).append(": no route").append(sep());
                case ROUTE_SKIPPED -> sb.append("    skipped ").append(route).append(": ").append(detail);
                case ROUTE_CHOSEN -> sb.append("  table ").append(table).append(": ").append(route).append(sep());
                case ROUTE_ERROR -> sb.append("  table ").append(table).append(": ").append(route).append(sep());
                case THROW -> sb.append("  table ").append(table).append(": ").append(route).append(": throw, next rule");
                case SUPPRESSED -> sb.append("  result ").append(route).append(" suppressed: ").append(detail);
                case NOTE -> sb.append(detail);
                default -> sb.append(kind);
            }
            return sb.toString();
        }

        private String sep() {
            return detail.isEmpty() ? "" : " (" + detail + ")";
        }

        private String ruleText() {
            return rule == null ? "?" : rule.toString().replace('\t', ' ');
        }
    }

    private final List<Step> steps;

    private Trace(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * A trace of these steps.
     *
     * @param steps the steps
     * @return a trace of these steps
     */
    public static Trace of(List<Step> steps) {
        return steps.isEmpty() ? NONE : new Trace(steps);
    }

    /**
     * The steps in order.
     *
     * @return the steps in order
     */
    public List<Step> steps() {
        return steps;
    }

    /**
     * True for the empty trace of an untraced lookup.
     *
     * @return true for the empty trace of an untraced lookup
     */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** One step per line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            sb.append(s).append('\n');
        }
        return sb.toString();
    }

    /** Collects steps during a lookup; a null builder means "no tracing". */
    static final class Builder {
        final List<Step> steps = new ArrayList<>();

        void add(Kind k, Rule rule, RouteTable table, Route route, String detail) {
            steps.add(new Step(k, rule, table, route, detail));
        }

        Trace build() {
            return Trace.of(steps);
        }
    }
}
