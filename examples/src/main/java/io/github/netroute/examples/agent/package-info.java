/**
 * {@code netroute agent}: a Kubernetes node agent on fabric8 that keeps the ServiceCIDR local routes and the OaM
 * policy routes in place, written against {@link io.github.netroute.routing.Routing} and the reconciler.
 *
 * <p>Layout, from the API server to the kernel:
 * <ul>
 *   <li>{@link io.github.netroute.examples.agent.KubeSource}: one-shot reads ({@code --once}) and
 *       SharedIndexInformers (watch mode) on the Node, the ServiceCIDRs and the Services;</li>
 *   <li>{@link io.github.netroute.examples.agent.ClusterView}: what of those objects matters (node IPs, CIDRs,
 *       OaM LB IPs);</li>
 *   <li>{@link io.github.netroute.examples.agent.NodeRoutes}: the desired routes and rules (built by
 *       {@link io.github.netroute.examples.KubeIpvs0} and {@link io.github.netroute.examples.OamPolicy}), one pass
 *       through the reconciler, the take-over and give-back of LB IPs' local routes, the rollback;</li>
 *   <li>{@link io.github.netroute.examples.agent.Agent}: once, or the watch loop (coalesced triggers from informers
 *       and routing events, periodic resync, retry);</li>
 *   <li>{@link io.github.netroute.examples.agent.AgentMetrics}: Prometheus counters, {@code /metrics} and
 *       {@code /healthz}; {@link io.github.netroute.examples.agent.AgentCommand}: the picocli command.</li>
 * </ul>
 *
 * <pre>{@code
 * try (KubernetesClient client = KubeSource.client(null, true); Routing routing = NetlinkRouting.open()) {
 *     NodeRoutes routes = new NodeRoutes(RouteTable.of(44), List.of(gateway), RouteProtocol.of(200));
 *     PassResult r = new Agent(new KubeSource(client, "node-a", List.of()), routing, routes, new AgentMetrics(),
 *         Duration.ofMinutes(5)).once();
 *     System.out.println(r.summary());
 * }
 * }</pre>
 */
package io.github.netroute.examples.agent;
