package io.github.netroute.examples.ip;

import io.github.netroute.routing.IpAddresses;
import io.github.netroute.routing.Link;
import io.github.netroute.routing.LinkData;
import io.github.netroute.routing.LinkData.Bridge;
import io.github.netroute.routing.LinkData.BridgePort;
import io.github.netroute.routing.LinkData.Macvlan;
import io.github.netroute.routing.LinkData.Vxlan;
import io.github.netroute.routing.LinkDetails;
import java.net.InetAddress;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * What {@code ip -details} prints of a link after its {@code link/ether ... brd ...} (iproute2 6.1
 * ip/ipaddress.c print_linkinfo() under show_details, print_linktype(), print_af_spec(), and the kinds'
 * print_opt(): ip/iplink_bridge.c, iplink_bridge_slave.c, iplink_vxlan.c, iplink_macvlan.c; link_veth.c has none),
 * written once for text and JSON as iproute2 writes both from the same calls ({@link Sink}).
 */
final class LinkDetailsFormat {
    private LinkDetailsFormat() {}

    /**
     * iproute2's print_* calls: text for the {@code FILE *}, or keys and values for the JSON writer. A text
     * argument null is PRINT_JSON only; a key null is PRINT_FP only.
     */
    interface Sink {
        /** A number (print_uint/print_int/print_luint). */
        void number(String key, String text, long v);

        /** A string (print_string, print_0xhex in JSON). */
        void string(String key, String text, String v);

        /** A JSON literal (a bool, a timer {@code 0.00}). */
        void literal(String key, String text, String json);

        /** open_json_object(key). */
        void open(String key);

        /** close_json_object(). */
        void close();

        /** print_nl(): a new line in text. */
        void nl();
    }

    /** Text into a StringBuilder ({@code nl} writes "\n"; the oneline printer turns it into its separator). */
    static final class Text implements Sink {
        final StringBuilder sb = new StringBuilder();

        @Override
        public void number(String key, String text, long v) {
            if (text != null) {
                sb.append(text);
            }
        }

        @Override
        public void string(String key, String text, String v) {
            if (text != null) {
                sb.append(text);
            }
        }

        @Override
        public void literal(String key, String text, String json) {
            if (text != null) {
                sb.append(text);
            }
        }

        @Override
        public void open(String key) {}

        @Override
        public void close() {}

        @Override
        public void nl() {
            sb.append('\n');
        }
    }

    /** JSON through the printer's writer. */
    static final class Json implements Sink {
        private final JsonWriter j;

        Json(JsonWriter j) {
            this.j = j;
        }

        @Override
        public void number(String key, String text, long v) {
            if (key != null) {
                j.number(key, v);
            }
        }

        @Override
        public void string(String key, String text, String v) {
            if (key != null) {
                j.field(key, v);
            }
        }

        @Override
        public void literal(String key, String text, String json) {
            if (key != null) {
                j.name(key);
                j.raw(json);
            }
        }

        @Override
        public void open(String key) {
            j.name(key);
            j.startObject();
        }

        @Override
        public void close() {
            j.endObject();
        }

        @Override
        public void nl() {}
    }

