package io.github.netroute.routing.testkit.contract;

import io.github.netroute.routing.testkit.arbitraries.RoutingState;
import io.github.netroute.routing.testkit.KnownDifference;
import io.github.netroute.routing.testkit.InMemoryKernel;
import io.github.netroute.routing.testkit.AddrGenMode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Nexthop;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteProtocol;
import io.github.netroute.routing.RouteScope;
import io.github.netroute.routing.RouteTable;
import io.github.netroute.routing.RouteType;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.RuleAction;
import io.github.netroute.routing.RuleFlag;
import io.github.netroute.routing.Subscription;
import io.github.netroute.routing.internal.InetAddresses;
import io.github.netroute.routing.reconcile.DesiredState;
import io.github.netroute.routing.reconcile.Ownership;
import io.github.netroute.routing.reconcile.Reconciler;
import io.github.netroute.routing.reconcile.Report;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterTry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The behaviour every {@link Routing} must have, written once against an abstract fresh network namespace and run
 * against each implementation: the {@link InMemoryKernel} and the rtnetlink client in a throwaway namespace. Examples
 * (JUnit {@code @Test}) cover every operation and its documented error paths (route verbs with their NLM_F semantics
 * per family, EEXIST, ENOENT, ESRCH, ENETUNREACH, EHOSTUNREACH, EINVAL, ENODEV, ENETDOWN; rules with defaults, automatic
 * priorities, EXCL duplicates, the fwmark mask gotcha and goto resolution; links; addresses and the routes they
 * generate; lookups; batches; events); properties (jqwik {@code @Property}) apply generated {@link RoutingState}s and
 * check that list-then-delete deletes exactly the listed object.
 *
 * <pre>{@code
 * class MyRoutingContractTest extends RoutingContract {
 *     @Override
 *     protected Routing newSubject() {
 *         InMemoryKernel k = InMemoryKernel.freshNamespace();
 *         k.setAddrGenMode(AddrGenMode.NONE);
 *         return k;
 *     }
 * }
 * }</pre>
 *
 * <p>A subject is a fresh namespace exactly as {@code ip netns add} creates it, with IPv6 link-local address
 * generation off ({@code addr_gen_mode=1} before any link is created), so that nothing changes by itself except
 * IPv6 address routes appearing ({@link KnownDifference#IPV6_ADDRESS_ROUTES_ASYNC}; the contract waits for them).
 * Every subject is {@linkplain #release released} after its test or try. Only {@code bridge} links are created;
 * whether {@code dummy} links exist is the named difference {@link KnownDifference#DUMMY_DRIVER}
 * ({@link #requiresDummyDriver()}).
 *
 * <p>The base state of most examples ({@link #node()}): {@code lo} up; bridges {@code br0} and {@code br1} up with
 * {@code 192.168.1.2/24, 2001:db8:1::2/64} and {@code 192.168.2.2/24, 2001:db8:2::2/64}; bridge {@code brdown} down
 * with {@code 172.16.5.1/24}.
 *
 * <p>Not thread-safe: JUnit runs one example or try of a subclass instance at a time; the subjects it opens are
 * used from that thread.
 */
public abstract class RoutingContract {

    private final List<Routing> open = new ArrayList<>();

    /** For subclasses, which supply {@link #newSubject()}. */
    public RoutingContract() {}

    /**
     * A fresh network namespace (see the class comment); called once or more per test.
     *
     * @return a subject in a fresh network namespace
     * @throws Exception when the namespace cannot be made
     */
    protected abstract Routing newSubject() throws Exception;

    /**
     * Releases a subject made by {@link #newSubject()} (default: closes it).
     *
     * @param subject the subject
     */
    protected void release(Routing subject) {
        subject.close();
    }

    /**
     * Whether {@code addLink(name, "dummy")} must succeed. Default false: a real kernel may lack the driver
     * ({@link KnownDifference#DUMMY_DRIVER}), so EOPNOTSUPP "Unknown device type" is accepted too.
     *
     * @return whether {@code addLink(name, "dummy")} must succeed
     */
    protected boolean requiresDummyDriver() {
        return false;
    }

    /**
     * A fresh subject, released after the test.
     *
     * @return a fresh subject, released after the test
     * @throws Exception when the subject cannot be made
     */
    protected final Routing fresh() throws Exception {
        Routing r = newSubject();
        open.add(r);
        return r;
    }

    /** Releases this test's subjects (JUnit examples). */
    @AfterEach
    protected void releaseAfterExample() {
        releaseAll();
    }

    /** Releases this try's subjects (jqwik properties). */
    @AfterTry
    protected void releaseAfterTry() {
        releaseAll();
    }

    private void releaseAll() {
        for (Routing r : open) {
            try {
                release(r);
            } catch (RuntimeException e) {
                // keep releasing the others
            }
        }
        open.clear();
    }

    // ------------------------------------------------------------------ helpers

    /**
     * An address literal.
     *
     * @param s the literal, e.g. {@code 10.0.0.1}
     * @return an address literal
     */
    protected static InetAddress ip(String s) {
        return InetAddresses.parse(s);
    }

    /**
     * Asserts that {@code e} throws {@code type} with {@code errno}; returns the exception.
     *
     * @param <T> the exception type
     * @param type the expected exception type
     * @param errno the expected errno
     * @param e the code that must throw
     * @return the exception
     */
    protected static <T extends RoutingException> T fails(Class<T> type, Errno errno, Executable e) {
        T x = assertThrows(type, e);
        assertEquals(errno, x.errno(), x.getMessage());
        return x;
    }

    /**
     * Polls the routes until one matches (real kernels install IPv6 address routes asynchronously).
     *
     * @param r the subject
     * @param p what the route must satisfy
     * @return the first matching route
     * @throws Exception when interrupted or the subject fails
     */
    protected static Route awaitRoute(Routing r, Predicate<Route> p) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            for (Route x : r.routes()) {
                if (p.test(x)) {
                    return x;
                }
            }
            if (System.nanoTime() > end) {
                fail("no route matched within 5 s; routes:\n" + r.routes());
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until the local route of an IPv6 address is installed.
     *
     * @param r the subject
     * @param address the IPv6 address
     * @throws Exception when interrupted or the subject fails
     */
    protected static void awaitLocal6(Routing r, String address) throws Exception {
        IpPrefix host = IpPrefix.host(ip(address));
        awaitRoute(r, x -> x.type() == RouteType.LOCAL && x.dst().equals(host));
    }

    /**
     * The routes of a table with a destination, in dump order.
     *
     * @param r the subject
     * @param table the table
     * @param dst the destination prefix
     * @return the routes of a table with a destination, in dump order
     * @throws RoutingException when the kernel refuses (a subclass chosen by errno)
     */
    protected static List<Route> routes(Routing r, RouteTable table, String dst) throws RoutingException {
        IpPrefix p = IpPrefix.parse(dst, dst.contains(":") ? Family.INET6 : Family.INET);
        return r.routes(RouteFilter.builder().table(table).dst(p).build());
    }

    private static List<String> gateways(List<Route> rs) {
        List<String> out = new ArrayList<>();
        for (Route x : rs) {
            if (x.isMultipath()) {
                x.nextHops().forEach(h -> out.add(h.gateway() == null ? "dev " + h.device()
                        : InetAddresses.format(h.gateway())));
            } else {
                out.add(x.gateway() == null ? "dev " + x.device() : InetAddresses.format(x.gateway()));
            }
        }
        return out;
    }

    /**
     * The base state of most examples; see the class comment.
     *
     * @return a subject in the base state
     * @throws Exception when the subject fails
     */
    protected final Routing node() throws Exception {
        Routing r = fresh();
        r.setLinkUp("lo", true);
        r.addLink("br0", "bridge");
        r.setLinkUp("br0", true);
        r.addAddress(Address.parse("192.168.1.2/24 dev br0"));
        r.addAddress(Address.parse("2001:db8:1::2/64 dev br0 nodad"));
        r.addLink("br1", "bridge");
        r.setLinkUp("br1", true);
        r.addAddress(Address.parse("192.168.2.2/24 dev br1"));
        r.addAddress(Address.parse("2001:db8:2::2/64 dev br1 nodad"));
        r.addLink("brdown", "bridge");
        r.addAddress(Address.parse("172.16.5.1/24 dev brdown"));
        awaitLocal6(r, "2001:db8:1::2");
        awaitLocal6(r, "2001:db8:2::2");
        return r;
    }

    // ------------------------------------------------------------------ a fresh namespace

    /**
     * A fresh namespace has {@code lo} (ifindex 1, down), the default rules of both families (protocol kernel) and no
     * IPv4 route.
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void aFreshNamespaceHasLoDownTheDefaultRulesAndNoIpv4Routes() throws Exception {
        Routing r = fresh();
        List<Link> links = r.links();
        assertEquals(1, links.size());
        assertEquals("lo", links.get(0).name());
        assertEquals(1, links.get(0).index());
        assertFalse(links.get(0).up());
        assertEquals(List.of("0:\tfrom all lookup local", "32766:\tfrom all lookup main",
                "32767:\tfrom all lookup default"), r.rules(Family.INET).stream().map(Rule::toString).toList());
        assertEquals(List.of("0:\tfrom all lookup local", "32766:\tfrom all lookup main"),
                r.rules(Family.INET6).stream().map(Rule::toString).toList());
        for (Rule x : r.rules()) {
            assertEquals(RouteProtocol.KERNEL, x.protocol(), x.toString());
        }
        assertTrue(r.routes(RouteFilter.ALL.withFamily(Family.INET)).isEmpty());
        assertTrue(r.addresses(Family.INET).isEmpty());
        // lo already has ::1 (down) and its local route
        assertEquals(List.of("::1"), r.addresses(Family.INET6).stream()
                .map(a -> InetAddresses.format(a.address())).toList());
        assertEquals(1, routes(r, RouteTable.LOCAL, "::1/128").size());
    }

    // ------------------------------------------------------------------ IPv4 routes

    /**
     * IPv4 add, replace, change, test and append follow the NLM_F flags: EEXIST for an existing key (the type is not
     * part of it), ENOENT for a missing one.
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void ipv4VerbsFollowTheNlmFlags() throws Exception {
        Routing r = node();
        RouteTable t = RouteTable.of(100);
        Route a = Route.parse("10.10.0.0/16 via 192.168.1.1 table 100");
        r.addRoute(a);
        fails(RoutingException.Exists.class, Errno.EEXIST, () -> r.addRoute(a));
        // the type is not part of the key
        fails(RoutingException.Exists.class, Errno.EEXIST,
                () -> r.addRoute(Route.parse("blackhole 10.10.0.0/16 table 100")));
        r.replaceRoute(a); // an exact duplicate as the first entry: success, no change
        assertEquals(1, routes(r, t, "10.10.0.0/16").size());
        fails(RoutingException.Exists.class, Errno.EEXIST, () -> r.modifyRoute(RouteVerb.TEST, a));
        fails(RoutingException.NotFound.class, Errno.ENOENT,
                () -> r.modifyRoute(RouteVerb.TEST, Route.parse("10.11.0.0/16 via 192.168.1.1 table 100")));
        fails(RoutingException.NotFound.class, Errno.ENOENT,
                () -> r.changeRoute(Route.parse("10.11.0.0/16 via 192.168.1.1 table 100")));
        r.prependRoute(Route.parse("10.10.0.0/16 via 192.168.2.1 table 100"));
        r.appendRoute(Route.parse("10.10.0.0/16 via 192.168.1.3 table 100"));
        assertEquals(List.of("192.168.2.1", "192.168.1.1", "192.168.1.3"), gateways(routes(r, t, "10.10.0.0/16")));
        // prepend/append of an exact duplicate: EEXIST
        fails(RoutingException.Exists.class, Errno.EEXIST,
                () -> r.appendRoute(Route.parse("10.10.0.0/16 via 192.168.1.3 table 100")));
        r.replaceRoute(Route.parse("10.10.0.0/16 via 192.168.1.9 table 100")); // replaces the first entry
        assertEquals(List.of("192.168.1.9", "192.168.1.1", "192.168.1.3"), gateways(routes(r, t, "10.10.0.0/16")));
        r.changeRoute(Route.parse("unreachable 10.10.0.0/16 table 100")); // the type may change
        assertEquals(RouteType.UNREACHABLE, routes(r, t, "10.10.0.0/16").get(0).type());
        // a replace that duplicates a later entry exactly: EEXIST
        fails(RoutingException.Exists.class, Errno.EEXIST,
                () -> r.replaceRoute(Route.parse("10.10.0.0/16 via 192.168.1.3 table 100")));
        r.deleteRoute(Route.parseSelector("10.10.0.0/16 table 100")); // the first entry
        assertEquals(List.of("192.168.1.1", "192.168.1.3"), gateways(routes(r, t, "10.10.0.0/16")));
        // another metric is another key
        r.addRoute(Route.parse("10.10.0.0/16 via 192.168.1.1 table 100 metric 5"));
        assertEquals(3, routes(r, t, "10.10.0.0/16").size());
    }

    /**
     * The IPv4 TOS is part of the route key, also when deleting (ESRCH without it).
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void ipv4TosIsPartOfTheKeyAlsoOnDelete() throws Exception {
        Routing r = node();
        r.addRoute(Route.parse("10.16.0.0/16 via 192.168.1.12"));
        r.addRoute(Route.parse("10.16.0.0/16 via 192.168.1.10 tos 0x10"));
        fails(RoutingException.NotFound.class, Errno.ESRCH,
                () -> r.deleteRoute(Route.parseSelector("10.16.0.0/16 via 192.168.1.10")));
        r.deleteRoute(Route.parseSelector("10.16.0.0/16 tos 0x10"));
        List<Route> left = routes(r, RouteTable.MAIN, "10.16.0.0/16");
        assertEquals(1, left.size());
        assertEquals(0, left.get(0).tos());
    }

    /**
     * Refused IPv4 routes fail with the kernel's errno (ENETUNREACH, EINVAL, ENODEV, ENETDOWN) and its exception type.
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void ipv4ErrorsCarryTheKernelsErrno() throws Exception {
        Routing r = node();
        fails(RoutingException.Unreachable.class, Errno.ENETUNREACH,
                () -> r.addRoute(Route.parse("10.22.0.0/16 via 10.200.0.1")));
        fails(RoutingException.InvalidArgument.class, Errno.EINVAL,
                () -> r.addRoute(Route.parse("10.22.0.0/16 via 192.168.1.1 tos 0x01")));
        fails(RoutingException.InvalidArgument.class, Errno.EINVAL,
                () -> r.addRoute(Route.parse("10.22.0.0/16 via 192.168.1.1 src 10.9.9.9")));
        fails(RoutingException.NotFound.class, Errno.ENODEV, () -> r.addRoute(Route.parse("local 10.23.0.0/16")));
        fails(RoutingException.NotFound.class, Errno.ENODEV, () -> r.addRoute(Route.parse("10.23.0.0/16 dev nosuch0")));
        fails(RoutingException.class, Errno.ENETDOWN, () -> r.addRoute(Route.parse("10.23.0.0/16 dev brdown")));
        // local routes are host scope: the device may be down
        r.addRoute(Route.parse("local 10.24.0.0/16 dev brdown"));
        fails(RoutingException.InvalidArgument.class, Errno.EINVAL, () -> r.addRoute(Route.parse("nat 10.50.0.2")));
        fails(RoutingException.InvalidArgument.class, Errno.EINVAL, () -> r.addRoute(Route.builder()
                .type(RouteType.BLACKHOLE).dst("10.25.0.0/16").gateway(ip("192.168.1.1")).build()));
        fails(RoutingException.InvalidArgument.class, Errno.EINVAL, () -> r.addRoute(Route.builder()
                .type(RouteType.LOCAL).dst("10.26.0.0/16").device("br0").scope(RouteScope.LINK).build()));
        // a link-scope route with a gateway
        fails(RoutingException.Unreachable.class, Errno.ENETUNREACH,
                () -> r.addRoute(Route.parse("10.27.0.0/16 via 192.168.1.1 scope link")));
        // a gateway reachable only through another gateway
        r.addRoute(Route.parse("10.28.0.0/16 via 192.168.1.1"));
        fails(RoutingException.Unreachable.class, Errno.ENETUNREACH,
                () -> r.addRoute(Route.parse("10.29.0.0/16 via 10.28.0.1")));
        fails(RoutingException.NotFound.class, Errno.ESRCH, () -> r.deleteRoute(Route.parseSelector("10.99.0.0/16")));
        fails(RoutingException.NotFound.class, Errno.ESRCH,
                () -> r.deleteRoute(Route.parseSelector("10.10.0.0/16 table 77")));
    }

    // ------------------------------------------------------------------ IPv6 routes

    /**
     * IPv6 verbs follow the NLM_F flags; a second gateway route at the same metric joins the first as a multipath
     * sibling.
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void ipv6VerbsFollowTheNlmFlags() throws Exception {
        Routing r = node();
        RouteTable t = RouteTable.of(100);
        Route a = Route.parse("2001:db8:10::/48 via 2001:db8:1::1 table 100");
        r.addRoute(a);
        fails(RoutingException.Exists.class, Errno.EEXIST, () -> r.addRoute(a));
        // without CREATE a new key is still added
        r.modifyRoute(RouteVerb.TEST, Route.parse("2001:db8:11::/48 via 2001:db8:1::1 table 100"));
        assertEquals(1, routes(r, t, "2001:db8:11::/48").size());
        fails(RoutingException.NotFound.class, Errno.ENOENT,
                () -> r.changeRoute(Route.parse("2001:db8:12::/48 via 2001:db8:1::1 table 100")));
        // a second gateway route at the same metric joins the first as a multipath sibling
        r.appendRoute(Route.parse("2001:db8:10::/48 via 2001:db8:2::1 table 100"));
        List<Route> now = routes(r, t, "2001:db8:10::/48");
        assertTrue(now.get(0).isMultipath(), now.toString());
        // prepend does not prepend: a device route goes after the same-metric routes
        r.prependRoute(Route.parse("2001:db8:10::/48 dev br1 table 100"));
        assertEquals(List.of("2001:db8:1::1", "2001:db8:2::1", "dev br1"), gateways(routes(r, t, "2001:db8:10::/48")));
        // a duplicate nexthop: EEXIST
        fails(RoutingException.Exists.class, Errno.EEXIST,
                () -> r.appendRoute(Route.parse("2001:db8:10::/48 via 2001:db8:2::1 table 100")));
        // deleting one hop leaves the other
        r.deleteRoute(Route.parseSelector("2001:db8:10::/48 via 2001:db8:1::1 table 100"));
        assertEquals(List.of("2001:db8:2::1", "dev br1"), gateways(routes(r, t, "2001:db8:10::/48")));
        // replace takes the first same-metric route of the same ECMP-ability
        r.replaceRoute(Route.parse("2001:db8:10::/48 dev br0 table 100"));
        assertEquals(List.of("2001:db8:2::1", "dev br0"), gateways(routes(r, t, "2001:db8:10::/48")));
        // host bits are masked, metric 0 means 1024, protocol 0 means boot
        Route listed = routes(r, t, "2001:db8:11::/48").get(0);
        assertEquals(1024, listed.priority());
        assertEquals(RouteProtocol.BOOT, listed.protocol());
    }

    /**
     * Refused IPv6 routes fail with the kernel's errno (EHOSTUNREACH, ENODEV, ENETDOWN, EINVAL, ESRCH); unlike IPv4,
     * local routes need the device up.
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void ipv6ErrorsCarryTheKernelsErrno() throws Exception {
        Routing r = node();
        fails(RoutingException.Unreachable.class, Errno.EHOSTUNREACH,
                () -> r.addRoute(Route.parse("2001:db8:16::/48 via 2001:db8:99::1")));
        fails(RoutingException.NotFound.class, Errno.ENODEV, () -> r.addRoute(Route.parse("2001:db8:16::/48")));
        fails(RoutingException.class, Errno.ENETDOWN, () -> r.addRoute(Route.parse("2001:db8:16::/48 dev brdown")));
        // unlike IPv4, IPv6 local routes need the device up
        fails(RoutingException.class, Errno.ENETDOWN,
                () -> r.addRoute(Route.parse("local 2001:db8:17::/48 dev brdown")));
        fails(RoutingException.InvalidArgument.class, Errno.EINVAL,
                () -> r.addRoute(Route.parse("2001:db8:16::/48 via 2001:db8:1::1 src 2001:db8:99::9")));
        fails(RoutingException.InvalidArgument.class, Errno.EINVAL,
                () -> r.addRoute(Route.parse("2001:db8:16::/48 nexthop dev br0 nexthop via 2001:db8:1::1")));
        fails(RoutingException.NotFound.class, Errno.ESRCH,
                () -> r.deleteRoute(Route.parseSelector("2001:db8:99::/48 dev br0")));
        fails(RoutingException.NotFound.class, Errno.ESRCH,
                () -> r.deleteRoute(Route.parseSelector("2001:db8:99::/48 table 77")));
    }

    /**
     * A route listed by {@code routes()}, given back to {@code deleteRoute}, deletes exactly that route.
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void listThenDeleteDeletesExactlyThatRoute() throws Exception {
        Routing r = node();
        for (String s : List.of("10.40.0.0/16 via 192.168.1.1 table 100", "10.40.0.0/16 via 192.168.2.1 table 100",
                "10.40.0.0/16 via 192.168.1.1 table 100 metric 7", "10.40.0.0/16 via 192.168.1.1 table 100 tos 0x10",
                "10.40.0.0/16 dev br0 table 100 proto static metric 9", "unreachable 10.40.0.0/16 table 100 metric 3",
                "2001:db8:40::/48 via 2001:db8:1::1 table 100", "2001:db8:40::/48 dev br1 table 100",
                "2001:db8:40::/48 via 2001:db8:2::1 table 100 metric 7",
                "prohibit 2001:db8:40::/48 table 100 metric 3")) {
            r.appendRoute(Route.parse(s));
        }
        RouteFilter t100 = RouteFilter.table(RouteTable.of(100));
        List<Route> before = r.routes(t100);
        for (int i = before.size() - 1; i >= 0; i--) {
            List<Route> now = r.routes(t100);
            Route victim = now.get(i % now.size());
            r.deleteRoute(victim);
            List<Route> expected = new ArrayList<>(now);
            expected.remove(victim);
            assertEquals(expected, r.routes(t100), "after deleting " + victim);
        }
        assertTrue(r.routes(t100).isEmpty());
    }

    // ------------------------------------------------------------------ rules

    /**
     * Rules without a priority get one just below the first non-zero priority (never a duplicate); an exact duplicate with a priority is
     * EEXIST; invalid rules are EINVAL and missing ones ENOENT.
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void rulesGetAutomaticPrioritiesAndDuplicatesNeedExcl() throws Exception {
        Routing r = fresh();
        Rule seed = Rule.parse("from 10.0.0.0/32 table 44");
        r.addRule(seed);
        r.addRule(seed); // no priority: auto-assigned, never a duplicate
        List<Long> prios = r.rules(Family.INET).stream().map(Rule::priority).toList();
        assertEquals(List.of(0L, 32764L, 32765L, 32766L, 32767L), prios);
        Rule exact = Rule.parse("pref 500 from 10.0.0.0/8 table 5");
        r.addRule(exact);
        fails(RoutingException.Exists.class, Errno.EEXIST, () -> r.addRule(exact));
        r.addRule(Rule.parse("pref 500 from 10.0.0.0/8 table 6")); // another table: not a duplicate
        fails(RoutingException.InvalidArgument.class, Errno.EINVAL, () -> r.addRule(Rule.parse("tos 0x20 table 5")));
        fails(RoutingException.InvalidArgument.class, Errno.EINVAL,
                () -> r.addRule(Rule.parse("fwmark 1 table 0", Family.INET6)));
        fails(RoutingException.NotFound.class, Errno.ENOENT, () -> r.deleteRule(Rule.parse("pref 501 table 5")));
        // the default rules are not permanent
        r.deleteRule(Rule.parseSelector("pref 32767", Family.INET));
        assertEquals(List.of(0L, 500L, 500L, 32764L, 32765L, 32766L),
                r.rules(Family.INET).stream().map(Rule::priority).toList());
        Rule six = Rule.parse("from 2001:db8::/32 table 60");
        r.addRule(six);
        assertEquals(32765L, r.rules(Family.INET6).get(1).priority());
    }

    /**
     * Deleting {@code fwmark N} without a mask matches only a rule with the full mask.
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void deletingFwmarkWithoutMaskOnlyMatchesTheFullMask() throws Exception {
        Routing r = fresh();
        r.addRule(Rule.parse("fwmark 0x10/0xff table 107 pref 107"));
        fails(RoutingException.NotFound.class, Errno.ENOENT, () -> r.deleteRule(Rule.parse("fwmark 0x10 table 107")));
        r.deleteRule(Rule.parse("fwmark 0x10/0xff table 107"));
        r.addRule(Rule.parse("fwmark 0x10 table 107 pref 107"));
        r.deleteRule(Rule.parse("fwmark 0x10 table 107"));
        assertEquals(3, r.rules(Family.INET).size());
    }

    /**
     * A goto must point forward (EINVAL) and is flagged unresolved while its target priority has no rule; a rule
     * naming a missing input device is detached until the device appears.
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void gotoNeedsAForwardTargetAndIsUnresolvedWithoutIt() throws Exception {
        Routing r = fresh();
        fails(RoutingException.InvalidArgument.class, Errno.EINVAL, () -> r.addRule(Rule.parse("pref 600 goto 400")));
        r.addRule(Rule.parse("pref 300 goto 400"));
        Rule gotoRule = r.rules(Family.INET).get(1);
        assertEquals(new RuleAction.Goto(400), gotoRule.action());
        assertTrue(gotoRule.flags().contains(RuleFlag.UNRESOLVED), gotoRule.toString());
        r.addRule(Rule.parse("pref 400 table 100"));
        assertFalse(r.rules(Family.INET).get(1).flags().contains(RuleFlag.UNRESOLVED));
        r.deleteRule(Rule.parseSelector("pref 400", Family.INET));
        assertTrue(r.rules(Family.INET).get(1).flags().contains(RuleFlag.UNRESOLVED));
        // a rule naming a missing device is detached until the device appears
        r.addRule(Rule.parse("iif br7 table 7 pref 70"));
        assertTrue(r.rules(Family.INET).get(1).flags().contains(RuleFlag.IIF_DETACHED));
        r.addLink("br7", "bridge");
        assertFalse(r.rules(Family.INET).get(1).flags().contains(RuleFlag.IIF_DETACHED));
    }

    // ------------------------------------------------------------------ links

    /**
     * Bridges are added (down), found by name and index, set up and down and deleted; unknown names are ENODEV and
     * duplicates EEXIST.
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void bridgesAreAddedSetUpAndDownAndDeleted() throws Exception {
        Routing r = fresh();
        r.setLinkUp("lo", true);
        Link br = r.addLink("br9", "bridge");
        assertEquals("bridge", br.kind());
        assertEquals("br9", br.name());
        assertFalse(br.up());
        assertEquals(br.index(), r.link("br9").orElseThrow().index());
        assertEquals("br9", r.link(br.index()).orElseThrow().name());
        fails(RoutingException.Exists.class, Errno.EEXIST, () -> r.addLink("br9", "bridge"));
        fails(RoutingException.NotFound.class, Errno.ENODEV, () -> r.setLinkUp("nosuch0", true));
        fails(RoutingException.NotFound.class, Errno.ENODEV, () -> r.deleteLink("nosuch0"));
        assertTrue(r.link("nosuch0").isEmpty());
        r.setLinkUp("br9", true);
        assertTrue(r.link("br9").orElseThrow().up());
        r.addAddress(Address.parse("10.60.0.1/24 dev br9"));
        r.addRoute(Route.parse("10.61.0.0/16 dev br9 table 100"));
        r.addRoute(Route.parse("10.62.0.0/16 via 10.60.0.9"));
        r.addRoute(Route.parse("local 10.63.0.0/16 dev br9"));
        // down: every route through the device goes, in every table, except host-scope ones
        r.setLinkUp("br9", false);
        assertFalse(r.link("br9").orElseThrow().up());
        assertTrue(r.routes(RouteFilter.table(RouteTable.of(100))).isEmpty());
        assertTrue(routes(r, RouteTable.MAIN, "10.62.0.0/16").isEmpty());
        assertTrue(routes(r, RouteTable.MAIN, "10.60.0.0/24").isEmpty());
        assertEquals(1, routes(r, RouteTable.LOCAL, "10.63.0.0/16").size());
        assertEquals(1, routes(r, RouteTable.LOCAL, "10.60.0.1/32").size());
        // up: the kernel's own routes come back, the user's do not
        r.setLinkUp("br9", true);
        assertEquals(1, routes(r, RouteTable.MAIN, "10.60.0.0/24").size());
        assertTrue(routes(r, RouteTable.MAIN, "10.62.0.0/16").isEmpty());
        r.deleteLink("br9");
        assertTrue(r.link("br9").isEmpty());
        assertTrue(r.addresses(Family.INET).stream().noneMatch(a -> "br9".equals(a.device())));
        assertTrue(r.routes().stream().noneMatch(x -> "br9".equals(x.firstDevice())));
        fails(RoutingException.NotFound.class, Errno.ENODEV, () -> r.deleteLink("br9"));
        Link again = r.addLink("br9", "bridge");
        assertTrue(again.index() > br.index(), "ifindexes are not reused");
    }

    /**
     * {@link KnownDifference#DUMMY_DRIVER}: success, or EOPNOTSUPP when the kernel has no dummy driver.
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void dummyLinksExistOrAreNamedUnsupported() throws Exception {
        Routing r = fresh();
        Link l;
        try {
            l = r.addLink("dm0", "dummy");
        } catch (RoutingException e) {
            assertFalse(requiresDummyDriver(), "this subject must have the dummy driver: " + e.getMessage());
            assertEquals(Errno.EOPNOTSUPP, e.errno(), e.getMessage());
            assertEquals("Unknown device type", e.extack());
            assertTrue(r.link("dm0").isEmpty());
            return;
        }
        assertEquals("dummy", l.kind());
        assertTrue(r.link("dm0").isPresent());
    }

    // ------------------------------------------------------------------ addresses

    /**
     * An IPv4 address generates its local, prefix and broadcast routes (protocol kernel); adding it twice is EEXIST.
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void ipv4AddressesGenerateTheirRoutes() throws Exception {
        Routing r = node();
        Address a = Address.parse("10.5.0.1/24 dev br0");
        r.addAddress(a);
        assertEquals(List.of("local 10.5.0.1 dev br0 table local proto kernel scope host src 10.5.0.1"),
                routes(r, RouteTable.LOCAL, "10.5.0.1/32").stream().map(Route::toString).toList());
        assertEquals(List.of("10.5.0.0/24 dev br0 proto kernel scope link src 10.5.0.1"),
                routes(r, RouteTable.MAIN, "10.5.0.0/24").stream().map(Route::toString).toList());
        assertEquals(List.of("broadcast 10.5.0.255 dev br0 table local proto kernel scope link src 10.5.0.1"),
                routes(r, RouteTable.LOCAL, "10.5.0.255/32").stream().map(Route::toString).toList());
        Address listed = r.addresses(Family.INET).stream().filter(x -> x.address().equals(a.address())).findFirst()
                .orElseThrow();
        assertEquals("br0", listed.device());
        assertEquals(24, listed.local().length());
        fails(RoutingException.Exists.class, Errno.EEXIST, () -> r.addAddress(a));
        // a second address in the subnet is a secondary: only its local route
        r.addAddress(Address.parse("10.5.0.2/24 dev br0"));
        assertTrue(r.addresses(Family.INET).stream().anyMatch(x -> x.address().equals(ip("10.5.0.2")) && x.secondary()));
        assertEquals("local 10.5.0.2 dev br0 table local proto kernel scope host src 10.5.0.1",
                routes(r, RouteTable.LOCAL, "10.5.0.2/32").get(0).toString());
        // deleting the primary deletes the secondary and every route of the subnet
        r.deleteAddress(a);
        assertTrue(r.addresses(Family.INET).stream().noneMatch(x -> x.address().toString().contains("10.5.0.")));
        assertTrue(r.routes().stream().noneMatch(x -> x.toString().contains("10.5.0.")), r.routes().toString());
        fails(RoutingException.class, Errno.EADDRNOTAVAIL, () -> r.deleteAddress(a));
        fails(RoutingException.NotFound.class, Errno.ENODEV,
                () -> r.addAddress(Address.parse("10.7.0.1/24 dev nosuch0")));
    }

    /**
     * An IPv6 address generates its prefix route (metric 256, protocol kernel) and local route; deleting it removes
     * them, and deleting it again is EADDRNOTAVAIL.
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void ipv6AddressesGenerateTheirRoutes() throws Exception {
        Routing r = node();
        r.addAddress(Address.parse("2001:db8:7::1/64 dev br0 nodad"));
        awaitLocal6(r, "2001:db8:7::1");
        Route prefix = routes(r, RouteTable.MAIN, "2001:db8:7::/64").get(0);
        assertEquals(256, prefix.priority());
        assertEquals(RouteProtocol.KERNEL, prefix.protocol());
        assertEquals("br0", prefix.device());
        r.deleteAddress(Address.parse("2001:db8:7::1/64 dev br0"));
        assertTrue(routes(r, RouteTable.MAIN, "2001:db8:7::/64").isEmpty());
        assertTrue(routes(r, RouteTable.LOCAL, "2001:db8:7::1/128").isEmpty());
        fails(RoutingException.class, Errno.EADDRNOTAVAIL,
                () -> r.deleteAddress(Address.parse("2001:db8:7::1/64 dev br0")));
    }

    // ------------------------------------------------------------------ lookups

    /**
     * Lookups return the route the kernel would use: type, gateway, device, source and table.
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void lookupsFindTheRouteTheKernelWouldUse() throws Exception {
        Routing r = node();
        r.addRoute(Route.parse("10.10.0.0/16 via 192.168.1.1"));
        LookupResult hit = r.lookup(RouteLookup.to(ip("10.10.0.1")));
        assertEquals(RouteType.UNICAST, hit.type());
        assertEquals(ip("192.168.1.1"), hit.gateway());
        assertEquals("br0", hit.device());
        assertEquals(ip("192.168.1.2"), hit.source());
        assertEquals(RouteTable.MAIN, hit.table());
        LookupResult local = r.lookup(RouteLookup.to(ip("192.168.2.2")));
        assertEquals(RouteType.LOCAL, local.type());
        assertEquals("lo", local.device());
        // until an IPv4 rule is added or deleted, local and main are one trie and lookups say "main"
        assertEquals(RouteTable.MAIN, local.table());
        LookupResult onLink = r.lookup(RouteLookup.to(ip("192.168.2.77")));
        assertNull(onLink.gateway());
        assertEquals("br1", onLink.device());
        assertEquals(ip("192.168.2.2"), onLink.source());
        fails(RoutingException.Unreachable.class, Errno.ENETUNREACH, () -> r.lookup(RouteLookup.to(ip("8.8.8.8"))));
        r.addRoute(Route.parse("unreachable 10.11.0.0/16"));
        r.addRoute(Route.parse("prohibit 10.12.0.0/16"));
        r.addRoute(Route.parse("blackhole 10.13.0.0/16"));
        fails(RoutingException.Unreachable.class, Errno.EHOSTUNREACH, () -> r.lookup(RouteLookup.to(ip("10.11.0.1"))));
        fails(RoutingException.class, Errno.EACCES, () -> r.lookup(RouteLookup.to(ip("10.12.0.1"))));
        fails(RoutingException.InvalidArgument.class, Errno.EINVAL, () -> r.lookup(RouteLookup.to(ip("10.13.0.1"))));
        // policy routing: a source rule sends the flow to table 100
        r.addRoute(Route.parse("10.14.0.0/16 via 192.168.2.1 table 100"));
        r.addRule(Rule.parse("from 192.168.1.2 lookup 100 pref 100"));
        LookupResult viaRule = r.lookup(RouteLookup.builder().to(ip("10.14.0.1")).from(ip("192.168.1.2")).build());
        assertEquals(RouteTable.of(100), viaRule.table());
        assertEquals(ip("192.168.2.1"), viaRule.gateway());
        assertEquals("br1", viaRule.device());
        fails(RoutingException.Unreachable.class, Errno.ENETUNREACH, () -> r.lookup(RouteLookup.to(ip("10.14.0.1"))));
        assertEquals(RouteTable.LOCAL, r.lookup(RouteLookup.to(ip("192.168.2.2"))).table());
        r.addRule(Rule.parse("fwmark 0x7 prohibit pref 90"));
        fails(RoutingException.class, Errno.EACCES,
                () -> r.lookup(RouteLookup.builder().to(ip("10.10.0.1")).mark(7L).build()));
        // IPv6
        r.addRoute(Route.parse("2001:db8:10::/48 via 2001:db8:1::1"));
        LookupResult six = r.lookup(RouteLookup.to(ip("2001:db8:10::1")));
        assertEquals(ip("2001:db8:1::1"), six.gateway());
        assertEquals("br0", six.device());
        assertEquals(ip("2001:db8:1::2"), six.source());
        r.addRoute(Route.parse("unreachable 2001:db8:41::/48"));
        fails(RoutingException.Unreachable.class, Errno.EHOSTUNREACH,
                () -> r.lookup(RouteLookup.to(ip("2001:db8:41::1"))));
    }

    // ------------------------------------------------------------------ batches and events

    /**
     * A batch reports one result per change, in order, a failure not stopping the batch.
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void batchesReportEachChangeInOrder() throws Exception {
        Routing r = node();
        List<Change> changes = List.of(
                Change.route(RouteVerb.ADD, Route.parse("10.80.0.0/16 via 192.168.1.1")),
                Change.route(RouteVerb.ADD, Route.parse("10.80.0.0/16 via 192.168.1.1")),
                Change.route(RouteVerb.ADD, Route.parse("10.81.0.0/16 dev nosuch0")),
                Change.addRule(Rule.parse("from 10.80.0.0/16 table 80 pref 80")),
                Change.deleteRoute(Route.parse("10.80.0.0/16 via 192.168.1.1")),
                Change.deleteRule(Rule.parse("from 10.80.0.0/16 table 80 pref 80")),
                Change.addAddress(Address.parse("10.82.0.1/24 dev br1")),
                Change.deleteAddress(Address.parse("10.82.0.1/24 dev br1")),
                Change.deleteRoute(Route.parse("10.80.0.0/16 via 192.168.1.1")),
                Change.route(RouteVerb.ADD, Route.parse("10.83.0.0/16 via 10.200.0.1")));
        List<ChangeResult> res = r.apply(changes);
        assertEquals(changes.size(), res.size());
        List<String> outcome = new ArrayList<>();
        for (int i = 0; i < res.size(); i++) {
            assertEquals(changes.get(i), res.get(i).change());
            outcome.add(res.get(i).ok() ? "ok" : res.get(i).error().errno().name());
        }
        assertEquals(List.of("ok", "EEXIST", "ENODEV", "ok", "ok", "ok", "ok", "ok", "ESRCH", "ENETUNREACH"), outcome);
        assertInstanceOf(RoutingException.Exists.class, res.get(1).error());
        assertTrue(routes(r, RouteTable.MAIN, "10.80.0.0/16").isEmpty());
    }

    /**
     * A subscriber sees route and rule additions and route removals.
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void subscribersSeeRouteAddAndDelete() throws Exception {
        Routing r = node();
        BlockingQueue<RoutingEvent> q = new LinkedBlockingQueue<>();
        try (Subscription s = r.subscribe(q::add)) {
            r.addRoute(Route.parse("10.90.0.0/16 via 192.168.1.1 table 90"));
            r.addRule(Rule.parse("from 10.90.0.0/16 table 90 pref 90"));
            r.deleteRoute(Route.parse("10.90.0.0/16 via 192.168.1.1 table 90"));
            IpPrefix p = IpPrefix.parse("10.90.0.0/16");
            await(q, e -> e instanceof RoutingEvent.RouteAdded a && a.route().dst().equals(p)
                    && a.route().table().id() == 90 && "br0".equals(a.route().device()));
            await(q, e -> e instanceof RoutingEvent.RuleAdded a && Long.valueOf(90).equals(a.rule().priority()));
            await(q, e -> e instanceof RoutingEvent.RouteRemoved a && a.route().dst().equals(p));
        }
    }

    /**
     * Nexthop objects carry their routes: a route on a group reads back with the group's paths; deleting a member
     * shrinks the group (RTM_NEWNEXTHOP for it) and its route; deleting the last member takes the group and its
     * route with it; each change is notified in that order.
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void nexthopObjectsCarryTheirRoutesAndAreNotified() throws Exception {
        Routing r = node();
        BlockingQueue<RoutingEvent> q = new LinkedBlockingQueue<>();
        try (Subscription s = r.subscribe(q::add)) {
            r.addNexthop(Nexthop.parse("id 1 via 192.168.1.1 dev br0"));
            r.addNexthop(Nexthop.parse("id 2 via 192.168.2.1 dev br1"));
            r.addNexthop(Nexthop.parse("id 10 group 1/2"));
            r.addRoute(Route.parse("10.70.0.0/16 nhid 10"));
            List<Route> rs = routes(r, RouteTable.MAIN, "10.70.0.0/16");
            assertEquals(1, rs.size(), rs::toString);
            assertEquals(10, rs.get(0).nhid());
            assertEquals(List.of("192.168.1.1", "192.168.2.1"), gateways(rs));
            r.deleteNexthop(2);
            assertEquals("id 10 group 1", r.nexthop(10).orElseThrow().toString());
            assertEquals(List.of("192.168.1.1"), gateways(routes(r, RouteTable.MAIN, "10.70.0.0/16")));
            fails(RoutingException.class, Errno.ENOENT, () -> r.deleteNexthop(2));
            r.deleteNexthop(1);
            assertTrue(r.nexthop(10).isEmpty());
            assertTrue(routes(r, RouteTable.MAIN, "10.70.0.0/16").isEmpty());
            await(q, e -> e instanceof RoutingEvent.NexthopAdded a && a.nexthop().id() == 10);
            await(q, e -> e instanceof RoutingEvent.NexthopRemoved x && x.nexthop().id() == 2);
            await(q, e -> e instanceof RoutingEvent.NexthopAdded a && a.nexthop().toString().equals("id 10 group 1"));
            await(q, e -> e instanceof RoutingEvent.NexthopRemoved x && x.nexthop().id() == 1);
            await(q, e -> e instanceof RoutingEvent.NexthopRemoved x && x.nexthop().id() == 10);
        }
    }

    /**
     * The reconciler owns nexthop objects by protocol: it adds them before the routes that name them (members before
     * their group), deletes them after those routes (a group before its members), replaces one that changed and
     * deletes and adds again a group whose type changed (with its routes); a second pass changes nothing.
     *
     * @throws Exception when the subject fails unexpectedly
     */
    @Test
    public void theReconcilerKeepsNexthopsAndTheirRoutesInOrder() throws Exception {
        Routing r = node();
        Reconciler rec = Reconciler.of(Ownership.protocol(RouteProtocol.of(200)));
        DesiredState want = DesiredState.of(
                List.of(Route.parse("10.71.0.0/16 nhid 20"), Route.parse("10.72.0.0/16 nhid 1"),
                        Route.parse("2001:db8:71::/64 nhid 3")),
                List.of(),
                List.of(Nexthop.parse("id 20 group 1/2"), Nexthop.parse("id 2 via 192.168.2.1 dev br1"),
                        Nexthop.parse("id 1 via 192.168.1.1 dev br0"), Nexthop.parse("id 3 via 2001:db8:1::1 dev br0")));
        Report first = rec.reconcile(r, want);
        assertTrue(first.ok(), first::toString);
        io.github.netroute.routing.reconcile.Plan again = rec.plan(r, want);
        assertTrue(again.isEmpty(), again::toString);
        assertEquals(List.of("192.168.1.1", "192.168.2.1"), gateways(routes(r, RouteTable.MAIN, "10.71.0.0/16")));

        DesiredState next = DesiredState.of(List.of(Route.parse("10.71.0.0/16 nhid 20")), List.of(),
                List.of(Nexthop.parse("id 1 via 192.168.1.254 dev br0"),
                        Nexthop.parse("id 20 group 1 type resilient buckets 8")));
        Report second = rec.reconcile(r, next);
        assertTrue(second.ok(), second::toString);
        io.github.netroute.routing.reconcile.Plan again2 = rec.plan(r, next);
        assertTrue(again2.isEmpty(), again2::toString);
        assertEquals(List.of(1L, 20L), r.nexthops(null).stream().map(Nexthop::id).toList());
        assertEquals(List.of("192.168.1.254"), gateways(routes(r, RouteTable.MAIN, "10.71.0.0/16")));
        assertTrue(routes(r, RouteTable.MAIN, "10.72.0.0/16").isEmpty());

        Report last = rec.reconcile(r, DesiredState.routes(List.of()));
        assertTrue(last.ok(), last::toString);
        assertTrue(r.nexthops(null).isEmpty());
        assertTrue(routes(r, RouteTable.MAIN, "10.71.0.0/16").isEmpty());
    }

    private static void await(BlockingQueue<RoutingEvent> q, Predicate<RoutingEvent> p) throws InterruptedException {
        List<RoutingEvent> seen = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            RoutingEvent e = q.poll(50, TimeUnit.MILLISECONDS);
            if (e == null) {
                continue;
            }
            if (p.test(e)) {
                return;
            }
            seen.add(e);
        }
        fail("event not seen; got " + seen);
    }

    // ------------------------------------------------------------------ properties

    /**
     * Every generated state applies to a fresh namespace without an error, and its routes and rules are listed.
     *
     * @param state the generated state
     * @throws Exception when the subject fails unexpectedly
     */
    @Property(tries = 25)
    public void generatedStatesApplyWithoutError(@ForAll RoutingState state) throws Exception {
        Routing r = fresh();
        state.applyTo(r);
        awaitState(r, state);
        List<Route> listed = r.routes();
        for (Route x : state.routes()) {
            assertTrue(listed.stream().anyMatch(y -> y.family() == x.family() && y.dst().equals(x.dst())
                    && y.table().equals(x.table()) && y.tos() == x.tos()), () -> x + " not listed:\n" + listed);
        }
        assertEquals(state.rules().size() + 5, r.rules().size());
    }

    /**
     * After any generated state, deleting a listed route removes exactly that route.
     *
     * @param state the generated state
     * @throws Exception when the subject fails unexpectedly
     */
    @Property(tries = 25)
    public void listThenDeleteRemovesExactlyTheListedRoute(@ForAll RoutingState state) throws Exception {
        Routing r = fresh();
        state.applyTo(r);
        awaitState(r, state);
        List<Route> before = r.routes();
        for (int i = 0; i < 8 && !before.isEmpty(); i++) {
            Route victim = before.get((i * 7919) % before.size());
            r.deleteRoute(victim);
            List<Route> expected = new ArrayList<>(before);
            expected.remove(victim);
            List<Route> after = r.routes();
            assertEquals(expected, after, "after deleting " + victim);
            before = after;
        }
    }

    /**
     * After any generated state, deleting a listed rule removes exactly that rule.
     *
     * @param state the generated state
     * @throws Exception when the subject fails unexpectedly
     */
    @Property(tries = 25)
    public void listThenDeleteRemovesExactlyTheListedRule(@ForAll RoutingState state) throws Exception {
        Routing r = fresh();
        state.applyTo(r);
        List<Rule> before = r.rules();
        for (int i = 0; i < 4 && !before.isEmpty(); i++) {
            Rule victim = before.get((i * 7919) % before.size());
            r.deleteRule(victim);
            List<Rule> expected = new ArrayList<>(before);
            expected.remove(victim);
            List<Rule> after = r.rules();
            assertEquals(expected.stream().map(x -> x.toBuilder().flags(null).build()).toList(),
                    after.stream().map(x -> x.toBuilder().flags(null).build()).toList(), "after deleting " + victim);
            before = after;
        }
    }

    /**
     * Waits for the IPv6 local routes of a state's addresses on up links (and the loopback's {@code ::1}).
     *
     * @param r the subject
     * @param state the state
     * @throws Exception when interrupted or the subject fails
     */
    protected static void awaitState(Routing r, RoutingState state) throws Exception {
        if (state.isUp("lo")) {
            awaitLocal6(r, "::1"); // the loopback's ::1 comes from addrconf, after the link is up
        }
        for (Address a : state.addresses()) {
            if (a.family() == Family.INET6 && state.isUp(a.device())) {
                awaitLocal6(r, InetAddresses.format(a.address()));
            }
        }
        assertNotNull(r);
    }
}
