/**
 * {@code netroute scenario}: the seed's xcluster lab with real packets. {@code Lab} builds the node, the two
 * routers, the clients and a POD in throwaway network namespaces joined by veth pairs; {@code Scenario} applies the seed's six steps through the library's
 * public API ({@code NetlinkRouting.open(name)} and {@code Routing}) and asserts each one with TCP connections
 * ({@code Tcp}, from threads inside the namespaces: {@code Netns}) and the routers' packet counters. Only topology
 * setup the library has no API for goes through other programs, all of it in {@code IpSetup}.
 */
package io.github.netroute.examples.scenario;
