package io.github.netroute.examples.agent;

import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.reconcile.Plan;
import java.util.List;

/**
 * What one reconcile pass did.
 *
 * <pre>{@code
 * PassResult r = nodeRoutes.reconcile(routing, view);
 * System.out.println(r.summary());   // node-a: 3 service CIDR(s), 1 OaM LB IP(s) ...: 6 change(s) (+5 ~1 -0) in 4 ms
 * }</pre>
 *
 * @param view what it worked from
 * @param deviceSteps what it did to kube-ipvs0 (created, set up), before the plan
 * @param plan the changes it planned
 * @param results each applied change's result
 * @param failed the failed changes
 * @param rollbackProblems what could not be undone after a failure (empty when the rollback was complete)
 * @param notes what had to be left out (a CIDR without a node IP of its family, an LB IP without a gateway)
 * @param nanos how long the pass took
 */
public record PassResult(ClusterView view, List<String> deviceSteps, Plan plan, List<ChangeResult> results,
        List<ChangeResult> failed, List<String> rollbackProblems, List<String> notes, long nanos) {
    /** Freezes the lists. */
    public PassResult {
        deviceSteps = List.copyOf(deviceSteps);
        results = List.copyOf(results);
        failed = List.copyOf(failed);
        rollbackProblems = List.copyOf(rollbackProblems);
        notes = List.copyOf(notes);
    }

    /** True when every planned change was applied. */
    public boolean ok() {
        return failed.isEmpty() && results.size() == plan.changes().size();
    }

    /** The writes this pass made and kept: link steps plus applied changes (0 when it failed and rolled back). */
    public int writes() {
        return ok() ? deviceSteps.size() + results.size() : 0;
    }

    /** The readable one-line summary logged per reconcile. */
    public String summary() {
        int add = 0;
        int replace = 0;
        int delete = 0;
        for (Change c : plan.changes()) {
            if (c.isDelete()) {
                delete++;
            } else if (c instanceof Change.RouteChange rc && rc.verb() != RouteVerb.ADD) {
                replace++;
            } else {
                add++;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("node ").append(view.node()).append(": ").append(view.serviceCidrs().size())
                .append(" service CIDR(s) (").append(view.cidrSource()).append("), ").append(view.oamIps().size())
                .append(" OaM LB IP(s) of ").append(view.loadBalancers()).append(" LoadBalancer(s) among ")
                .append(view.services()).append(" Service(s): ");
        if (ok()) {
            if (writes() == 0) {
                sb.append("nothing to change");
            } else {
                sb.append(writes()).append(" change(s) (+").append(add).append(" ~").append(replace).append(" -")
                        .append(delete).append(deviceSteps.isEmpty() ? "" : ", " + String.join(", ", deviceSteps))
                        .append(")");
            }
        } else {
            sb.append(failed.size()).append(" of ").append(plan.changes().size()).append(" change(s) FAILED, ")
                    .append(rollbackProblems.isEmpty() ? "everything rolled back"
                            : "rollback incomplete: " + rollbackProblems);
        }
        if (!plan.conflicts().isEmpty()) {
            sb.append("; ").append(plan.conflicts().size()).append(" conflict(s) left alone");
        }
        sb.append(" in ").append(nanos / 1_000_000).append(" ms");
        return sb.toString();
    }
}
