package io.github.netroute.routing.netlink.internal;

import static io.github.netroute.routing.netlink.internal.wire.Netlink.*;
import static io.github.netroute.routing.netlink.internal.wire.Rtnl.*;

import io.github.netroute.routing.netlink.internal.sys.BatchResult;
import io.github.netroute.routing.netlink.internal.sys.NetlinkSocket;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.RouteAttr;
import io.github.netroute.routing.netlink.internal.wire.RtMsg;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.nio.file.Path;

/**
 * Manual benchmark (not a test): {@code BatchBench NETNS N [rounds]} installs N routes like nlfloor.c into table 100
 * of /run/netns/NETNS, dumps them, deletes them, per round; prints install_s and dump_s of the last round.
 */
public final class BatchBench {
  public static void main(String[] args) throws Exception {
    Path ns = Path.of("/run/netns", args[0]);
    int n = Integer.parseInt(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    try (NetlinkSocket s = NetlinkSocket.open(ns)) {
      AttrWriter add = new AttrWriter(n * 44);
      AttrWriter del = new AttrWriter(n * 36);
      AttrWriter dump = new AttrWriter();
      dump.beginMessage(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP);
      new RtMsg(AF_INET, 0, 0, 0, 0, 0, 0, 0, 0).writeTo(dump);
      dump.endMessage();
      for (int r = 0; r < rounds; r++) {
        add.reset();
        del.reset();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          add.beginMessage(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK);
          add.putU8(AF_INET).putU8(24).putU8(0).putU8(0).putU8(100).putU8(RTPROT_BOOT).putU8(0).putU8(RTN_UNICAST)
              .putU32(0);
          add.ipv4(RouteAttr.DST.number(), ((10 + (i >> 16)) << 24) | (((i >> 8) & 255) << 16) | ((i & 255) << 8));
          add.ipv4(RouteAttr.GATEWAY.number(), 0xC0A80101);
          add.endMessage();
        }
        BatchResult br = s.batch(add);
        long t1 = System.nanoTime();
        int[] count = {0};
        s.exchange(dump, m -> {
          if (m.type() == RTM_NEWROUTE) count[0]++;
        });
        long t2 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          del.beginMessage(RTM_DELROUTE, NLM_F_REQUEST);
          new RtMsg(AF_INET, 24, 0, 0, 100, 0, RT_SCOPE_NOWHERE, 0, 0).writeTo(del);
          del.ipv4(RouteAttr.DST.number(), ((10 + (i >> 16)) << 24) | (((i >> 8) & 255) << 16) | ((i & 255) << 8));
          del.endMessage();
        }
        BatchResult dr = r == rounds - 1 ? null : s.batch(del);
        System.out.printf("round %d: install %.4f s (%d failures), dump %.4f s (%d routes)%s%n", r, (t1 - t0) / 1e9,
            br.failures(), (t2 - t1) / 1e9, count[0], dr == null ? "" : ", delete failures " + dr.failures());
        if (r == rounds - 1) {
          System.out.printf("install_s %.4f%ndump_s %.4f%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        }
      }
    }
  }
}
