package io.github.netroute.examples;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.reconcile.DesiredState;
import io.github.netroute.routing.reconcile.Plan;
import io.github.netroute.routing.reconcile.Reconciler;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a command's changes all or nothing, as far as the kernel lets a program: in stages, each stage one batch,
 * and no later stage once a change has failed; then everything the run did is put back, so a failed run leaves the
 * node as it found it. The commands order their stages so that no stage leaves less working than before (adds and
 * replaces first, removals last).
 *
 * <p>Putting back is by state, not by inverse changes: the addresses the run deleted are added again (before any
 * route, as adding an address flushes nothing), the owned routes and rules are reconciled back to the snapshot taken
 * before the run, and a link the run created is deleted (one it set up is set down again).
 *
 * <pre>{@code
 * Staged.Snapshot before = Staged.snapshot(routing, reconciler);
 * Staged.Outcome o = Staged.apply(routing, List.of(() -> adds, () -> deletes), before, reconciler, linkSteps);
 * if (!o.ok()) err.println(o);
 * }</pre>
 */
final class Staged {
    private Staged() {}

    /** The owned routes and rules and the addresses before a run. */
    record Snapshot(List<Route> ownedRoutes, List<Rule> ownedRules, List<Address> addresses) {}

    /** A stage: the changes to apply, planned when the stage comes. */
    interface Stage {
        List<Change> changes() throws RoutingException;
    }

    /**
     * What a run did: the changes applied, the first that failed (null when ok), and what could not be put back.
     *
     * @param applied changes that succeeded (before a rollback)
     * @param failure the failed change and the kernel's answer, or null
     * @param rollbackProblems what the rollback could not restore (empty when complete or not needed)
     */
    record Outcome(int applied, String failure, List<String> rollbackProblems) {
        boolean ok() {
            return failure == null;
        }

        @Override
        public String toString() {
            if (ok()) {
                return "applied " + applied + " change(s)";
            }
            return "FAILED " + failure + "; " + (rollbackProblems.isEmpty()
                    ? "rolled back: the " + applied + " change(s) before it were undone, nothing is left half-applied"
                    : "rollback incomplete: " + String.join("; ", rollbackProblems));
        }
    }

    /** Reads the owned routes (in the ownership's tables) and rules, and every address. */
    static Snapshot snapshot(Routing routing, Reconciler reconciler) throws RoutingException {
        List<Route> routes = new ArrayList<>();
        if (reconciler.ownership().tables().isEmpty()) {
            routing.forEachRoute(RouteFilter.ALL, r -> keep(reconciler, r, routes));
        } else {
            for (RouteTable t : reconciler.ownership().tables()) {
                routing.forEachRoute(RouteFilter.table(t), r -> keep(reconciler, r, routes));
            }
        }
        List<Rule> rules = new ArrayList<>();
        for (Rule r : routing.rules()) {
            if (reconciler.ownership().owns(r)) {
                rules.add(r);
            }
        }
        return new Snapshot(routes, rules, routing.addresses());
    }

    private static void keep(Reconciler reconciler, Route r, List<Route> into) {
        if (reconciler.ownership().owns(r)) {
            into.add(r);
        }
    }

    /**
     * Applies the stages in order, each as one batch (each stage is planned when it comes, against the state the
     * earlier ones left); after a stage with a failed change, runs no further stage and puts the snapshot back.
     *
     * @param linkSteps what was done to links before the stages ({@code link add NAME ...}, {@code link set NAME
     *     up}), undone too on failure
     */
    static Outcome apply(Routing routing, List<Stage> stages, Snapshot before, Reconciler reconciler,
            List<String> linkSteps) {
        int applied = 0;
        for (Stage stage : stages) {
            List<Change> changes;
            try {
                changes = stage.changes();
            } catch (RoutingException | RuntimeException e) {
                return failed(routing, applied, "reading the state: " + e.getMessage(), before, reconciler, linkSteps);
            }
            if (changes.isEmpty()) {
                continue;
            }
            ChangeResult firstFailure = null;
            for (ChangeResult r : routing.apply(changes)) {
                if (r.ok()) {
                    applied++;
                } else if (firstFailure == null) {
                    firstFailure = r;
                }
            }
            if (firstFailure != null) {
                return failed(routing, applied, firstFailure.toString().substring("FAILED ".length()), before,
                        reconciler, linkSteps);
            }
        }
        return new Outcome(applied, null, List.of());
    }

    private static Outcome failed(Routing routing, int applied, String failure, Snapshot before,
            Reconciler reconciler, List<String> linkSteps) {
        return new Outcome(applied, failure, rollBack(routing, before, reconciler, linkSteps));
    }

    /** Puts the snapshot back; returns what could not be. */
    static List<String> rollBack(Routing routing, Snapshot before, Reconciler reconciler, List<String> linkSteps) {
        List<String> problems = new ArrayList<>();
        try {
            List<Address> now = routing.addresses();
            for (Address a : before.addresses()) {
                if (now.stream().noneMatch(n -> sameAddress(n, a))) {
                    try {
                        routing.addAddress(a);
                    } catch (RoutingException e) {
                        problems.add("address " + a.local() + " dev " + a.device() + ": " + e.getMessage());
                    }
                }
            }
            Plan back = reconciler.plan(routing, DesiredState.of(before.ownedRoutes(), before.ownedRules()));
            for (ChangeResult r : routing.apply(back.changes())) {
                if (!r.ok()) {
                    problems.add(r.toString());
                }
            }
        } catch (RoutingException | RuntimeException e) {
            problems.add(e.getMessage());
        }
        try {
            for (String step : linkSteps) {
                String[] w = step.split(" ");
                if (step.startsWith("link add ")) {
                    routing.deleteLink(w[2]);
                } else if (step.startsWith("link set ") && w.length > 3 && w[3].equals("up")) {
                    if (routing.link(w[2]).isPresent()) {
                        routing.setLinkUp(w[2], false);
                    }
                }
            }
        } catch (RoutingException e) {
            problems.add("links " + linkSteps + ": " + e.getMessage());
        }
        return problems;
    }

    private static boolean sameAddress(Address a, Address b) {
        return a.local().equals(b.local()) && java.util.Objects.equals(a.device(), b.device());
    }
}
