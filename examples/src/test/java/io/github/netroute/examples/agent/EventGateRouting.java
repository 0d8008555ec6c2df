package io.github.netroute.examples.agent;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.Change;
import io.github.netroute.routing.ChangeResult;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A Routing that forwards to another and sits in its event stream: events can be dropped (as a socket buffer
 * overrun loses them) and a {@link RoutingEvent.ResyncNeeded} sent, as the netlink client does after ENOBUFS.
 */
final class EventGateRouting implements Routing {
    private final Routing d;
    private final List<Consumer<? super RoutingEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean dropping;
    private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();

    EventGateRouting(Routing delegate) {
        this.d = delegate;
    }

    /** While true, events are lost. */
    void dropEvents(boolean drop) {
        dropping = drop;
    }

    /** How many events were lost so far (the kernel delivers them on its own thread, after the change returned). */
    long dropped() {
        return dropped.get();
    }

    /** Tells every subscriber that events were lost. */
    void resyncNeeded(String reason) {
        for (Consumer<? super RoutingEvent> l : listeners) {
            l.accept(new RoutingEvent.ResyncNeeded(reason));
        }
    }

    @Override
    public Subscription subscribe(Consumer<? super RoutingEvent> listener) throws RoutingException {
        listeners.add(listener);
        Subscription s = d.subscribe(ev -> {
            if (!dropping) {
                listener.accept(ev);
            } else {
                dropped.incrementAndGet();
            }
        });
        return () -> {
            listeners.remove(listener);
            s.close();
        };
    }

    @Override
    public void forEachRoute(RouteFilter filter, Consumer<? super Route> action) throws RoutingException {
        d.forEachRoute(filter, action);
    }

    @Override
    public void modifyRoute(RouteVerb verb, Route route) throws RoutingException {
        d.modifyRoute(verb, route);
    }

    @Override
    public void deleteRoute(Route route) throws RoutingException {
        d.deleteRoute(route);
    }

    @Override
    public List<Rule> rules(Family family) throws RoutingException {
        return d.rules(family);
    }

    @Override
    public void addRule(Rule rule) throws RoutingException {
        d.addRule(rule);
    }

    @Override
    public void deleteRule(Rule rule) throws RoutingException {
        d.deleteRule(rule);
    }

    @Override
    public List<io.github.netroute.routing.Nexthop> nexthops(io.github.netroute.routing.NexthopFilter filter)
            throws RoutingException {
        return d.nexthops(filter);
    }

    @Override
    public Optional<io.github.netroute.routing.Nexthop> nexthop(long id) throws RoutingException {
        return d.nexthop(id);
    }

    @Override
    public void modifyNexthop(boolean replace, io.github.netroute.routing.Nexthop nexthop) throws RoutingException {
        d.modifyNexthop(replace, nexthop);
    }

    @Override
    public void deleteNexthop(long id) throws RoutingException {
        d.deleteNexthop(id);
    }

    @Override
    public List<Link> links() throws RoutingException {
        return d.links();
    }

    @Override
    public Optional<Link> link(String name) throws RoutingException {
        return d.link(name);
    }

    @Override
    public Optional<Link> link(int index) throws RoutingException {
        return d.link(index);
    }

    @Override
    public Link addLink(io.github.netroute.routing.LinkSpec spec) throws RoutingException {
        return d.addLink(spec);
    }

    @Override
    public void setLink(String name, io.github.netroute.routing.LinkSettings settings) throws RoutingException {
        d.setLink(name, settings);
    }

    @Override
    public List<io.github.netroute.routing.Neighbour> neighbours(io.github.netroute.routing.Family family,
            boolean proxy) throws RoutingException {
        return d.neighbours(family, proxy);
    }

    @Override
    public Optional<io.github.netroute.routing.Neighbour> neighbour(java.net.InetAddress address, String device,
            boolean proxy) throws RoutingException {
        return d.neighbour(address, device, proxy);
    }

    @Override
    public void modifyNeighbour(io.github.netroute.routing.RouteVerb verb, io.github.netroute.routing.Neighbour n)
            throws RoutingException {
        d.modifyNeighbour(verb, n);
    }

    @Override
    public void deleteNeighbour(io.github.netroute.routing.Neighbour n) throws RoutingException {
        d.deleteNeighbour(n);
    }

    @Override
    public void setLinkUp(String name, boolean up) throws RoutingException {
        d.setLinkUp(name, up);
    }

    @Override
    public void deleteLink(String name) throws RoutingException {
        d.deleteLink(name);
    }

    @Override
    public List<Address> addresses(Family family) throws RoutingException {
        return d.addresses(family);
    }

    @Override
    public void addAddress(Address address) throws RoutingException {
        d.addAddress(address);
    }

    @Override
    public void deleteAddress(Address address) throws RoutingException {
        d.deleteAddress(address);
    }

    @Override
    public LookupResult lookup(RouteLookup flow) throws RoutingException {
        return d.lookup(flow);
    }

    @Override
    public List<ChangeResult> apply(List<? extends Change> changes) {
        return d.apply(changes);
    }

    @Override
    public void close() {
        d.close();
    }
}
