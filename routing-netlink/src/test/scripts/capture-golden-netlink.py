#!/usr/bin/env python3
"""Capture golden rtnetlink bytes exchanged by the real `ip` (iproute2) and the real kernel.

For every fixture: create a throwaway netns (fx-gold-<pid>-<n>), build the base state, run the
fixture's setup commands, wait for the kernel to settle, then run the fixture command under
  strace -f -xx -s 65535 -e trace=sendmsg,sendto,recvmsg -e write=all -e read=all
(the write=/read= sets make strace print a full hex dump of every sent/received buffer, which is
what we parse: strace's structured netlink decoding is ignored). Writes
routing-netlink/src/test/resources/golden/<name>.txt and golden/INDEX.md.

Usage: routing-netlink/src/test/scripts/capture-golden-netlink.py [fixture-name-substring ...]   (root required)
"""
import errno, os, re, socket, struct, subprocess, sys, tempfile, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../.."))
OUT = os.path.join(ROOT, 'routing-netlink/src/test/resources/golden')
IP = os.environ.get('IP', 'ip')

BASE = [
    'link set lo up',
    'link add br0 type bridge', 'link set br0 up',
    'addr add 192.168.1.2/24 dev br0', 'addr add 2001:db8:1::2/64 dev br0 nodad',
    'link add br1 type bridge', 'link set br1 up',
    'addr add 192.168.2.2/24 dev br1', 'addr add 2001:db8:2::2/64 dev br1 nodad',
    'link add brdown type bridge', 'addr add 172.16.5.1/24 dev brdown',
]
BASE_DESC = ('base: ' + '; '.join('ip ' + c for c in BASE) +
             ' (sysctl net.ipv6.conf.{default,all}.addr_gen_mode=1 first; bridges without ports have carrier)')

# (name, setup commands (ip args, '-6 ...' allowed), command (ip args), note)
F = []
def fx(name, cmd, setup=(), note=''):
    F.append((name, list(setup), cmd, note))