    /**
     * print_linkinfo() under show_details, from {@code promiscuity} to {@code gro_max_size}.
     *
     * @param doLink whether the run listed links (iproute2's do_link): only then the addrgenmode is printed
     */
    static void details(Sink s, Link l, boolean doLink, IntFunction<Link> links) {
        LinkDetails d = l.details();
        if (d.promiscuity() >= 0) {
            s.number("promiscuity", " promiscuity " + d.promiscuity() + " ", d.promiscuity());
        }
        if (d.allmulti() >= 0) {
            s.number("allmulti", " allmulti " + d.allmulti() + " ", d.allmulti());
        }
        if (d.minMtu() >= 0) {
            s.number("min_mtu", "minmtu " + d.minMtu() + " ", d.minMtu());
        }
        if (d.maxMtu() >= 0) {
            s.number("max_mtu", "maxmtu " + d.maxMtu() + " ", d.maxMtu());
        }
        if (l.linkKind() != null || d.slaveData() != null) {
            linkType(s, l, links);
        }
        if (doLink && d.addrGenMode() >= 0) {
            int m = d.addrGenMode();
            String mode = m == 0 ? "eui64" : m == 1 ? "none" : m == 2 ? "stable_secret" : m == 3 ? "random"
                    : String.format("0x%02x", m);
            s.string("inet6_addr_gen_mode", "addrgenmode " + mode + " ", mode);
        }
        number(s, "num_tx_queues", "numtxqueues", d.numTxQueues());
        number(s, "num_rx_queues", "numrxqueues", d.numRxQueues());
        number(s, "gso_max_size", "gso_max_size", d.gsoMaxSize());
        number(s, "gso_max_segs", "gso_max_segs", d.gsoMaxSegs());
        number(s, "tso_max_size", "tso_max_size", d.tsoMaxSize());
        number(s, "tso_max_segs", "tso_max_segs", d.tsoMaxSegs());
        number(s, "gro_max_size", "gro_max_size", d.groMaxSize());
        // iproute2 6.1 prints no gso_ipv4_max_size / gro_ipv4_max_size (added in 6.3)
        if (d.parentBus() != null) {
            s.string("parentbus", "parentbus " + d.parentBus() + " ", d.parentBus());
        }
        if (d.parentDev() != null) {
            s.string("parentdev", "parentdev " + d.parentDev() + " ", d.parentDev());
        }
    }

    private static void number(Sink s, String key, String word, int v) {
        if (v >= 0) {
            s.number(key, word + " " + Integer.toUnsignedString(v) + " ", Integer.toUnsignedLong(v));
        }
    }

    /** print_linktype(): the kind's line and the slave kind's line. */
    private static void linkType(Sink s, Link l, IntFunction<Link> links) {
        LinkDetails d = l.details();
        s.open("linkinfo");
        if (l.linkKind() != null) {
            String kind = l.linkKind().name();
            s.nl();
            s.string("info_kind", "    " + kind + " ", kind);
            // the kinds with a print_opt: an info_data object even when the kernel sent no IFLA_INFO_DATA
            boolean printOpt = kind.equals("bridge") || kind.equals("vxlan") || kind.equals("macvlan");
            if (printOpt) {
                s.open("info_data");
                LinkData data = d.data();
                if (data != null) {
                    switch (kind) {
                        case "bridge" -> bridge(s, data);
                        case "vxlan" -> vxlan(s, data, links);
                        default -> macvlan(s, data);
                    }
                }
                s.close();
            }
        }
        if (d.slaveData() != null) {
            String slave = d.slaveData().kind();
            s.nl();
            s.string("info_slave_kind", "    " + slave + "_slave ", slave);
            if (slave.equals("bridge")) {
                s.open("info_slave_data");
                bridgePort(s, d.slaveData(), links);
                s.close();
            }
        }
        s.close();
    }

    private static void u(Sink s, LinkData d, int type, String key, String word) {
        if (d.has(type)) {
            long v = d.number(type).orElse(0);
            s.number(key, word + " " + v + " ", v);
        }
    }

    /** print_0xhex(): text {@code %#llx} (0 is "0"), a JSON string of the same. */
    private static void hex(Sink s, LinkData d, int type, String key, String word) {
        if (d.has(type)) {
            long v = d.number(type).orElse(0);
            String h = v == 0 ? "0" : "0x" + Long.toHexString(v);
            s.string(key, word + " " + h + " ", h);
        }
    }

    /** print_on_off(): text on/off, a JSON bool. */
    private static void onOff(Sink s, LinkData d, int type, String key, String word) {
        if (d.has(type)) {
            boolean on = d.number(type).orElse(0) != 0;
            s.literal(key, word + " " + (on ? "on" : "off") + " ", Boolean.toString(on));
        }
    }

