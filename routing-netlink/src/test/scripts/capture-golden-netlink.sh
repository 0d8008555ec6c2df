#!/usr/bin/env bash
# Regenerates routing-netlink/src/test/resources/golden/ (see golden/INDEX.md).
# Needs root, strace, iproute2 and python3. Each fixture runs in its own netns
# (fx-gold-<pid>-<n>), deleted afterwards; leftovers from a killed run are removed here.
set -euo pipefail
cleanup() { for n in $(ip netns list | awk '{print $1}' | grep "^fx-gold-$$-" || true); do ip netns del "$n" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
exec python3 "$(dirname "$0")/capture-golden-netlink.py" "$@"