R4 = 'route add 10.10.0.0/16 via 192.168.1.1'
R6 = '-6 route add 2001:db8:10::/48 via 2001:db8:1::1'
# ---- IPv4 routes
fx('route-add-v4-gw', 'route add 10.10.0.0/16 via 192.168.1.1', note='RTA_DST, RTA_GATEWAY; no RTA_OIF (gateway only)')
fx('route-add-v4-dev', 'route add 10.11.0.0/16 dev br0', note='device-only unicast: iproute2 sets scope link; RTA_OIF')
fx('route-add-v4-gw-dev-metric', 'route add 10.12.0.0/16 via 192.168.1.1 dev br0 metric 100', note='RTA_PRIORITY')
fx('route-add-v4-default', 'route add default via 192.168.1.1', note='dst_len 0, no RTA_DST')
fx('route-add-v4-unicast-explicit', 'route add unicast 10.13.0.0/16 via 192.168.1.1 proto static', note='rtm_protocol 4')
fx('route-add-v4-blackhole', 'route add blackhole 10.40.0.0/16', note='rtm_type 6')
fx('route-add-v4-unreachable', 'route add unreachable 10.41.0.0/16', note='rtm_type 7')
fx('route-add-v4-prohibit', 'route add prohibit 10.42.0.0/16', note='rtm_type 8')
fx('route-add-v4-throw', 'route add throw 10.43.0.0/16', note='rtm_type 9')
fx('route-add-v4-local', 'route add local 10.31.0.0/16 dev br0', note='rtm_type 2, table local (255), scope host')
fx('route-add-v4-local-src', 'route add local 10.96.0.0/12 dev br0 scope host src 192.168.1.2', note='kube-ipvs0 style: RTA_PREFSRC')
fx('route-add-v4-broadcast', 'route add broadcast 10.33.0.255 dev br0', note='rtm_type 3, table local, scope link')
fx('route-add-v4-anycast', 'route add anycast 10.34.0.0 dev br0', note='rtm_type 4, table local, scope link')
fx('route-add-v4-multicast', 'route add multicast 224.1.0.0/16 dev br0', note='rtm_type 5, table main, scope link')
fx('route-add-v4-nat', 'route add nat 10.50.0.1 scope nowhere', note='rtm_type 10, table local, scope 255')
fx('route-add-v4-nat-einval-scope', 'route add nat 10.50.0.2', note='nat with iproute2 default scope host: EINVAL "Invalid scope."')
fx('route-add-v4-table1000', 'route add 10.14.0.0/16 via 192.168.1.1 table 1000', note='table >= 256: rtm_table 0 (RT_TABLE_UNSPEC) + RTA_TABLE 1000')
fx('route-add-v4-table-max', 'route add 10.14.0.0/16 via 192.168.1.1 table 4294967295', note='RTA_TABLE 0xffffffff')
fx('route-add-v4-table-main-explicit', 'route add 10.14.0.0/16 via 192.168.1.1 table main', note='table < 256: rtm_table 254 only, no RTA_TABLE')
fx('route-add-v4-tos', 'route add 10.16.0.0/16 via 192.168.1.1 tos 0x10', note='rtm_tos 0x10')
fx('route-add-v4-onlink', 'route add 10.17.0.0/16 via 10.99.0.1 dev br0 onlink', note='rtm_flags RTNH_F_ONLINK (4)')
fx('route-add-v4-src', 'route add 10.18.0.0/16 via 192.168.1.1 src 192.168.1.2', note='RTA_PREFSRC')
fx('route-add-v4-proto-scope', 'route add 10.19.0.0/16 dev br0 proto 99 scope 50 metric 7', note='numeric proto/scope')
fx('route-add-v4-proto-bird', 'route add 10.19.0.0/16 via 192.168.1.1 proto bird', note='rtm_protocol 12')
fx('route-add-v4-realm', 'route add 10.20.0.0/16 via 192.168.1.1 realm 5', note='RTA_FLOW')
fx('route-add-v4-metrics-mtu-advmss', 'route add 10.70.0.0/16 via 192.168.1.1 mtu 1400 advmss 1360', note='RTA_METRICS nested: RTAX_MTU(2), RTAX_ADVMSS(8)')
fx('route-add-v4-metrics-mtu-lock', 'route add 10.71.0.0/16 via 192.168.1.1 mtu lock 1400', note='RTA_METRICS: RTAX_LOCK(1)=1<<2, RTAX_MTU')
fx('route-add-v4-metrics-many', 'route add 10.72.0.0/16 via 192.168.1.1 hoplimit 64 window 65535 rtt 100ms initcwnd 10 congctl cubic', note='RTAX_HOPLIMIT, WINDOW, RTT (ms*8), INITCWND, CC_ALGO string')
fx('route-add-v4-multipath', 'route add 10.60.0.0/16 nexthop via 192.168.1.1 weight 1 nexthop via 192.168.2.1 dev br1 weight 3', note='RTA_MULTIPATH: rtnexthop{len,flags,hops=weight-1,ifindex} + RTA_GATEWAY')
fx('route-add-v4-multipath-dev', 'route add 10.61.0.0/16 nexthop dev br0 nexthop dev br1 weight 2', note='device-only hops')
fx('route-add-v4-expires', 'route add 10.21.0.0/16 via 192.168.1.1 expires 300', note='RTA_EXPIRES sent for IPv4 too; kernel accepts and ignores it')
fx('route-add-v4-eexist', R4, setup=[R4], note='duplicate: EEXIST (-17), no extack')
fx('route-add-v4-eexist-type', 'route add blackhole 10.10.0.0/16', setup=[R4], note='same key different type: EEXIST')
fx('route-add-v4-enetunreach', 'route add 10.22.0.0/16 via 10.200.0.1', note='unreachable gateway: error + extack "Nexthop has invalid gateway."')
fx('route-add-v4-einval-tos', 'route add 10.22.0.0/16 via 192.168.1.1 tos 0x01', note='EINVAL + extack "Invalid dsfield (tos): ECN bits must be 0."')
fx('route-add-v4-einval-prefsrc', 'route add 10.22.0.0/16 via 192.168.1.1 src 10.9.9.9', note='EINVAL + extack "Invalid prefsrc address."')
fx('route-add-v4-enodev', 'route add local 10.23.0.0/16', note='local without device: ENODEV')
fx('route-add-v4-enetdown', 'route add 10.23.0.0/16 dev brdown', note='device down: ENETDOWN + extack "Device for nexthop is not up."')
fx('route-del-v4', 'route del 10.10.0.0/16 via 192.168.1.1', setup=[R4], note='RTM_DELROUTE: type 0, scope 255 (RT_SCOPE_NOWHERE), protocol 0')
fx('route-del-v4-esrch', 'route del 10.99.0.0/16', note='ESRCH (-3)')
fx('route-del-v4-table-missing', 'route del 10.10.0.0/16 table 77', setup=[R4], note='missing table: ESRCH + extack "FIB table does not exist."')
fx('route-replace-v4', 'route replace 10.10.0.0/16 via 192.168.2.1', setup=[R4], note='NLM_F_CREATE|NLM_F_REPLACE')
fx('route-change-v4', 'route change 10.10.0.0/16 via 192.168.2.1', setup=[R4], note='NLM_F_REPLACE only')
fx('route-change-v4-enoent', 'route change 10.24.0.0/16 via 192.168.2.1', note='no such key: ENOENT (-2)')
fx('route-prepend-v4', 'route prepend 10.10.0.0/16 via 192.168.2.1', setup=[R4], note='NLM_F_CREATE only')
fx('route-append-v4', 'route append 10.10.0.0/16 via 192.168.2.1', setup=[R4], note='NLM_F_CREATE|NLM_F_APPEND')
fx('route-test-v4', 'route test 10.25.0.0/16 via 192.168.1.1', note='`ip route test` = NLM_F_EXCL only, no CREATE: ENOENT')
fx('route-get-v4', 'route get 10.10.0.1', setup=[R4], note='RTM_GETROUTE (no DUMP), RTA_DST; reply RTM_NEWROUTE with RTM_F_CLONED cache info')
fx('route-get-v4-full', 'route get 10.10.0.1 from 192.168.1.2 oif br0 mark 0x10 uid 1000 tos 0x10 ipproto tcp sport 1000 dport 80', setup=[R4], note='RTA_SRC, RTA_OIF, RTA_MARK, RTA_UID, rtm_tos, RTA_IP_PROTO, RTA_SPORT, RTA_DPORT')
fx('route-get-v4-iif', 'route get 192.168.1.2 from 192.168.2.50 iif br1', note='RTA_IIF: input-path lookup to a local address')
fx('route-get-v4-iif-ehostunreach', 'route get 10.10.0.1 from 192.168.2.50 iif br1', setup=[R4], note='forwarding off: EHOSTUNREACH')
fx('route-get-v4-enetunreach', 'route get 8.8.8.8', note='no route: ENETUNREACH')
fx('route-get-v4-fibmatch', 'route get fibmatch 10.10.0.1', setup=[R4], note='rtm_flags RTM_F_FIB_MATCH')
fx('route-flush-table-v4', 'route flush table 1000', setup=['route add 10.14.0.0/16 via 192.168.1.1 table 1000', 'route add 10.15.0.0/16 via 192.168.1.1 table 1000'], note='dump then one RTM_DELROUTE per route')
# ---- IPv6 routes
fx('route-add-v6-gw', '-6 route add 2001:db8:10::/48 via 2001:db8:1::1', note='RTA_DST 16 bytes, RTA_GATEWAY')
fx('route-add-v6-linklocal-table1000', '-6 route add 2001:db8::/64 via fe80::1 dev br0 table 1000', note='RTA_OIF, RTA_TABLE 1000')
fx('route-add-v6-dev', '-6 route add 2001:db8:11::/48 dev br0 metric 100', note='RTA_PRIORITY')
fx('route-add-v6-blackhole', '-6 route add blackhole 2001:db8:40::/48')
fx('route-add-v6-unreachable', '-6 route add unreachable 2001:db8:41::/48')
fx('route-add-v6-prohibit', '-6 route add prohibit 2001:db8:42::/48')
fx('route-add-v6-throw', '-6 route add throw 2001:db8:43::/48')
fx('route-add-v6-local', '-6 route add local 2001:db8:31::1 dev br0', note='table local')
fx('route-add-v6-anycast', '-6 route add anycast 2001:db8:34:: dev br0')
fx('route-add-v6-multicast', '-6 route add multicast ff05::/16 dev br0')
fx('route-add-v6-broadcast', '-6 route add broadcast 2001:db8:35::/48 dev br0', note='accepted by the kernel for IPv6 (stored in table local)')
fx('route-add-v6-pref-high', '-6 route add 2001:db8:12::/48 via 2001:db8:1::1 metric 100 pref high', note='RTA_PREF 1 (high); low=3, medium=0')
fx('route-add-v6-pref-low', '-6 route add 2001:db8:12::/48 via 2001:db8:1::1 pref low')
fx('route-add-v6-from', '-6 route add 2001:db8:13::/48 from 2001:db8:1::/64 via 2001:db8:1::1', note='rtm_src_len 64 + RTA_SRC')
fx('route-add-v6-src', '-6 route add 2001:db8:14::/48 via 2001:db8:1::1 src 2001:db8:1::2 proto static', note='RTA_PREFSRC')
fx('route-add-v6-expires', '-6 route add 2001:db8:15::/48 via 2001:db8:1::1 expires 300', note='RTA_EXPIRES u32 seconds')
fx('route-add-v6-onlink', '-6 route add 2001:db8:17::/48 via 2001:db8:99::1 dev br0 onlink', note='rtm_flags RTNH_F_ONLINK')
fx('route-add-v6-metrics', '-6 route add 2001:db8:70::/48 via 2001:db8:1::1 mtu lock 1400 advmss 1360 hoplimit 64', note='RTA_METRICS with lock')
fx('route-add-v6-multipath', '-6 route add 2001:db8:60::/48 nexthop via 2001:db8:1::1 dev br0 weight 1 nexthop via 2001:db8:2::1 dev br1 weight 3', note='RTA_MULTIPATH')
fx('route-add-v6-eexist', R6, setup=[R6], note='EEXIST')
fx('route-add-v6-ehostunreach', '-6 route add 2001:db8:16::/48 via 2001:db8:99::1', note='unreachable gateway: EHOSTUNREACH')
fx('route-add-v6-enodev', '-6 route add 2001:db8:16::/48', note='no dev, no gateway: ENODEV')
fx('route-add-v6-enetdown', '-6 route add 2001:db8:16::/48 dev brdown', note='extack "Nexthop device is not up."')
fx('route-add-v6-einval-src', '-6 route add 2001:db8:16::/48 via 2001:db8:1::1 src 2001:db8:99::9', note='extack "Invalid source address."')
fx('route-add-v6-einval-multipath-dev', '-6 route add 2001:db8:16::/48 nexthop dev br0 nexthop via 2001:db8:1::1', note='extack "Device only routes can not be added for IPv6 using the multipath API."')
fx('route-del-v6', '-6 route del 2001:db8:10::/48 via 2001:db8:1::1', setup=[R6])
fx('route-del-v6-esrch', '-6 route del 2001:db8:99::/48', note='ESRCH')
fx('route-replace-v6', '-6 route replace 2001:db8:10::/48 via 2001:db8:2::1', setup=[R6])
fx('route-change-v6-enoent', '-6 route change 2001:db8:12::/48 via 2001:db8:1::1', note='ENOENT + extack "Can not replace route - no match found."')
fx('route-append-v6', '-6 route append 2001:db8:10::/48 via 2001:db8:2::1', setup=[R6], note='joins as multipath sibling')
fx('route-prepend-v6', '-6 route prepend 2001:db8:10::/48 via 2001:db8:2::1', setup=[R6])
fx('route-get-v6', '-6 route get 2001:db8:10::1', setup=[R6])
fx('route-get-v6-full', '-6 route get 2001:db8:10::1 from 2001:db8:1::2 oif br0 mark 7 uid 1000', setup=[R6])
fx('route-get-v6-unreachable-route', '-6 route get 2001:db8:41::1', setup=['-6 route add unreachable 2001:db8:41::/48'], note='error route: EHOSTUNREACH')
# ---- dumps
fx('dump-route-v4', '-4 route show table all', setup=[R4, 'route add 10.60.0.0/16 nexthop via 192.168.1.1 nexthop via 192.168.2.1'], note='RTM_GETROUTE NLM_F_DUMP AF_INET')
fx('dump-route-v6', '-6 route show table all', setup=[R6], note='RTM_GETROUTE NLM_F_DUMP AF_INET6')
fx('dump-route-unspec', 'route show table all', note='`ip route show table all` without -4: AF_UNSPEC dump, IPv4 and IPv6 replies')
fx('dump-route-main', 'route show', setup=[R4], note='`ip route show`: AF_INET dump (table filter main applied client-side)')
fx('dump-rule-v4', 'rule show', setup=['rule add from 10.0.0.0/32 table 44', 'rule add fwmark 0x10/0xff iif br0 table 1000 pref 200'], note='RTM_GETRULE dump')
fx('dump-rule-v6', '-6 rule show', setup=['-6 rule add from 2001:db8::/32 table 44'])
fx('dump-link', 'link show')
fx('dump-addr', 'addr show', note='link dump then addr dump')
fx('dump-addr-v4', '-4 addr show dev br0')
# ---- rules
fx('rule-add-from-table', 'rule add from 10.0.0.0/32 table 44', note='seed rule: frh.src_len 32 + FRA_SRC, table 44 only in frh.table (no FRA_TABLE, no FRA_PRIORITY)')
fx('rule-add-to', 'rule add to 10.1.0.0/16 table 101 pref 101', note='FRA_DST, FRA_PRIORITY')
fx('rule-add-iif', 'rule add iif br0 table 103', note='FRA_IIFNAME string')
fx('rule-add-oif', 'rule add oif br0 table 104', note='FRA_OIFNAME')
fx('rule-add-iif-detached', 'rule add iif nosuch0 table 135', note='missing device accepted, shown [detached]')
fx('rule-add-fwmark', 'rule add fwmark 0x10 table 106', note='FRA_FWMARK only')
fx('rule-add-fwmark-mask', 'rule add fwmark 0x10/0xff table 107', note='FRA_FWMARK + FRA_FWMASK')
fx('rule-add-tos', 'rule add tos 0x10 table 109', note='frh.tos')
fx('rule-add-ipproto-ports', 'rule add ipproto tcp sport 1024-65534 dport 80-90 table 112', note='FRA_IP_PROTO, FRA_SPORT_RANGE, FRA_DPORT_RANGE')
fx('rule-add-dport-single', 'rule add ipproto udp dport 53 table 111', note='single port = range start=end')
fx('rule-add-uidrange', 'rule add uidrange 1000-2000 table 114', note='FRA_UID_RANGE')
fx('rule-add-l3mdev', 'rule add l3mdev pref 116', note='FRA_L3MDEV=1, no table')
fx('rule-add-not', 'rule add not from 10.4.0.0/16 table 117', note='frh.flags FIB_RULE_INVERT (2)')
fx('rule-add-suppress-prefixlength', 'rule add table main suppress_prefixlength 0', note='FRA_SUPPRESS_PREFIXLEN')
fx('rule-add-suppress-ifgroup', 'rule add table main suppress_ifgroup 5', note='FRA_SUPPRESS_IFGROUP')
fx('rule-add-protocol', 'rule add table 120 protocol bird', note='FRA_PROTOCOL')
fx('rule-add-realms', 'rule add from 10.14.0.0/16 realms 5 table 143', note='FRA_FLOW')
fx('rule-add-table1000', 'rule add from 10.10.0.0/16 table 1000', note='frh.table 0 (RT_TABLE_UNSPEC) + FRA_TABLE 1000')
fx('rule-add-pref-max', 'rule add fwmark 1 table 141 pref 4294967295', note='FRA_PRIORITY 0xffffffff')
fx('rule-add-goto', 'rule add from 10.5.0.0/16 goto 130 pref 123', setup=['rule add nop pref 130'], note='action FR_ACT_GOTO (2) + FRA_GOTO')
fx('rule-add-goto-unresolved', 'rule add from 10.9.0.0/16 goto 300 pref 134', note='target missing: accepted, [unresolved]')
fx('rule-add-nop', 'rule add nop pref 130', note='FR_ACT_NOP (3)')
fx('rule-add-blackhole', 'rule add from 10.6.0.0/16 blackhole', note='FR_ACT_BLACKHOLE (6)')
fx('rule-add-unreachable', 'rule add from 10.7.0.0/16 unreachable', note='FR_ACT_UNREACHABLE (7)')
fx('rule-add-prohibit', 'rule add from 10.8.0.0/16 prohibit', note='FR_ACT_PROHIBIT (8)')
fx('rule-add-all-selectors', 'rule add from 10.17.0.0/16 to 10.18.0.0/16 table 145 pref 145 tos 0x04 fwmark 3/7 iif br0 oif lo ipproto udp sport 5000 dport 6000 uidrange 5-6 protocol zebra', note='many attributes in one message')
fx('rule-add-eexist', 'rule add pref 500 from 10.0.0.0/8 table 5', setup=['rule add pref 500 from 10.0.0.0/8 table 5'], note='EEXIST (NLM_F_EXCL set by ip rule add)')
fx('rule-add-backward-goto', 'rule add pref 600 goto 400', note='EINVAL + extack "Backward goto not supported."')
fx('rule-add-einval-sport', 'rule add ipproto tcp sport 1024-65535 table 5', note='end 65535 rejected: extack "Invalid sport range."')
fx('rule-add-einval-tos', 'rule add tos 0x20 table 5', note='extack "Invalid tos."')
fx('rule-del-pref', 'rule del pref 500', setup=['rule add pref 500 from 10.0.0.0/8 table 5'], note='RTM_DELRULE')
fx('rule-del-from-table', 'rule del from 10.0.0.0/32 table 44', setup=['rule add from 10.0.0.0/32 table 44'])
fx('rule-del-fwmark-mask', 'rule del fwmark 0x10/0xff table 107', setup=['rule add fwmark 0x10/0xff table 107'])
fx('rule-del-enoent', 'rule del pref 501', note='ENOENT')
fx('rule-add-v6-from', '-6 rule add from 2001:db8::/32 table 44', note='AF_INET6 rule')
fx('rule-add-v6-fwmark-iif', '-6 rule add fwmark 0x10/0xff iif br0 table 1000 pref 200')
fx('rule-add-v6-ipproto-uid', '-6 rule add ipproto tcp dport 443 uidrange 0-0 table 5')
fx('rule-add-v6-goto', '-6 rule add from 2001:db8:5::/48 goto 130 pref 123', setup=['-6 rule add nop pref 130'])
fx('rule-add-v6-unreachable', '-6 rule add to 2001:db8:7::/48 unreachable')
fx('rule-add-v6-suppress', '-6 rule add table main suppress_prefixlength 0 pref 90')
fx('rule-add-v6-einval-table0', '-6 rule add fwmark 1 table 0', note='IPv6 TO_TBL table 0: extack "Invalid table."')
fx('rule-del-v6', '-6 rule del from 2001:db8::/32 table 44', setup=['-6 rule add from 2001:db8::/32 table 44'])
# ---- links
fx('link-add-bridge', 'link add br9 type bridge', note='RTM_NEWLINK IFLA_IFNAME + IFLA_LINKINFO{IFLA_INFO_KIND "bridge"}')
fx('link-add-dummy', 'link add dummy0 type dummy', note='no dummy driver here: EOPNOTSUPP (-95, Python names it ENOTSUP) + extack "Unknown device type."')
fx('link-add-veth', 'link add veth0 type veth peer name veth1', note='veth exists on this kernel (contrary to the brief)')
fx('link-add-bridge-eexist', 'link add br0 type bridge', note='EEXIST')
fx('link-set-up', 'link set br9 up', setup=['link add br9 type bridge'], note='RTM_NEWLINK ifi_flags IFF_UP, ifi_change IFF_UP')
fx('link-set-down', 'link set br0 down', note='ifi_change IFF_UP, flags 0')
fx('link-set-mtu', 'link set br0 mtu 1400', note='IFLA_MTU')
fx('link-del', 'link del br9', setup=['link add br9 type bridge'], note='RTM_DELLINK')
fx('link-add-vxlan', 'link add vx10 type vxlan id 1010 local 10.0.0.1 remote 10.0.0.2 dev br0 dstport 4789', note='IFLA_INFO_DATA{VXLAN_ID, LOCAL, GROUP, LINK, PORT}')
fx('link-add-vxlan-v6', 'link add vx11 type vxlan id 11 local 2001:db8:1::2 remote 2001:db8:1::9 dstport 4790', note='IFLA_VXLAN_LOCAL6/GROUP6')
fx('link-add-macvlan', 'link add mv0 link br0 type macvlan mode bridge', note='IFLA_LINK + IFLA_INFO_DATA{MACVLAN_MODE 4}')
fx('link-add-bridge-options', 'link add br9 mtu 1400 address 02:00:00:00:00:b9 txqueuelen 500 numtxqueues 3 numrxqueues 4 type bridge', note='IFLA_MTU, IFLA_ADDRESS, IFLA_TXQLEN, IFLA_NUM_TX_QUEUES, IFLA_NUM_RX_QUEUES in command-line order, then IFLA_IFNAME')
fx('link-add-vxlan-options', 'link add vx12 type vxlan id 12 dev br0 ttl 64 tos 10 ageing 100 maxaddress 5 srcport 1000 2000 proxy rsc l2miss l3miss noudpcsum udp6zerocsumtx noudp6zerocsumrx remcsumtx noremcsumrx df set group 239.1.1.1 nolearning dstport 4789', note='IFLA_VXLAN_LINK, TTL, TOS, AGEING, LIMIT, PORT_RANGE (two be16), PROXY, RSC, L2MISS, L3MISS, UDP_CSUM, ZERO_CSUM6_TX/RX, REMCSUM_TX/RX, DF in command-line order, then ID, GROUP, LEARNING 0, PORT')
fx('link-add-vxlan-v6-label', 'link add vx13 type vxlan id 13 remote 2001:db8:1::9 flowlabel 0x12345 ttl inherit dstport 4789', note='IFLA_VXLAN_LABEL (be32), IFLA_VXLAN_TTL_INHERIT (a flag), then ID, GROUP6, LEARNING 1, PORT')
fx('dump-link-details', '-d link show', setup=['link add veth0 type veth peer name veth1', 'link set veth0 master br0', 'link add vx5 type vxlan id 5 remote 10.0.0.9 dev br0 dstport 4789', 'link add mv5 link br1 type macvlan mode bridge'], note='ip -d: IFLA_PROMISCUITY, MIN/MAX_MTU, queues, GSO/TSO/GRO limits, IFLA_AF_SPEC addrgenmode, IFLA_LINKINFO{INFO_DATA bridge/vxlan/macvlan, INFO_SLAVE_KIND/DATA bridge port}')
fx('link-add-veth-netns', 'link add veth2 type veth peer name veth3 netns fx-gold-peer', setup=['!netns add fx-gold-peer'], note='the peer ifinfomsg carries IFLA_NET_NS_FD')
fx('link-set-master', 'link set br1 master br0', note='IFLA_MASTER; a bridge cannot be a port: extack')
fx('link-set-master-veth', 'link set veth0 master br0', setup=['link add veth0 type veth peer name veth1'], note='IFLA_MASTER')
fx('link-set-nomaster', 'link set veth0 nomaster', setup=['link add veth0 type veth peer name veth1', 'link set veth0 master br0'], note='IFLA_MASTER 0')
fx('link-set-address', 'link set br1 address 02:00:00:00:01:01', note='IFLA_ADDRESS')
fx('link-set-name', 'link set brdown name brx', note='IFLA_IFNAME')
fx('link-set-alias', 'link set br1 alias uplink', note='IFLA_IFALIAS')
fx('link-set-netns', 'link set veth1 netns fx-gold-peer', setup=['!netns add fx-gold-peer', 'link add veth0 type veth peer name veth1'], note='IFLA_NET_NS_FD')
fx('link-set-many', 'link set br1 mtu 1400 up', note='one RTM_NEWLINK: IFLA_MTU and ifi_change IFF_UP')
# ---- neighbours
fx('neigh-add', 'neigh add 192.168.1.7 lladdr 02:00:00:00:00:07 dev br0', note='RTM_NEWNEIGH CREATE|EXCL, ndm_state PERMANENT, NDA_DST + NDA_LLADDR')
fx('neigh-add-eexist', 'neigh add 192.168.1.7 lladdr 02:00:00:00:00:07 dev br0', setup=['neigh add 192.168.1.7 lladdr 02:00:00:00:00:07 dev br0'], note='EEXIST')
fx('neigh-add-noarp-router', '-6 neigh add 2001:db8:1::7 lladdr 02:00:00:00:00:08 dev br0 nud noarp router', note='ndm_state NOARP, NTF_ROUTER')
fx('neigh-add-extern-learn', 'neigh add 192.168.1.8 lladdr 02:00:00:00:00:09 dev br0 extern_learn', note='NTF_EXT_LEARNED')
fx('neigh-add-proxy', 'neigh add proxy 192.168.1.9 dev br0', note='NTF_PROXY, no lladdr')
fx('neigh-add-nolladdr', 'neigh add 192.168.1.10 dev br0', note='EINVAL + extack "No link layer address given"')
fx('neigh-replace', 'neigh replace 192.168.1.7 lladdr 02:00:00:00:00:0a dev br0 nud reachable', setup=['neigh add 192.168.1.7 lladdr 02:00:00:00:00:07 dev br0'], note='CREATE|REPLACE')
fx('neigh-change-enoent', 'neigh change 192.168.1.11 lladdr 02:00:00:00:00:0b dev br0', note='REPLACE without CREATE: ENOENT')
fx('neigh-del', 'neigh del 192.168.1.7 dev br0', setup=['neigh add 192.168.1.7 lladdr 02:00:00:00:00:07 dev br0'], note='RTM_DELNEIGH')
fx('neigh-del-enoent', 'neigh del 192.168.1.12 dev br0', note='ENOENT')
fx('neigh-del-proxy', 'neigh del proxy 192.168.1.9 dev br0', setup=['neigh add proxy 192.168.1.9 dev br0'], note='RTM_DELNEIGH NTF_PROXY')
fx('neigh-get', 'neigh get 192.168.1.7 dev br0', setup=['neigh add 192.168.1.7 lladdr 02:00:00:00:00:07 dev br0'], note='RTM_GETNEIGH')
fx('dump-neigh', 'neigh show', setup=['neigh add 192.168.1.7 lladdr 02:00:00:00:00:07 dev br0', '-6 neigh add 2001:db8:1::7 lladdr 02:00:00:00:00:08 dev br0 router'], note='RTM_GETNEIGH dump, family 0')
fx('dump-neigh-proxy', 'neigh show proxy', setup=['neigh add proxy 192.168.1.9 dev br0'], note='dump with ndm_flags NTF_PROXY')
fx('link-del-enodev', 'link del nosuch0', note='name resolution failure: iproute2 may fail before sending (see bytes)')
# ---- addresses
fx('addr-add-v4', 'addr add 10.5.0.1/24 dev br0', note='IFA_LOCAL + IFA_ADDRESS')
fx('addr-add-v4-brd', 'addr add 10.5.0.1/24 brd + dev br0', note='IFA_BROADCAST computed client-side')
fx('addr-add-v4-peer', 'addr add 10.253.0.1 peer 10.253.0.2 dev br0', note='IFA_ADDRESS = peer')
fx('addr-add-v4-noprefixroute', 'addr add 172.20.0.1/16 dev br0 noprefixroute', note='IFA_FLAGS IFA_F_NOPREFIXROUTE')
fx('addr-add-v4-scope-link-label', 'addr add 10.6.0.1/24 dev br0 scope link label br0:1', note='ifa_scope 253, IFA_LABEL')
fx('addr-add-v4-eexist', 'addr add 192.168.1.2/24 dev br0', note='EEXIST + extack "ipv4: Address already assigned."')
fx('addr-add-v6', '-6 addr add 2001:db8:5::1/64 dev br0 nodad', note='IFA_FLAGS IFA_F_NODAD')
fx('addr-add-v6-lifetimes', '-6 addr add 2001:db8:6::1/64 dev br0 nodad valid_lft 600 preferred_lft 300', note='IFA_CACHEINFO')
fx('addr-add-v6-noprefixroute', '-6 addr add 2001:db8:7::1/64 dev br0 nodad noprefixroute')
fx('addr-del-v4', 'addr del 192.168.2.2/24 dev br1', note='RTM_DELADDR')
fx('addr-del-v4-eaddrnotavail', 'addr del 10.77.0.1/24 dev br0', note='extack "ipv4: Address not found."')
fx('addr-del-v6', '-6 addr del 2001:db8:2::2/64 dev br1')

