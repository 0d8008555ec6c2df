package io.github.netroute.routing.reconcile;

import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Rule;
import java.util.Set;

/**
 * What a reconciler owns: routes and rules carrying its protocol number, and/or routes in tables it names
 * (and the rules that look those tables up). Everything else is never touched.
 *
 * <pre>{@code
 * Ownership kubeIpvs = Ownership.protocol(RouteProtocol.of(200));                  // proto 200 anywhere
 * Ownership oam = Ownership.of(RouteProtocol.of(200), Set.of(RouteTable.of(44)));  // proto 200 in table 44
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param protocol the owner's protocol number, or null to own by table alone
 * @param tables the owned tables; empty to own by protocol alone
 */
public record Ownership(RouteProtocol protocol, Set<RouteTable> tables) {
    /**
     * Requires at least a protocol or a table; refuses protocols the kernel or iproute2 use by default.
     *
     * @param protocol the owner's protocol number, or null to own by table alone
     * @param tables the owned tables; empty to own by protocol alone
     */
    public Ownership {
        tables = tables == null ? Set.of() : Set.copyOf(tables);
        if (protocol == null && tables.isEmpty()) {
            throw new IllegalArgumentException("ownership needs a protocol number or at least one table");
        }
        if (protocol != null && tables.isEmpty() && protocol.value() <= RouteProtocol.BOOT.value()) {
            throw new IllegalArgumentException("protocol " + protocol + " is used by the kernel and iproute2 by default;"
                    + " own routes by a protocol of your own (e.g. 200) or name the tables");
        }
    }

    /**
     * Owns everything with this protocol number.
     *
     * @param protocol the protocol
     * @return the ownership
     */
    public static Ownership protocol(RouteProtocol protocol) {
        return new Ownership(protocol, Set.of());
    }

    /**
     * Owns everything in these tables.
     *
     * @param tables the tables
     * @return the ownership
     */
    public static Ownership tables(Set<RouteTable> tables) {
        return new Ownership(null, tables);
    }

    /**
     * Owns what has this protocol and lies in these tables.
     *
     * @param protocol the protocol
     * @param tables the tables
     * @return the ownership
     */
    public static Ownership of(RouteProtocol protocol, Set<RouteTable> tables) {
        return new Ownership(protocol, tables);
    }

    /**
     * Whether a route is owned.
     *
     * @param r the route
     * @return whether a route is owned
     */
    public boolean owns(Route r) {
        return (protocol == null || protocol.equals(r.protocol())) && (tables.isEmpty() || tables.contains(r.table()));
    }

    /**
     * Whether a rule is owned: its protocol matches and, when tables are named, it looks one of them up.
     *
     * @param r the rule
     * @return whether a rule is owned: its protocol matches and, when tables are named, it looks one of them up
     */
    public boolean owns(Rule r) {
        if (protocol != null && !protocol.equals(r.protocol())) {
            return false;
        }
        return tables.isEmpty() || (r.table() != null && tables.contains(r.table()));
    }

    /**
     * Whether a nexthop object is owned: nexthops lie in no table, so only an ownership by protocol owns any, those
     * with its protocol.
     *
     * @param n the nexthop
     * @return whether it is owned
     */
    public boolean owns(io.github.netroute.routing.Nexthop n) {
        return protocol != null && protocol.equals(n.protocol());
    }

    @Override
    public String toString() {
        return (protocol != null ? "proto " + protocol : "") + (protocol != null && !tables.isEmpty() ? " " : "")
                + (tables.isEmpty() ? "" : "tables " + tables);
    }
}
