#!/bin/sh
# Captures iproute2's help texts (run from this directory, with iproute2 6.1's ip first on PATH):
#   sh capture.sh
# Writes, for every case of the list below, NAME.stdout, NAME.stderr and a line "NAME<TAB>EXIT<TAB>ARGS" of
# cases.tsv (the fixtures IpHelpTest compares netroute ip with), and copies each object's text to
# ../../../main/resources/io/github/netroute/examples/ip/help/OBJECT.txt (what netroute ip prints).
# None of the cases touches the system: each ends in iproute2's usage() before it opens rtnetlink.
set -eu
MAIN=../../../main/resources/io/github/netroute/examples/ip/help
ip -V | grep -q 'iproute2-6\.1\.' || { echo "needs iproute2 6.1 (ip -V: $(ip -V))" >&2; exit 1; }
: > cases.tsv
case_() { # NAME ARGS...
    name=$1; shift
    set +e
    ip "$@" > "$name.stdout" 2> "$name.stderr"
    rc=$?
    set -e
    printf '%s\t%s\t%s\n' "$name" "$rc" "$*" >> cases.tsv
}
# the objects of ip.c's cmds[], in its order
OBJECTS="address addrlabel maddress route rule neighbor neighbour ntable ntbl link l2tp fou ila macsec tunnel tunl
 tuntap tap token tcpmetrics tcp_metrics monitor xfrm mroute mrule netns netconf vrf sr nexthop mptcp ioam help stats"
for o in $OBJECTS; do
    case_ "$o-help" "$o" help
    cat "$o-help.stderr" "$o-help.stdout" > "$MAIN/$o.txt"
done
case_ usage                  # ip without arguments
case_ opt-help -help
case_ opt-dash-help --help
case_ opt-h -h               # -h is -human-readable; no object follows: usage
case_ opt-he -he
case_ h h                    # "h" is the first object it abbreviates: help
case_ r-help r help
case_ ro-h ro h
case_ ru-he ru he
case_ l-help l help
case_ a-help a help
case_ addr-lst-help addr lst help
case_ nei-help nei help
case_ nh-help nh help
case_ mo-help mo help
case_ route-add-help route add help
case_ route-del-help route del help
case_ route-get-help route get help
case_ rule-add-help rule add help
case_ rule-del-help rule del help
case_ link-add-help link add help
case_ link-set-help link set help
case_ link-show-help link show help
case_ link-del-help link del help
case_ address-add-help address add help
case_ address-show-help address show help
case_ address-del-help address del help
case_ nexthop-add-help nexthop add help
case_ nexthop-show-help nexthop show help
case_ monitor-route-help monitor route help
case_ family-help -family help
case_ f-help -f help