# ---- nexthop objects (RTM_NEWNEXTHOP 104 / DELNEXTHOP 105 / GETNEXTHOP 106)
NH1 = 'nexthop add id 1 via 192.168.1.1 dev br0'
NH2 = 'nexthop add id 2 via 192.168.2.1 dev br1'
fx('nexthop-add-v4-gw', NH1, note='nhmsg{family 2}, NHA_ID, NHA_GATEWAY, NHA_OIF')
fx('nexthop-add-v4-onlink-proto', 'nexthop add id 3 via 10.99.0.1 dev br0 onlink proto static', note='nh_flags RTNH_F_ONLINK, nh_protocol 4')
fx('nexthop-add-v6-gw', 'nexthop add id 4 via 2001:db8:1::1 dev br0', note='nhmsg{family 10}')
fx('nexthop-add-dev', 'nexthop add id 5 dev br0', note='device-only: family 2 (iproute2 default), kernel reports scope host')
fx('nexthop-add-blackhole', 'nexthop add id 6 blackhole', note='NHA_BLACKHOLE flag')
fx('nexthop-add-fdb', 'nexthop add id 7 via 192.168.1.9 fdb', note='NHA_FDB flag, no NHA_OIF')
fx('nexthop-add-auto-id', 'nexthop add via 192.168.1.1 dev br0', note='no NHA_ID: the kernel picks the id')
fx('nexthop-add-group', 'nexthop add id 10 group 1/2,3', setup=[NH1, NH2], note='family 0, NHA_GROUP (id u32, weight-1 u8, resvd), NHA_GROUP_TYPE 0 not sent')
fx('nexthop-add-group-resilient', 'nexthop add id 11 group 1/2 type resilient buckets 8 idle_timer 10 unbalanced_timer 20', setup=[NH1, NH2], note='NHA_GROUP_TYPE 1, NHA_RES_GROUP nested: BUCKETS u16, IDLE_TIMER u32 (clock_t), UNBALANCED_TIMER u32')
fx('nexthop-add-group-fdb', 'nexthop add id 12 group 7 fdb', setup=['nexthop add id 7 via 192.168.1.9 fdb'], note='fdb group')
fx('nexthop-add-eexist', NH1, setup=[NH1], note='EEXIST')
fx('nexthop-add-einval-gw', 'nexthop add id 8 via 10.200.0.1 dev br0', note='extack "Nexthop has invalid gateway."')
fx('nexthop-add-enetdown', 'nexthop add id 8 via 172.16.5.2 dev brdown', note='ENETDOWN extack "Nexthop device is not up"')
fx('nexthop-add-nodev', 'nexthop add id 8 via 192.168.1.1', note='extack "Device attribute required for non-blackhole and non-fdb nexthops"')
fx('nexthop-add-group-missing', 'nexthop add id 13 group 1/99', setup=[NH1], note='extack "Invalid nexthop id"')
fx('nexthop-add-group-blackhole', 'nexthop add id 13 group 1/6', setup=[NH1, 'nexthop add id 6 blackhole'], note='extack "Blackhole nexthop can not be used in a group with more than 1 path"')
fx('nexthop-replace-v4', 'nexthop replace id 1 via 192.168.2.1 dev br1', setup=[NH1], note='NLM_F_CREATE|NLM_F_REPLACE')
fx('nexthop-replace-single-with-group', 'nexthop replace id 1 group 2', setup=[NH1, NH2], note='extack "Can not replace a nexthop with a nexthop group."')
fx('nexthop-del', 'nexthop del id 1', setup=[NH1], note='RTM_DELNEXTHOP: NHA_ID only')
fx('nexthop-del-enoent', 'nexthop del id 77', note='ENOENT, no extack')
fx('nexthop-get', 'nexthop get id 1', setup=[NH1], note='RTM_GETNEXTHOP (no DUMP) + NHA_ID; reply RTM_NEWNEXTHOP')
fx('nexthop-show', 'nexthop show', setup=[NH1, NH2, 'nexthop add id 4 via 2001:db8:1::1 dev br0', 'nexthop add id 6 blackhole', 'nexthop add id 10 group 1/2,3', 'nexthop add id 11 group 1/2 type resilient buckets 8'], note='dump; replies carry groups with NHA_GROUP_TYPE and NHA_RES_GROUP')
fx('nexthop-show-dev', 'nexthop show dev br0', setup=[NH1, NH2], note='dump filter NHA_OIF')
fx('nexthop-show-groups', 'nexthop show groups', setup=[NH1, NH2, 'nexthop add id 10 group 1/2'], note='dump filter NHA_GROUPS flag')
fx('nexthop-show-fdb', 'nexthop show fdb', setup=[NH1], note='dump filter NHA_FDB flag (not applied by the kernel)')
fx('route-add-v4-nhid', 'route add 10.80.0.0/16 nhid 1', setup=[NH1], note='RTA_NH_ID; iproute2 leaves scope universe')
fx('route-add-v6-nhid', '-6 route add 2001:db8:80::/48 nhid 4', setup=['nexthop add id 4 via 2001:db8:1::1 dev br0'], note='IPv6 RTA_NH_ID')
fx('route-add-v4-nhid-missing', 'route add 10.80.0.0/16 nhid 99', note='extack "Nexthop id does not exist"')
fx('route-add-v4-nhid-gw', 'route add 10.80.0.0/16 nhid 1 via 192.168.1.1', setup=[NH1], note='extack "Nexthop specification and nexthop id are mutually exclusive"')
fx('route-add-v6-nhid-v4', '-6 route add 2001:db8:80::/48 nhid 1', setup=[NH1], note='extack "IPv6 routes can not use an IPv4 nexthop"')
fx('route-show-nhid', 'route show', setup=[NH1, NH2, 'nexthop add id 4 via 2001:db8:1::1 dev br0', 'nexthop add id 10 group 1/2,3', 'route add 10.80.0.0/16 nhid 1', 'route add 10.81.0.0/16 nhid 10', 'route add 10.82.0.0/16 nhid 4'], note='dump replies: RTA_NH_ID with RTA_GATEWAY/RTA_OIF, RTA_MULTIPATH for a group, RTA_VIA for an IPv6 gateway')

