# A tap device with no process attached has no carrier; as the only port of
# bridge br-nc it keeps br-nc in NO-CARRIER (a bridge with *no* ports has carrier).
ip -n "$NS" tuntap add tap0 mode tap