    /** _bridge_print_timer(): centiseconds as {@code %4i.%.2i} in text, {@code %i.%.2i} in JSON. */
    private static void timer(Sink s, LinkData d, int type, String key) {
        if (d.has(type)) {
            long cs = d.number(type).orElse(0);
            String sec = Long.toString(cs / 100);
            String frac = String.format(Locale.ROOT, "%02d", cs % 100);
            s.literal(key, key + " " + " ".repeat(Math.max(0, 4 - sec.length())) + sec + "." + frac + " ",
                    sec + "." + frac);
        }
    }

    /** br_dump_bridge_id(): {@code %.2x%.2x.} and ether_ntoa_r() (no leading zeros). */
    private static String bridgeId(byte[] id) {
        if (id.length < 8) {
            return "";
        }
        StringBuilder b = new StringBuilder(String.format("%02x%02x.", id[0] & 0xFF, id[1] & 0xFF));
        for (int i = 2; i < 8; i++) {
            b.append(i > 2 ? ":" : "").append(Integer.toHexString(id[i] & 0xFF));
        }
        return b.toString();
    }

    private static String mac(byte[] m) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < m.length; i++) {
            b.append(i > 0 ? ":" : "").append(String.format("%02x", m[i] & 0xFF));
        }
        return b.toString();
    }

    private static void bridge(Sink s, LinkData d) {
        u(s, d, Bridge.FORWARD_DELAY, "forward_delay", "forward_delay");
        u(s, d, Bridge.HELLO_TIME, "hello_time", "hello_time");
        u(s, d, Bridge.MAX_AGE, "max_age", "max_age");
        u(s, d, Bridge.AGEING_TIME, "ageing_time", "ageing_time");
        u(s, d, Bridge.STP_STATE, "stp_state", "stp_state");
        u(s, d, Bridge.PRIORITY, "priority", "priority");
        u(s, d, Bridge.VLAN_FILTERING, "vlan_filtering", "vlan_filtering");
        if (d.has(Bridge.VLAN_PROTOCOL)) {
            long p = d.number(Bridge.VLAN_PROTOCOL).orElse(0);
            String v = p == 0x8100 ? "802.1Q" : p == 0x88a8 ? "802.1ad" : String.format("0x%04x", p);
            s.string("vlan_protocol", "vlan_protocol " + v + " ", v);
        }
        d.bytes(Bridge.BRIDGE_ID).ifPresent(id -> s.string("bridge_id", "bridge_id " + bridgeId(id) + " ",
                bridgeId(id)));
        if (d.has(Bridge.ROOT_ID)) {
            // iproute2 6.1 prints IFLA_BR_BRIDGE_ID here (br_dump_bridge_id(RTA_DATA(tb[IFLA_BR_BRIDGE_ID])))
            String root = bridgeId(d.bytes(Bridge.BRIDGE_ID).orElse(new byte[0]));
            s.string("root_id", "designated_root " + root + " ", root);
        }
        u(s, d, Bridge.ROOT_PORT, "root_port", "root_port");
        u(s, d, Bridge.ROOT_PATH_COST, "root_path_cost", "root_path_cost");
        u(s, d, Bridge.TOPOLOGY_CHANGE, "topology_change", "topology_change");
        u(s, d, Bridge.TOPOLOGY_CHANGE_DETECTED, "topology_change_detected", "topology_change_detected");
        timer(s, d, Bridge.HELLO_TIMER, "hello_timer");
        timer(s, d, Bridge.TCN_TIMER, "tcn_timer");
        timer(s, d, Bridge.TOPOLOGY_CHANGE_TIMER, "topology_change_timer");
        timer(s, d, Bridge.GC_TIMER, "gc_timer");
        u(s, d, Bridge.VLAN_DEFAULT_PVID, "vlan_default_pvid", "vlan_default_pvid");
        u(s, d, Bridge.VLAN_STATS_ENABLED, "vlan_stats_enabled", "vlan_stats_enabled");
        u(s, d, Bridge.VLAN_STATS_PER_PORT, "vlan_stats_per_port", "vlan_stats_per_port");
        hex(s, d, Bridge.GROUP_FWD_MASK, "group_fwd_mask", "group_fwd_mask");
        d.bytes(Bridge.GROUP_ADDR).ifPresent(m -> s.string("group_addr", "group_address " + mac(m) + " ", mac(m)));
        u(s, d, Bridge.MCAST_SNOOPING, "mcast_snooping", "mcast_snooping");
        if (d.has(Bridge.MULTI_BOOLOPT)) {
            long v = d.number(Bridge.MULTI_BOOLOPT).orElse(0);
            long val = v & 0xFFFFFFFFL;
            long mask = v >>> 32;
            if ((mask & 1) != 0) {
                s.number("no_linklocal_learn", "no_linklocal_learn " + (val & 1) + " ", val & 1);
            }
            if ((mask & 2) != 0) {
                s.number("mcast_vlan_snooping", "mcast_vlan_snooping " + (val >> 1 & 1) + " ", val >> 1 & 1);
            }
        }
        u(s, d, Bridge.MCAST_ROUTER, "mcast_router", "mcast_router");
        u(s, d, Bridge.MCAST_QUERY_USE_IFADDR, "mcast_query_use_ifaddr", "mcast_query_use_ifaddr");
        u(s, d, Bridge.MCAST_QUERIER, "mcast_querier", "mcast_querier");
        u(s, d, Bridge.MCAST_HASH_ELASTICITY, "mcast_hash_elasticity", "mcast_hash_elasticity");
        u(s, d, Bridge.MCAST_HASH_MAX, "mcast_hash_max", "mcast_hash_max");
        u(s, d, Bridge.MCAST_LAST_MEMBER_CNT, "mcast_last_member_cnt", "mcast_last_member_count");
        u(s, d, Bridge.MCAST_STARTUP_QUERY_CNT, "mcast_startup_query_cnt", "mcast_startup_query_count");
        u(s, d, Bridge.MCAST_LAST_MEMBER_INTVL, "mcast_last_member_intvl", "mcast_last_member_interval");
        u(s, d, Bridge.MCAST_MEMBERSHIP_INTVL, "mcast_membership_intvl", "mcast_membership_interval");
        u(s, d, Bridge.MCAST_QUERIER_INTVL, "mcast_querier_intvl", "mcast_querier_interval");
        u(s, d, Bridge.MCAST_QUERY_INTVL, "mcast_query_intvl", "mcast_query_interval");
        u(s, d, Bridge.MCAST_QUERY_RESPONSE_INTVL, "mcast_query_response_intvl", "mcast_query_response_interval");
        u(s, d, Bridge.MCAST_STARTUP_QUERY_INTVL, "mcast_startup_query_intvl", "mcast_startup_query_interval");
        u(s, d, Bridge.MCAST_STATS_ENABLED, "mcast_stats_enabled", "mcast_stats_enabled");
        u(s, d, Bridge.MCAST_IGMP_VERSION, "mcast_igmp_version", "mcast_igmp_version");
        u(s, d, Bridge.MCAST_MLD_VERSION, "mcast_mld_version", "mcast_mld_version");
        u(s, d, Bridge.NF_CALL_IPTABLES, "nf_call_iptables", "nf_call_iptables");
        u(s, d, Bridge.NF_CALL_IP6TABLES, "nf_call_ip6tables", "nf_call_ip6tables");
        u(s, d, Bridge.NF_CALL_ARPTABLES, "nf_call_arptables", "nf_call_arptables");
    }

    private static final String[] PORT_STATES = {"disabled", "listening", "learning", "forwarding", "blocking"};
    private static final String[] FWD_MASK = {"stp", null, "lacp", null, null, null, null, null, null, null, null,
        null, null, null, "lldp", null};

    private static void bridgePort(Sink s, LinkData d, IntFunction<Link> links) {
        if (d.has(BridgePort.STATE)) {
            int st = (int) d.number(BridgePort.STATE).orElse(0);
            if (st < PORT_STATES.length) {
                s.string("state", "state " + PORT_STATES[st] + " ", PORT_STATES[st]);
            } else {
                s.number("state_index", "state (" + st + ") ", st);
            }
        }
        u(s, d, BridgePort.PRIORITY, "priority", "priority");
        u(s, d, BridgePort.COST, "cost", "cost");
        onOff(s, d, BridgePort.MODE, "hairpin", "hairpin");
        onOff(s, d, BridgePort.GUARD, "guard", "guard");
        onOff(s, d, BridgePort.PROTECT, "root_block", "root_block");
        onOff(s, d, BridgePort.FAST_LEAVE, "fastleave", "fastleave");
        onOff(s, d, BridgePort.LEARNING, "learning", "learning");
        onOff(s, d, BridgePort.UNICAST_FLOOD, "flood", "flood");
        hex(s, d, BridgePort.ID, "id", "port_id");
        hex(s, d, BridgePort.NO, "no", "port_no");
        u(s, d, BridgePort.DESIGNATED_PORT, "designated_port", "designated_port");
        u(s, d, BridgePort.DESIGNATED_COST, "designated_cost", "designated_cost");
        d.bytes(BridgePort.BRIDGE_ID).ifPresent(id -> s.string("bridge_id", "designated_bridge " + bridgeId(id)
                + " ", bridgeId(id)));
        d.bytes(BridgePort.ROOT_ID).ifPresent(id -> s.string("root_id", "designated_root " + bridgeId(id) + " ",
                bridgeId(id)));
        timer(s, d, BridgePort.HOLD_TIMER, "hold_timer");
        timer(s, d, BridgePort.MESSAGE_AGE_TIMER, "message_age_timer");
        timer(s, d, BridgePort.FORWARD_DELAY_TIMER, "forward_delay_timer");
        u(s, d, BridgePort.TOPOLOGY_CHANGE_ACK, "topology_change_ack", "topology_change_ack");
        u(s, d, BridgePort.CONFIG_PENDING, "config_pending", "config_pending");
        onOff(s, d, BridgePort.PROXYARP, "proxy_arp", "proxy_arp");
        onOff(s, d, BridgePort.PROXYARP_WIFI, "proxy_arp_wifi", "proxy_arp_wifi");
        u(s, d, BridgePort.MULTICAST_ROUTER, "multicast_router", "mcast_router");
        if (d.has(BridgePort.FAST_LEAVE)) {
            s.string(null, "mcast_fast_leave " + (d.number(BridgePort.FAST_LEAVE).orElse(0) != 0 ? "on" : "off")
                    + " ", null);
        }
        onOff(s, d, BridgePort.MCAST_FLOOD, "mcast_flood", "mcast_flood");
        onOff(s, d, BridgePort.BCAST_FLOOD, "bcast_flood", "bcast_flood");
        onOff(s, d, BridgePort.MCAST_TO_UCAST, "mcast_to_unicast", "mcast_to_unicast");
        onOff(s, d, BridgePort.NEIGH_SUPPRESS, "neigh_suppress", "neigh_suppress");
        if (d.has(BridgePort.GROUP_FWD_MASK)) {
            hex(s, d, BridgePort.GROUP_FWD_MASK, "group_fwd_mask", "group_fwd_mask");
            int m = (int) d.number(BridgePort.GROUP_FWD_MASK).orElse(0);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                if ((m & 1 << i) != 0) {
                    b.append(b.length() > 0 ? "," : "").append(FWD_MASK[i] != null ? FWD_MASK[i]
                            : String.format("0x%x", 1 << i));
                }
            }
            String str = b.length() == 0 ? "0x0" : b.toString();
            s.string("group_fwd_mask_str", "group_fwd_mask_str " + str + " ", str);
        }
        onOff(s, d, BridgePort.VLAN_TUNNEL, "vlan_tunnel", "vlan_tunnel");
        onOff(s, d, BridgePort.ISOLATED, "isolated", "isolated");
        onOff(s, d, BridgePort.LOCKED, "locked", "locked");
        if (d.has(BridgePort.BACKUP_PORT)) {
            int i = (int) d.number(BridgePort.BACKUP_PORT).orElse(0);
            Link b = links.apply(i);
            String n = b == null ? "if" + i : b.name();
            s.string("backup_port", "backup_port " + n + " ", n);
        }
    }

    private static boolean flag(LinkData d, int type) {
        return d.has(type) && d.number(type).orElse(1) != 0;
    }

    private static void vxlan(Sink s, LinkData d, IntFunction<Link> links) {
        if (flag(d, Vxlan.COLLECT_METADATA)) {
            s.literal("external", "external ", "true");
        }
        if (flag(d, Vxlan.VNIFILTER)) {
            s.literal("vnifilter", "vnifilter", "true");
        }
        u(s, d, Vxlan.ID, "id", "id");
        if (d.has(Vxlan.GROUP)) {
            InetAddress a = d.address(Vxlan.GROUP).orElse(null);
            if (a != null && !a.isAnyLocalAddress()) {
                String t = IpAddresses.format(a);
                String key = a.isMulticastAddress() ? "group" : "remote";
                s.string(key, key + " " + t + " ", t);
            }
        } else if (d.has(Vxlan.GROUP6)) {
            InetAddress a = d.address(Vxlan.GROUP6).orElse(null);
            if (a != null && !a.isAnyLocalAddress()) {
                String t = IpAddresses.format(a);
                boolean mc = a.isMulticastAddress();
                s.string(mc ? "group6" : "remote6", (mc ? "group " : "remote ") + t + " ", t);
            }
        }
        if (d.has(Vxlan.LOCAL)) {
            InetAddress a = d.address(Vxlan.LOCAL).orElse(null);
            if (a != null && !a.isAnyLocalAddress()) {
                String t = IpAddresses.format(a);
                s.string("local", "local " + t + " ", t);
            }
        } else if (d.has(Vxlan.LOCAL6)) {
            InetAddress a = d.address(Vxlan.LOCAL6).orElse(null);
            if (a != null && !a.isAnyLocalAddress()) {
                String t = IpAddresses.format(a);
                s.string("local6", "local " + t + " ", t);
            }
        }
        if (d.has(Vxlan.LINK)) {
            int i = (int) d.number(Vxlan.LINK).orElse(0);
            if (i != 0) {
                Link l = links.apply(i);
                String n = l == null ? "if" + i : l.name();
                s.string("link", "dev " + n + " ", n);
            }
        }
        if (d.has(Vxlan.PORT_RANGE)) {
            long r = d.number(Vxlan.PORT_RANGE).orElse(0);
            long low = r >>> 16 & 0xFFFF;
            long high = r & 0xFFFF;
            s.open("port_range");
            s.number("low", null, low);
            s.number("high", null, high);
            s.close();
            s.string(null, "srcport " + low + " " + high + " ", null);
        }
        u(s, d, Vxlan.PORT, "port", "dstport");
        if (d.has(Vxlan.LEARNING)) {
            boolean learning = d.number(Vxlan.LEARNING).orElse(1) != 0;
            s.literal("learning", learning ? null : "nolearning ", Boolean.toString(learning));
        }
        if (flag(d, Vxlan.PROXY)) {
            s.literal("proxy", "proxy ", "true");
        }
        if (flag(d, Vxlan.RSC)) {
            s.literal("rsc", "rsc ", "true");
        }
        if (flag(d, Vxlan.L2MISS)) {
            s.literal("l2miss", "l2miss ", "true");
        }
        if (flag(d, Vxlan.L3MISS)) {
            s.literal("l3miss", "l3miss ", "true");
        }
        long tos = d.number(Vxlan.TOS).orElse(0);
        if (tos != 0) {
            String h = "0x" + Long.toHexString(tos);
            s.string("tos", tos == 1 ? "tos inherit " : "tos " + h + " ", h);
        }
        if (flag(d, Vxlan.TTL_INHERIT)) {
            s.string(null, "ttl inherit ", null);
        } else if (d.has(Vxlan.TTL)) {
            long ttl = d.number(Vxlan.TTL).orElse(0);
            s.number("ttl", ttl == 0 ? "ttl auto " : "ttl " + ttl + " ", ttl);
        }
        if (d.has(Vxlan.DF)) {
            long df = d.number(Vxlan.DF).orElse(0);
            if (df == 0) {
                s.string("df", null, "unset");
            } else if (df == 1) {
                s.string("df", "df set ", "set");
            } else if (df == 2) {
                s.string("df", "df inherit ", "inherit");
            }
        }
        long label = d.number(Vxlan.LABEL).orElse(0);
        if (label != 0) {
            String h = "0x" + Long.toHexString(label);
            s.string("label", "flowlabel " + h + " ", h);
        }
        if (d.has(Vxlan.AGEING)) {
            long age = d.number(Vxlan.AGEING).orElse(0);
            s.number("ageing", age == 0 ? "ageing none " : "ageing " + age + " ", age);
        }
        long max = d.number(Vxlan.LIMIT).orElse(0);
        if (max != 0) {
            s.number("limit", "maxaddr " + max + " ", max);
        }
        csum(s, d, Vxlan.UDP_CSUM, "udp_csum", "udpcsum ");
        csum(s, d, Vxlan.UDP_ZERO_CSUM6_TX, "udp_zero_csum6_tx", "udp6zerocsumtx ");
        csum(s, d, Vxlan.UDP_ZERO_CSUM6_RX, "udp_zero_csum6_rx", "udp6zerocsumrx ");
        if (flag(d, Vxlan.REMCSUM_TX)) {
            s.literal("remcsum_tx", "remcsumtx ", "true");
        }
        if (flag(d, Vxlan.REMCSUM_RX)) {
            s.literal("remcsum_rx", "remcsumrx ", "true");
        }
        if (d.has(Vxlan.GBP)) {
            s.literal("gbp", "gbp ", "true");
        }
        if (d.has(Vxlan.GPE)) {
            s.literal("gpe", "gpe ", "true");
        }
    }

    private static void csum(Sink s, LinkData d, int type, String key, String word) {
        if (d.has(type)) {
            boolean on = d.number(type).orElse(0) != 0;
            s.literal(key, (on ? "" : "no") + word, Boolean.toString(on));
        }
    }

    private static void macvlan(Sink s, LinkData d) {
        if (!d.has(Macvlan.MODE)) {
            return;
        }
        long mode = d.number(Macvlan.MODE).orElse(0);
        String m = mode == 1 ? "private" : mode == 2 ? "vepa" : mode == 4 ? "bridge" : mode == 8 ? "passthru"
                : mode == 16 ? "source" : "unknown";
        s.string("mode", "mode " + m + " ", m);
        long flags = d.number(Macvlan.FLAGS).orElse(0);
        if ((flags & 1) != 0) {
            s.literal("nopromisc", "nopromisc ", "true");
        }
        if ((flags & 2) != 0) {
            s.literal("nodst", "nodst ", "true");
        }
        u(s, d, Macvlan.BC_QUEUE_LEN, "bcqueuelen", "bcqueuelen");
        u(s, d, Macvlan.BC_QUEUE_LEN_USED, "usedbcqueuelen", "usedbcqueuelen");
        if (mode == 16 && d.has(Macvlan.MACADDR_COUNT)) {
            long n = d.number(Macvlan.MACADDR_COUNT).orElse(0);
            s.number("macaddr_count", "remotes (" + n + ") ", n);
        }
    }
}