# ---------------------------------------------------------------- decoding (notes only)
NLTYPES = {1: 'NLMSG_NOOP', 2: 'NLMSG_ERROR', 3: 'NLMSG_DONE', 16: 'RTM_NEWLINK', 17: 'RTM_DELLINK', 18: 'RTM_GETLINK',
           19: 'RTM_SETLINK', 20: 'RTM_NEWADDR', 21: 'RTM_DELADDR', 22: 'RTM_GETADDR', 24: 'RTM_NEWROUTE',
           25: 'RTM_DELROUTE', 26: 'RTM_GETROUTE', 32: 'RTM_NEWRULE', 33: 'RTM_DELRULE', 34: 'RTM_GETRULE',
           28: 'RTM_NEWNEIGH', 29: 'RTM_DELNEIGH', 30: 'RTM_GETNEIGH', 88: 'RTM_GETNETCONF', 104: 'RTM_NEWNEXTHOP', 105: 'RTM_DELNEXTHOP', 106: 'RTM_GETNEXTHOP'}
NHA = {1: 'ID', 2: 'GROUP', 3: 'GROUP_TYPE', 4: 'BLACKHOLE', 5: 'OIF', 6: 'GATEWAY', 7: 'ENCAP_TYPE', 8: 'ENCAP',
       9: 'GROUPS', 10: 'MASTER', 11: 'FDB', 12: 'RES_GROUP', 13: 'RES_BUCKET'}
