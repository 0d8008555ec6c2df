package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.Neighbour;
import io.github.netroute.routing.NeighbourState;
import io.github.netroute.routing.RouteVerb;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The neighbour tables (ARP and NDP: RTM_NEWNEIGH/DELNEIGH/GETNEIGH) and their proxy tables, as administered
 * entries: what {@code ip neigh add|replace|change|del} leaves, with {@code net/core/neighbour.c}'s errors
 * ({@code neigh_add}, {@code neigh_delete}, {@code __neigh_update}). No resolution happens here (no packets): an
 * entry keeps the state it was given. A device going down or away takes its entries with it ({@code neigh_ifdown}
 * from NETDEV_DOWN, permanent ones and proxies included).
 */
final class Neighbours {
    /** One entry: the value as the kernel would dump it (device name filled in when dumped). */
    private record Key(int family, int ifindex, InetAddress address) {}

    private final KernelState k;
    /** Insertion order stands in for the kernel's hash order (a known difference when several entries are shown). */
    private final Map<Key, Neighbour> cache = new LinkedHashMap<>();
    private final Map<Key, Neighbour> proxies = new LinkedHashMap<>();

    Neighbours(KernelState k) {
        this.k = k;
    }

    Neighbours(KernelState k, Neighbours o) {
        this.k = k;
        cache.putAll(o.cache);
        proxies.putAll(o.proxies);
    }

    private static Key key(Neighbour n, int ifindex) {
        return new Key(n.family() == Family.INET ? 4 : 6, ifindex, n.address());
    }

    /** neigh_dump_info(): the ARP table, then the ND table (or the proxy tables). */
    List<Neighbour> list(Family family, boolean proxy) {
        List<Neighbour> out = new ArrayList<>();
        for (int f : new int[] {4, 6}) {
            if (family != null && (family == Family.INET ? 4 : 6) != f) {
                continue;
            }
            for (var e : (proxy ? proxies : cache).entrySet()) {
                if (e.getKey().family() == f) {
                    out.add(withName(e.getValue(), e.getKey().ifindex()));
                }
            }
        }
        return out;
    }

    private Neighbour withName(Neighbour n, int ifindex) {
        Links.Dev d = k.links.device(ifindex);
        return n.withDevice(d == null ? null : d.name, ifindex);
    }

    Neighbour get(InetAddress address, Links.Dev dev, boolean proxy) throws KErr {
        Key key = new Key(address.getAddress().length == 4 ? 4 : 6, dev.index, address);
        Neighbour n = (proxy ? proxies : cache).get(key);
        if (n == null) {
            // neigh_get(): "Neighbour entry not found" / pneigh: "Proxy neighbour entry not found"
            throw KErr.of(Errno.ENOENT, proxy ? "Proxy neighbour entry not found" : "Neighbour entry not found");
        }
        return withName(n, dev.index);
    }

    /** neigh_add(). */
    Void modify(RouteVerb verb, Neighbour n, Links.Dev dev) throws KErr {
        boolean create = verb == RouteVerb.ADD || verb == RouteVerb.REPLACE;
        boolean excl = verb == RouteVerb.ADD;
        Key key = key(n, dev.index);
        if (n.lladdr() != null && n.lladdr().split(":").length < 6) {
            throw KErr.of(Errno.EINVAL, "Invalid link address");
        }
        if (n.proxy()) {
            // pneigh_lookup(..., creat=1): an existing entry is updated, whatever the flags
            proxies.put(key, new Neighbour(n.address(), null, dev.index, null, NeighbourState.NONE, n.router(), true,
                    n.externLearn(), n.protocol()));
            return null;
        }
        Neighbour old = cache.get(key);
        if (old == null) {
            if (!create) {
                throw KErr.of(Errno.ENOENT);
            }
        } else if (excl) {
            throw KErr.of(Errno.EEXIST);
        }
        NeighbourState oldState = old == null ? NeighbourState.NONE : old.state();
        String oldLl = old == null ? null : old.lladdr();
        if (old == null) {
            // arp_constructor() / ndisc_constructor(): a new entry starts NOARP with a known address on a device
            // without ARP, for a multicast address, and (IPv4) for an address the local table calls broadcast
            String initial = constructed(n.address(), dev);
            if (initial != null) {
                oldState = NeighbourState.NOARP;
                oldLl = initial;
            }
        }
        String ll = n.lladdr();
        if (ll == null && n.state().valid()) {
            // __neigh_update(): a valid new state keeps the old address; without one there is nothing to keep
            if (!oldState.valid()) {
                throw KErr.of(Errno.EINVAL, "No link layer address given");
            }
            ll = oldLl;
        } else if (ll == null) {
            ll = oldLl;
        }
        boolean router = n.router();
        cache.put(key, new Neighbour(n.address(), null, dev.index, n.state().valid() || n.state() == NeighbourState.NONE
                ? ll : null, n.state(), router, false, n.externLearn(),
                n.protocol() != null ? n.protocol() : old == null ? null : old.protocol()));
        return null;
    }

