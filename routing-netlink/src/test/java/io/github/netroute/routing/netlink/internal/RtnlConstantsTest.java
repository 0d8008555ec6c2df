package io.github.netroute.routing.netlink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.netlink.internal.wire.Errno;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NexthopAttr;
import io.github.netroute.routing.netlink.internal.wire.RouteAttr;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every int constant of {@link Netlink}, {@link Rtnl} and {@link Errno}, and every {@link RouteAttr} and
 * {@link NexthopAttr} number, equals the value of the same name in this
 * machine's C headers: a generated C program prints them. Skipped without a C compiler.
 */
class RtnlConstantsTest {
  /** Our own names (sizes, masks written differently) and attributes newer than the installed headers. */
  private static final Set<String> NOT_IN_HEADERS = Set.of("NLMSGERR_SIZE", "SOCKADDR_NL_SIZE", "NLA_TYPE_MASK",
      "RTMSG_SIZE", "FIB_RULE_HDR_SIZE", "IFINFOMSG_SIZE", "NDMSG_SIZE", "IFADDRMSG_SIZE", "RTNEXTHOP_SIZE", "RTGENMSG_SIZE",
      "FRA_DSCP", "FRA_FLOWLABEL", "FRA_FLOWLABEL_MASK", "FRA_SPORT_MASK", "FRA_DPORT_MASK", "FRA_DSCP_MASK");

  @Test
  void constantsMatchTheKernelHeaders(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "needs Linux headers");
    Assumptions.assumeTrue(Files.exists(Path.of("/usr/include/linux/rtnetlink.h")), "needs linux uapi headers");
    Assumptions.assumeTrue(run(dir, "gcc", "--version") != null, "needs gcc");

    Map<String, Integer> ours = new LinkedHashMap<>();
    for (Class<?> c : new Class<?>[] {Netlink.class, Rtnl.class, Errno.class}) {
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (Modifier.isStatic(m) && Modifier.isFinal(m) && Modifier.isPublic(m)
            && (f.getType() == int.class || f.getType() == short.class) && !NOT_IN_HEADERS.contains(f.getName())) {
          ours.put(f.getName(), ((Number) f.get(null)).intValue());
        }
      }
    }
    // the closed attribute types: RouteAttr.X is RTA_X, NexthopAttr.X is NHA_X
    for (RouteAttr a : RouteAttr.values()) {
      if (a != RouteAttr.UNKNOWN) ours.put("RTA_" + a.name(), a.number());
    }
    for (NexthopAttr a : NexthopAttr.values()) {
      if (a != NexthopAttr.UNKNOWN) ours.put("NHA_" + a.name(), a.number());
    }
    StringBuilder c = new StringBuilder("""
        #define _GNU_SOURCE
        #include <errno.h>
        #include <fcntl.h>
        #include <poll.h>
        #include <sched.h>
        #include <stdio.h>
        #include <sys/socket.h>
        #include <linux/netlink.h>
        #include <linux/rtnetlink.h>
        #include <linux/fib_rules.h>
        #include <linux/if.h>
        #include <linux/if_link.h>
        #include <linux/if_addr.h>
        #include <linux/nexthop.h>
        #include <linux/neighbour.h>
        #include <linux/veth.h>
        int main(void) {
        """);
    for (String name : ours.keySet()) c.append("  printf(\"%s %ld\\n\", \"").append(name).append("\", (long) (")
        .append(name).append("));\n");
    c.append("  return 0;\n}\n");
    Files.writeString(dir.resolve("k.c"), c);
    String compiled = run(dir, "gcc", "-o", "k", "k.c");
    assertTrue(compiled != null, "gcc failed on the generated program (a name missing from the headers?)");
    String out = run(dir, dir.resolve("k").toString());
    Map<String, Integer> theirs = new TreeMap<>();
    for (String line : out.split("\n")) {
      if (line.isBlank()) continue;
      String[] p = line.split(" ");
      theirs.put(p[0], (int) Long.parseLong(p[1]));
    }
    assertEquals(new TreeMap<>(ours), theirs);
  }

  /** stdout of the command, or null if it failed (its output is printed). */
  private static String run(Path dir, String... cmd) throws Exception {
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        System.out.println(String.join(" ", cmd) + ":\n" + out);
        return null;
      }
      return out;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