RTA = {1: 'DST', 2: 'SRC', 3: 'IIF', 4: 'OIF', 5: 'GATEWAY', 6: 'PRIORITY', 7: 'PREFSRC', 8: 'METRICS', 9: 'MULTIPATH',
       11: 'FLOW', 12: 'CACHEINFO', 15: 'TABLE', 16: 'MARK', 17: 'MFC_STATS', 18: 'VIA', 20: 'PREF', 23: 'EXPIRES',
       24: 'PAD', 25: 'UID', 27: 'IP_PROTO', 28: 'SPORT', 29: 'DPORT', 30: 'NH_ID'}
FRA = {1: 'DST', 2: 'SRC', 3: 'IIFNAME', 4: 'GOTO', 6: 'PRIORITY', 10: 'FWMARK', 11: 'FLOW', 12: 'TUN_ID',
       13: 'SUPPRESS_IFGROUP', 14: 'SUPPRESS_PREFIXLEN', 15: 'TABLE', 16: 'FWMASK', 17: 'OIFNAME', 18: 'PAD',
       19: 'L3MDEV', 20: 'UID_RANGE', 21: 'PROTOCOL', 22: 'IP_PROTO', 23: 'SPORT_RANGE', 24: 'DPORT_RANGE'}
IFLA = {1: 'ADDRESS', 2: 'BROADCAST', 3: 'IFNAME', 4: 'MTU', 5: 'LINK', 6: 'QDISC', 7: 'STATS', 10: 'MASTER',
        13: 'TXQLEN', 16: 'OPERSTATE', 17: 'LINKMODE', 18: 'LINKINFO', 26: 'AF_SPEC', 29: 'EXT_MASK', 33: 'CARRIER',
        49: 'GSO_MAX_SIZE'}
