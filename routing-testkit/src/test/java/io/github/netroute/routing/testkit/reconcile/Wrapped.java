package io.github.netroute.routing.testkit.reconcile;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.LookupResult;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteFilter;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.RouteVerb;
import io.github.netroute.routing.Routing;
import io.github.netroute.routing.RoutingEvent;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.Rule;
import io.github.netroute.routing.Subscription;
import io.github.netroute.routing.testkit.InMemoryKernel;
import io.github.netroute.routing.testkit.InjectedFailure;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An {@link InMemoryKernel} seen through a {@link Routing} that can (a) make the N-th change from now fail, by
 * scripting an {@link InjectedFailure} into the kernel just before that change reaches it, (b) hold back the kernel's
 * events from its subscribers ("lost" events), and (c) hand subscribers a synthetic event such as
 * {@link RoutingEvent.ResyncNeeded}. Batches go through {@link Routing#apply}'s default, one change at a time, so the
 * index counts changes in batch order.
 */
final class Wrapped implements Routing {
    final InMemoryKernel kernel;
    private int changes;
    private int failAt = -1;
    private Errno failErrno;
    private volatile boolean muted;
    private final List<Consumer<? super RoutingEvent>> listeners = new CopyOnWriteArrayList<>();

    Wrapped(InMemoryKernel kernel) {
        this.kernel = kernel;
    }

    /** The {@code index}-th change from now (0 = the next) fails with {@code errno}, leaving the state unchanged. */
    synchronized void failChange(int index, Errno errno) {
        failAt = changes + index;
        failErrno = errno;
    }

    /** Events stop reaching subscribers (true) or flow again (false); nothing held back is replayed. */
    void mute(boolean on) {
        muted = on;
    }

    /** Hands every subscriber an event (on the caller's thread). */
    void emit(RoutingEvent e) {
        for (Consumer<? super RoutingEvent> l : listeners) {
            l.accept(e);
        }
    }

    private synchronized void change(String op) {
        if (changes++ == failAt) {
            kernel.inject(InjectedFailure.errno(op, failErrno, "injected"));
        }
    }

    @Override
    public void forEachRoute(RouteFilter filter, Consumer<? super Route> action) throws RoutingException {
        kernel.forEachRoute(filter, action);
    }

    @Override
    public void modifyRoute(RouteVerb verb, Route route) throws RoutingException {
        change("RTM_NEWROUTE");
        kernel.modifyRoute(verb, route);
    }

    @Override
    public void deleteRoute(Route route) throws RoutingException {
        change("RTM_DELROUTE");
        kernel.deleteRoute(route);
    }

    @Override
    public List<Rule> rules(Family family) throws RoutingException {
        return kernel.rules(family);
    }

    @Override
    public void addRule(Rule rule) throws RoutingException {
        change("RTM_NEWRULE");
        kernel.addRule(rule);
    }

    @Override
    public void deleteRule(Rule rule) throws RoutingException {
        change("RTM_DELRULE");
        kernel.deleteRule(rule);
    }

    @Override
    public List<Link> links() throws RoutingException {
        return kernel.links();
    }

    @Override
    public Optional<Link> link(String name) throws RoutingException {
        return kernel.link(name);
    }

    @Override
    public Optional<Link> link(int index) throws RoutingException {
        return kernel.link(index);
    }

    @Override
    public Link addLink(io.github.netroute.routing.LinkSpec spec) throws RoutingException {
        return kernel.addLink(spec);
    }

    @Override
    public void setLink(String name, io.github.netroute.routing.LinkSettings settings) throws RoutingException {
        kernel.setLink(name, settings);
    }

    @Override
    public List<io.github.netroute.routing.Neighbour> neighbours(io.github.netroute.routing.Family family,
            boolean proxy) throws RoutingException {
        return kernel.neighbours(family, proxy);
    }

    @Override
    public Optional<io.github.netroute.routing.Neighbour> neighbour(java.net.InetAddress address, String device,
            boolean proxy) throws RoutingException {
        return kernel.neighbour(address, device, proxy);
    }

    @Override
    public void modifyNeighbour(io.github.netroute.routing.RouteVerb verb, io.github.netroute.routing.Neighbour n)
            throws RoutingException {
        kernel.modifyNeighbour(verb, n);
    }

    @Override
    public void deleteNeighbour(io.github.netroute.routing.Neighbour n) throws RoutingException {
        kernel.deleteNeighbour(n);
    }

    @Override
    public void setLinkUp(String name, boolean up) throws RoutingException {
        kernel.setLinkUp(name, up);
    }

    @Override
    public void deleteLink(String name) throws RoutingException {
        kernel.deleteLink(name);
    }

    @Override
    public List<Address> addresses(Family family) throws RoutingException {
        return kernel.addresses(family);
    }

    @Override
    public void addAddress(Address address) throws RoutingException {
        change("RTM_NEWADDR");
        kernel.addAddress(address);
    }

    @Override
    public void deleteAddress(Address address) throws RoutingException {
        change("RTM_DELADDR");
        kernel.deleteAddress(address);
    }

    @Override
    public java.util.List<io.github.netroute.routing.Nexthop> nexthops(io.github.netroute.routing.NexthopFilter f)
            throws RoutingException {
        return kernel.nexthops(f);
    }

    @Override
    public java.util.Optional<io.github.netroute.routing.Nexthop> nexthop(long id) throws RoutingException {
        return kernel.nexthop(id);
    }

    @Override
    public void modifyNexthop(boolean replace, io.github.netroute.routing.Nexthop n) throws RoutingException {
        change("RTM_NEWNEXTHOP");
        kernel.modifyNexthop(replace, n);
    }

    @Override
    public void deleteNexthop(long id) throws RoutingException {
        change("RTM_DELNEXTHOP");
        kernel.deleteNexthop(id);
    }

    @Override
    public LookupResult lookup(RouteLookup flow) throws RoutingException {
        return kernel.lookup(flow);
    }

    @Override
    public Subscription subscribe(Consumer<? super RoutingEvent> listener) throws RoutingException {
        listeners.add(listener);
        Subscription inner = kernel.subscribe(e -> {
            if (!muted) {
                listener.accept(e);
            }
        });
        return () -> {
            listeners.remove(listener);
            inner.close();
        };
    }

    @Override
    public void close() {
        kernel.close();
    }
}
