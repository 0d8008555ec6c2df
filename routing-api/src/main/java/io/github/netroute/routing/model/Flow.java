package io.github.netroute.routing.model;

import io.github.netroute.routing.Family;
import java.net.InetAddress;

/** The kernel's flowi for one lookup, with addresses as bits. Mutable scratch object; not API. */
final class Flow {
    Family family;
    long dstHi;
    long dstLo;
    long srcHi;
    long srcLo;
    boolean hasSrc;
    String iif;
    boolean iifExists = true;
    String oifName;
    int oif;
    long mark;
    int tos;
    int scope;
    int ipProto;
    int sport;
    int dport;
    long uid;
    boolean ignoreLinkState;
    /** Whether an answer reports the uid (RTA_UID): not for an input-path lookup that gave none. */
    boolean uidShown = true;
    /** The uid the answer carries (RTA_UID), when it is not the one rules matched (the IPv4 input path). */
    long shownUid;
    /** An IPv6 input lookup strict on its input device (RT6_LOOKUP_F_IFACE for a link-local destination); 0: not. */
    int strictDev;
    /** fib6_lookup (not fib6_rule_lookup): a reject route, throw included, that a table returns ends the rule walk. */
    boolean rejectEnds;

    static Flow of(Family family, InetAddress dst) {
        Flow f = new Flow();
        f.family = family;
        f.dstHi = Bits.hi(dst);
        f.dstLo = Bits.lo(dst);
        return f;
    }

    void src(InetAddress src) {
        if (src != null) {
            srcHi = Bits.hi(src);
            srcLo = Bits.lo(src);
            hasSrc = srcHi != 0 || srcLo != 0;
        }
    }
}