IFA = {1: 'ADDRESS', 2: 'LOCAL', 3: 'LABEL', 4: 'BROADCAST', 5: 'ANYCAST', 6: 'CACHEINFO', 7: 'MULTICAST',
       8: 'FLAGS', 9: 'RT_PRIORITY', 10: 'TARGET_NETNSID', 11: 'PROTO'}
NDA = {1: 'DST', 2: 'LLADDR', 3: 'CACHEINFO', 4: 'PROBES', 8: 'IFINDEX', 9: 'MASTER', 12: 'PROTOCOL',
       15: 'FLAGS_EXT'}
FLAGS = [(1, 'REQUEST'), (2, 'MULTI'), (4, 'ACK'), (8, 'ECHO'), (0x10, 'DUMP_INTR'), (0x20, 'DUMP_FILTERED')]
NEWF = [(0x100, 'REPLACE'), (0x200, 'EXCL'), (0x400, 'CREATE'), (0x800, 'APPEND')]
GETF = [(0x100, 'ROOT'), (0x200, 'MATCH')]
ERRF = [(0x100, 'CAPPED'), (0x200, 'ACK_TLVS')]

def flagstr(t, f):
    extra = ERRF if t == 2 else GETF if t in (18, 22, 26, 30, 34, 106) else NEWF if t in (16, 20, 24, 28, 32, 104) else []
    names = [n for b, n in FLAGS + extra if f & b]
    rest = f & ~sum(b for b, _ in FLAGS + extra)
    if rest:
        names.append(hex(rest))
    return '|'.join(names) or '0'

def attrs(buf, names):
    out, off = [], 0
    while off + 4 <= len(buf):
        l, t = struct.unpack_from('<HH', buf, off)
        if l < 4:
            break
        tt = t & 0x3fff
        out.append(names.get(tt, str(tt)) + ('(nested)' if t & 0x8000 else ''))
        off += (l + 3) & ~3
    return out

def split_msgs(b):
    off = 0
    while off + 16 <= len(b):
        ln, t, f, seq, pid = struct.unpack_from('<IHHII', b, off)
        if ln < 16:
            break
        yield t, f, seq, pid, b[off + 16:off + ln]
        off += (ln + 3) & ~3

