package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One family's addresses: every device's address list (by ifindex, in the kernel's order, as ip addr shows them)
 * and the count of each local address (how many devices have it: inet_addr_type / __ip_dev_find, ipv6_chk_addr).
 * {@link V4Addresses} and {@link V6Addresses} add their family's rules on top.
 */
abstract class AddressTable {
    final KernelState k;
    /** ifindex -> the device's addresses. */
    final TreeMap<Integer, List<Address>> byDev = new TreeMap<>();
    /** address -> how many devices have it. */
    private final Map<InetAddress, Integer> local = new HashMap<>();

    AddressTable(KernelState k) {
        this.k = k;
    }

    /** A copy of {@code o}'s addresses (each list copied; addresses are immutable) for the namespace {@code k}. */
    AddressTable(KernelState k, AddressTable o) {
        this.k = k;
        o.byDev.forEach((i, l) -> byDev.put(i, new ArrayList<>(l)));
        local.putAll(o.local);
    }

    /** The device's addresses (live; empty if none). */
    final List<Address> of(int ifindex) {
        List<Address> l = byDev.get(ifindex);
        return l == null ? List.of() : l;
    }

    final List<Address> of(Links.Dev d) {
        return of(d.index);
    }

    final List<Address> listOf(Links.Dev d) {
        return byDev.computeIfAbsent(d.index, i -> new ArrayList<>());
    }

    /** Every address, by device index. */
    final List<Address> all() {
        List<Address> out = new ArrayList<>();
        byDev.values().forEach(out::addAll);
        return out;
    }

    final boolean isLocal(InetAddress a) {
        return local.containsKey(a);
    }

    final void addLocal(InetAddress a) {
        local.merge(a, 1, Integer::sum);
    }

    final void removeLocal(InetAddress a) {
        local.computeIfPresent(a, (x, n) -> n == 1 ? null : n - 1);
    }
}