    /** The link-layer address a new entry gets from its constructor (a NOARP entry), or null (NUD_NONE). */
    private String constructed(InetAddress a, Links.Dev dev) {
        byte[] b = a.getAddress();
        if (dev.loopback() || "dummy".equals(dev.kind)) {
            return dev.mac; // IFF_LOOPBACK / IFF_NOARP
        }
        if (a.isMulticastAddress()) {
            return b.length == 4
                    ? String.format("01:00:5e:%02x:%02x:%02x", b[1] & 0x7f, b[2] & 0xff, b[3] & 0xff)
                    : String.format("33:33:%02x:%02x:%02x:%02x", b[12] & 0xff, b[13] & 0xff, b[14] & 0xff,
                            b[15] & 0xff);
        }
        if (b.length == 4 && type4(a) == io.github.netroute.routing.RouteType.BROADCAST) {
            return "ff:ff:ff:ff:ff:ff";
        }
        return null;
    }

    /**
     * inet_addr_type_dev_table(): broadcast for 0.0.0.0/8 and 255.255.255.255 and while there is no local table
     * (nothing local added yet), else the type of the longest match in table local (main too while the tables are
     * merged), unicast without one.
     */
    private io.github.netroute.routing.RouteType type4(InetAddress a) {
        byte[] b = a.getAddress();
        if (b[0] == 0 || (b[0] & b[1] & b[2] & b[3]) == (byte) 0xff) {
            return io.github.netroute.routing.RouteType.BROADCAST;
        }
        var tables = k.tables(Family.INET);
        if (!tables.containsKey(255L)) {
            return io.github.netroute.routing.RouteType.BROADCAST;
        }
        io.github.netroute.routing.Route best = null;
        for (long id : k.routes4.merged() ? new long[] {255L, 254L} : new long[] {255L}) {
            io.github.netroute.routing.model.FibTable t = tables.get(id);
            if (t == null) {
                continue;
            }
            for (io.github.netroute.routing.Route r : t.routes()) {
                if (r.dst().contains(a) && (best == null || r.dst().length() > best.dst().length())) {
                    best = r;
                }
            }
        }
        return best == null ? io.github.netroute.routing.RouteType.UNICAST : best.type();
    }

    /** neigh_delete(). */
    Void delete(Neighbour n, Links.Dev dev) throws KErr {
        Key key = key(n, dev.index);
        Map<Key, Neighbour> table = n.proxy() ? proxies : cache;
        if (table.remove(key) == null) {
            throw KErr.of(Errno.ENOENT);
        }
        return null;
    }

    /** neigh_ifdown() on NETDEV_DOWN and NETDEV_UNREGISTER: every entry of the device, proxies included. */
    void deviceDown(int ifindex) {
        cache.keySet().removeIf(x -> x.ifindex() == ifindex);
        proxies.keySet().removeIf(x -> x.ifindex() == ifindex);
    }
}