def describe(t, f, body):
    name = NLTYPES.get(t, str(t))
    s = '%s flags=%s' % (name, flagstr(t, f))
    if t == 2 and len(body) >= 4:
        err = struct.unpack_from('<i', body)[0]
        s += ' error=%d' % err
        if err:
            s += ' (%s)' % errno.errorcode.get(-err, '?')
        else:
            s += ' (ack)'
        if f & 0x200:  # ACK_TLVS: extended ack after the (capped) original message
            olen = struct.unpack_from('<I', body, 4)[0] if len(body) >= 8 else 0
            toff = 4 + (16 if f & 0x100 else ((olen + 3) & ~3))
            off = toff
            while off + 4 <= len(body):
                l, at = struct.unpack_from('<HH', body, off)
                if l < 4:
                    break
                if at == 1:
                    s += ' extack_msg="%s"' % body[off + 4:off + l].rstrip(b'\0').decode()
                elif at == 2:
                    s += ' extack_offs=%d' % struct.unpack_from('<I', body, off + 4)[0]
                else:
                    s += ' extack_attr%d' % at
                off += (l + 3) & ~3
        return s
    if t in (24, 25, 26) and len(body) >= 12:
        fam, dl, sl, tos, tab, proto, scope, typ, fl = struct.unpack_from('<BBBBBBBBI', body)
        return s + ' rtmsg{family=%d dst_len=%d src_len=%d tos=%d table=%d protocol=%d scope=%d type=%d flags=0x%x} attrs=%s' % (
            fam, dl, sl, tos, tab, proto, scope, typ, fl, ','.join(attrs(body[12:], RTA)))
    if t in (104, 105, 106) and len(body) >= 8:
        fam, scope, proto, _, fl = struct.unpack_from('<BBBBI', body)
        return s + ' nhmsg{family=%d scope=%d protocol=%d flags=0x%x} attrs=%s' % (
            fam, scope, proto, fl, ','.join(attrs(body[8:], NHA)))
    if t in (32, 33, 34) and len(body) >= 12:
        fam, dl, sl, tos, tab, r1, r2, act, fl = struct.unpack_from('<BBBBBBBBI', body)
        return s + ' fib_rule_hdr{family=%d dst_len=%d src_len=%d tos=%d table=%d action=%d flags=0x%x} attrs=%s' % (
            fam, dl, sl, tos, tab, act, fl, ','.join(attrs(body[12:], FRA)))
    if t in (16, 17, 18, 19) and len(body) >= 16:
        fam, _, typ, idx, fl, ch = struct.unpack_from('<BBHiII', body)
        return s + ' ifinfomsg{family=%d type=%d index=%d flags=0x%x change=0x%x} attrs=%s' % (
            fam, typ, idx, fl, ch, ','.join(attrs(body[16:], IFLA)))
    if t in (28, 29, 30) and len(body) >= 12:
        fam, _, _, idx, st, fl, typ = struct.unpack_from('<BBHiHBB', body)
        return s + ' ndmsg{family=%d index=%d state=0x%x flags=0x%x type=%d} attrs=%s' % (
            fam, idx, st, fl, typ, ','.join(attrs(body[12:], NDA)))
    if t in (20, 21, 22) and len(body) >= 8:
        fam, pl, fl, sc, idx = struct.unpack_from('<BBBBI', body)
        return s + ' ifaddrmsg{family=%d prefixlen=%d flags=0x%x scope=%d index=%d} attrs=%s' % (
            fam, pl, fl, sc, idx, ','.join(attrs(body[8:], IFA)))
    return s

def summarize(b):
    msgs = list(split_msgs(b))
    if len(msgs) == 1:
        return describe(*msgs[0][:2], msgs[0][4])
    counts = {}
    for t, f, *_ in msgs:
        counts[NLTYPES.get(t, str(t))] = counts.get(NLTYPES.get(t, str(t)), 0) + 1
    return '%d messages: %s' % (len(msgs), ', '.join('%s x%d' % kv for kv in counts.items()))

# ---------------------------------------------------------------- strace parsing
SYSCALL = re.compile(r'^(?:\d+\s+)?(sendmsg|sendto|recvmsg)\((\d+),.*\)\s+=\s+(-?\d+)')
HEXLINE = re.compile(r'^ \| [0-9a-f]{5}  ((?:[0-9a-f]{2} ?)+)')

def parse_strace(path):
    events, cur = [], None
    for line in open(path, errors='replace'):
        m = SYSCALL.match(line)
        if m:
            kind = 'send' if m.group(1) != 'recvmsg' else 'recv'
            peek = 'MSG_PEEK' in line
            cur = {'kind': kind, 'ret': int(m.group(3)), 'data': bytearray(), 'peek': peek, 'fd': int(m.group(2))}
            events.append(cur)
            continue
        m = HEXLINE.match(line)
        if m and cur is not None:
            # hex area is 16 bytes max: "xx xx ... xx  xx ..." then the ascii column
            hexpart = line[10:10 + 49]
            cur['data'] += bytes.fromhex(hexpart.replace(' ', ''))
    return [e for e in events if not e['peek'] and e['data']]

MAIN = {'route': {'add': 24, 'replace': 24, 'change': 24, 'prepend': 24, 'append': 24, 'test': 24, 'del': 25,
                  'get': 26, 'show': 26, 'flush': 25},
        'rule': {'add': 32, 'del': 33, 'show': 34},
        'link': {'add': 16, 'set': 16, 'del': 17, 'show': 18},
        'addr': {'add': 20, 'del': 21, 'show': 22},
        'nexthop': {'add': 104, 'replace': 104, 'del': 105, 'get': 106, 'show': 106, 'flush': 105},
        'neigh': {'add': 28, 'replace': 28, 'change': 28, 'del': 29, 'get': 30, 'show': 30, 'flush': 29}}

def main_types(cmd):
    w = [x for x in cmd.split() if not x.startswith('-')]
    obj, verb = w[0], w[1]
    t = {MAIN[obj][verb]}
    if verb == 'flush':
        t.add(106 if obj == 'nexthop' else 26)  # flush = dump + RTM_DELROUTE batch (+ re-dump until empty)
    if obj == 'link' and verb == 'set':
        t.add(19)
    return t

# ---------------------------------------------------------------- running
def run(ns, args, check=True):
    a = args.split()
    fam = []
    if a[0] in ('-6', '-4'):
        fam, a = [a[0]], a[1:]
    r = subprocess.run([IP] + fam + ['-n', ns] + a, capture_output=True, text=True)
    if check and r.returncode:
        raise SystemExit('setup failed in %s: ip %s: %s' % (ns, args, r.stderr))
    return r

def settle(ns):
    prev = None
    for i in range(50):
        a = subprocess.run([IP, '-n', ns, 'addr'], capture_output=True, text=True).stdout
        if 'tentative' in a:
            time.sleep(0.1); continue
        cur = a + subprocess.run([IP, '-n', ns, 'route', 'show', 'table', 'all'], capture_output=True, text=True).stdout
        if cur == prev and i > 2:
            return
        prev = cur
        time.sleep(0.15)

def capture(idx, name, setup, cmd, note):
    ns = 'fx-gold-%d-%d' % (os.getpid(), idx)
    subprocess.run([IP, 'netns', 'add', ns], check=True)
    try:
        subprocess.run([IP, 'netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv6.conf.default.addr_gen_mode=1',
                        'net.ipv6.conf.all.addr_gen_mode=1'], check=True)
        peer = 'fx-gold-%d-peer' % os.getpid()  # 'fx-gold-peer' in a fixture: a second namespace
        for c in BASE + setup:
            if c.startswith('!'):  # run outside the namespace (ip netns add fx-gold-peer)
                subprocess.run([IP] + c[1:].replace('fx-gold-peer', peer).split(), check=True)
            else:
                run(ns, c)
        settle(ns)
        with tempfile.NamedTemporaryFile(suffix='.strace') as tf:
            r = subprocess.run([IP, 'netns', 'exec', ns, 'strace', '-f', '-xx', '-s', '65535',
                                '-e', 'trace=sendmsg,sendto,recvmsg', '-e', 'write=all', '-e', 'read=all',
                                '-o', tf.name, IP] + cmd.replace('fx-gold-peer', peer).split(),
                               capture_output=True, text=True)
            events = parse_strace(tf.name)
    finally:
        subprocess.run([IP, 'netns', 'del', ns])
        if any(c.startswith('!netns add') for c in setup):
            subprocess.run([IP, 'netns', 'del', peer])
    mt = main_types(cmd)
    lines, notes = [], []
    nreq = nrep = 0
    main_seqs, main_fds = set(), set()
    for e in events:
        b = bytes(e['data'])
        msgs = list(split_msgs(b))
        if e['kind'] == 'send':
            # the iplink "have newlink?" probe (seq 0, bare ifinfomsg) is startup traffic, not the request
            probe = all(seq == 0 and len(body) <= 16 for _, _, seq, _, body in msgs)
            is_main = bool({t for t, *_ in msgs} & mt) and not probe
            if is_main:
                main_seqs.update(seq for _, _, seq, _, _ in msgs)
                main_fds.add(e['fd'])
            key = 'request' if is_main else 'aux-request'
            nreq += is_main
        else:
            is_main = e['fd'] in main_fds and bool(msgs) and msgs[0][2] in main_seqs
            key = 'reply' if is_main else 'aux-reply'
            nrep += is_main
        lines.append('%s %s' % (key, b.hex()))
        notes.append('%s: %s' % (key, summarize(b)))
    with open(os.path.join(OUT, name + '.txt'), 'w') as o:
        o.write('# cmd: ip %s\n' % cmd)
        o.write('# setup: %s\n' % '; '.join(['<base>'] + ['ip ' + c.lstrip('!') for c in setup]))
        o.write('# exit: %d\n' % r.returncode)
        for l in (r.stdout.splitlines() if r.stdout else []):
            o.write('# stdout: %s\n' % l)
        for l in (r.stderr.splitlines() if r.stderr else []):
            o.write('# stderr: %s\n' % l)
        if note:
            o.write('# note: %s\n' % note)
        for n in notes:
            o.write('# decoded %s\n' % n)
        for l in lines:
            o.write(l + '\n')
    return nreq, nrep, r.returncode, [n for n in notes if n.startswith('request') or n.startswith('reply')]

def index_row(name, cmd, setup, note, nreq, nrep, rc, notes):
    first_rep = [n for n in notes if n.startswith('reply')]
    last = first_rep[-1] if first_rep else ''
    ex = note
    err = re.search(r'error=(-?\d+) \((\w+)\)(?: extack_msg="([^"]*)")?', last)
    if err:
        ex += ('; ' if ex else '') + 'final reply %s%s' % (err.group(2), (' "%s"' % err.group(3)) if err.group(3) else '')
    return '| `%s` | `ip %s`%s | %d | %d | %d | %s |\n' % (
        name, cmd, (' (setup: %s)' % '; '.join('ip ' + s for s in setup)) if setup else '', rc, nreq, nrep,
        ex.replace('|', '\\|'))

def append_index(rows):
    """--append-index: replace/add the selected fixtures' rows in INDEX.md and recount the totals."""
    path = os.path.join(OUT, 'INDEX.md')
    lines = open(path).read().split('\n')
    names = {r[0] for r in rows}
    keep = [l for l in lines if not (l.startswith('| `') and l.split('`')[1] in names) and not l.startswith('**Totals:**')]
    while keep and keep[-1] == '':
        keep.pop()
    keep += [index_row(*r).rstrip('\n') for r in rows]
    table = [l for l in keep if l.startswith('| `')]
    req = sum(int(l.split('|')[4]) for l in table); rep = sum(int(l.split('|')[5]) for l in table)
    keep += ['', '**Totals:** %d fixtures, %d request buffers, %d reply buffers.' % (len(table), req, rep), '']
    open(path, 'w').write('\n'.join(keep))

def main():
    os.makedirs(OUT, exist_ok=True)
    sel = [a for a in sys.argv[1:] if not a.startswith('--')]
    append = '--append-index' in sys.argv[1:]
    rows = []
    for i, (name, setup, cmd, note) in enumerate(F):
        if sel and not any(s in name for s in sel):
            continue
        nreq, nrep, rc, notes = capture(i, name, setup, cmd, note)
        rows.append((name, cmd, setup, note, nreq, nrep, rc, notes))
        print('%-40s exit=%d requests=%d replies=%d' % (name, rc, nreq, nrep))
    if sel:
        if append:
            append_index(rows)
        return
    with open(os.path.join(OUT, 'INDEX.md'), 'w') as o:
        o.write(INDEX_HEAD.replace('@BASE@', BASE_DESC))
        o.write('| fixture | command | exit | req | rep | exercises |\n|---|---|---:|---:|---:|---|\n')
        for r in rows:
            o.write(index_row(*r))
        tr = sum(r[4] for r in rows); tp = sum(r[5] for r in rows)
        o.write('\n**Totals:** %d fixtures, %d request buffers, %d reply buffers.\n' % (len(rows), tr, tp))

INDEX_HEAD = '''# Golden rtnetlink bytes (iproute2 6.1 <-> Linux kernel)

Generated by `routing-netlink/src/test/scripts/capture-golden-netlink.sh` (wrapper around `routing-netlink/src/test/scripts/capture-golden-netlink.py`).
Every fixture runs in its own throwaway network namespace built from the same base state, then the
command runs under `strace -f -xx -s 65535 -e trace=sendmsg,sendto,recvmsg -e write=all -e read=all`;
the hex dumps strace prints for every buffer are decoded into the lines below.

@BASE@

## File format (`<name>.txt`)

```
# cmd: ip <args>                     the traced command (run as: ip netns exec NS ip <args>)
# setup: <base>; ip ...; ip ...      commands run before it (<base> = the base state above)
# exit: N                            exit code of the traced ip command
# stdout: ...                        (0..n) its stdout lines, verbatim
# stderr: ...                        (0..n) its stderr lines, verbatim (e.g. "Error: ..." / "RTNETLINK answers: ...")
# note: ...                          (0..1) what the fixture exercises
# decoded <kind>: ...                (one per data line below, same order) human summary of the buffer
aux-request <hex>                    (0..n) traffic that is not the request (e.g. RTM_GETLINK name lookups)
aux-reply <hex>
request <hex>                        one sendmsg/sendto buffer = one or more complete netlink messages
reply <hex>                          one recvmsg buffer (acks, dump parts up to NLMSG_DONE)
```

* Data lines are `<kind> <lowercase hex, no spaces>`; kinds: `request`, `reply`, `aux-request`, `aux-reply`.
  Lines starting with `#` are comments. Order is the wire order.
* A line's kind is `request` when the sent buffer contains a message of the command's own type
  (route add/replace/change/prepend/append/test: RTM_NEWROUTE, del/flush: RTM_DELROUTE, get/show: RTM_GETROUTE,
  rule: NEWRULE/DELRULE/GETRULE, link add/set: NEWLINK/SETLINK, del: DELLINK, show: GETLINK,
  addr: NEWADDR/DELADDR/GETADDR), excluding iproute2's startup probe for `ip link` (an RTM_NEWLINK with seq 0 and
  no attributes, answered with ENODEV). A `recvmsg` buffer is a `reply` when it arrives on the request's socket
  and its first message's sequence number is a request's; everything else is `aux-*`. iproute2 resolves
  names/ifindexes on a *second* netlink socket, so aux traffic can sit between dump parts (e.g. the final NLMSG_DONE
  of a route dump comes after the RTM_GETLINK lookups made while printing). `route flush` = dump (request) +
  one buffer of RTM_DELROUTE messages without ACK (request) + re-dump (request) until empty.
* A sent buffer may be longer than the netlink message(s) in it: iproute2's dump requests are
  `sendto(fd, &req, sizeof(req))` with a fixed-size struct, so e.g. the AF_INET route dump is 28 bytes of message
  (nlmsg_len 0x1c) followed by zero padding. Parse by nlmsg_len; compare our encoding with the first nlmsg_len bytes.
* recvmsg calls with MSG_PEEK (iproute2 peeks for the size first) and empty buffers are skipped.
* All integers are host byte order (x86_64: little endian) except addresses and ports (network order).
* Sequence numbers (iproute2 uses time(NULL)) and port ids (the pid) are as captured; they will differ from ours.
* Error replies carry NLM_F_CAPPED (0x100) and, with extended ack, NLM_F_ACK_TLVS (0x200) followed by
  NLMSGERR_ATTR_MSG (1) / NLMSGERR_ATTR_OFFS (2) attributes.

## Fixtures

'''

if __name__ == '__main__':
    main()
