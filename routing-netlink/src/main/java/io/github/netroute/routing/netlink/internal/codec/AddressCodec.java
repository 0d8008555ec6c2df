package io.github.netroute.routing.netlink.internal.codec;

import static io.github.netroute.routing.netlink.internal.wire.Rtnl.*;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.AddressFlag;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.netlink.internal.wire.AttrReader;
import io.github.netroute.routing.netlink.internal.wire.AttrWriter;
import io.github.netroute.routing.netlink.internal.wire.Errno;
import io.github.netroute.routing.netlink.internal.wire.IfAddrMsg;
import io.github.netroute.routing.netlink.internal.wire.Netlink;
import io.github.netroute.routing.netlink.internal.wire.NetlinkDecodeException;
import io.github.netroute.routing.netlink.internal.wire.NetlinkException;
import io.github.netroute.routing.netlink.internal.wire.NlMsgCursor;
import io.github.netroute.routing.netlink.internal.wire.RawAttributes;
import io.github.netroute.routing.netlink.internal.wire.Rtnl;
import io.github.netroute.routing.netlink.internal.wire.UnknownDeviceException;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * {@link Address} ↔ RTM_NEWADDR/RTM_DELADDR/RTM_GETADDR, byte-identical to iproute2 6.1's {@code ip addr add|del}.
 *
 * <p>ifaddrmsg: family, prefix length of the local address, flags (the user-settable IFA_F_* bits when they fit in
 * 8 bits, else 0 with IFA_FLAGS), scope (0 in deletes, as iproute2 sends it), index. Attributes: IFA_LOCAL, IFA_ADDRESS
 * (the peer, when there is one), IFA_LABEL, IFA_RT_PRIORITY, IFA_FLAGS, IFA_ADDRESS (the local address again, without
 * a peer), IFA_BROADCAST, IFA_CACHEINFO (only when a lifetime is not forever). Deletes carry no flags, metric or
 * lifetimes. Decoding: IFA_LOCAL is the address and IFA_ADDRESS the peer when they differ; IFA_FLAGS wins over the
 * header; a label equal to the device name decodes as none (as iproute2 prints it). {@link #decodeMessage} keeps
 * the attributes it does not know, raw; {@link #writeAdd(AttrWriter, Decoded)} re-emits them byte for byte last.
 */
public final class AddressCodec {
  static final int USER_FLAGS = IFA_F_NODAD | IFA_F_OPTIMISTIC | IFA_F_HOMEADDRESS | IFA_F_MANAGETEMPADDR
      | IFA_F_NOPREFIXROUTE | IFA_F_MCAUTOJOIN;

  private final LinkNames names;
  private final Values values = new Values();
  private final AttrReader attrs = new AttrReader();

  public AddressCodec(LinkNames names) {
    this.names = names;
  }

  public void writeAdd(AttrWriter w, Address a) throws NetlinkException {
    write(w, RTM_NEWADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, a,
        false, RawAttributes.NONE);
  }

  /** {@link #writeAdd(AttrWriter, Address)} for a decoded message: its unknown attributes last, byte for byte. */
  public void writeAdd(AttrWriter w, Decoded<Address> m) throws NetlinkException {
    write(w, RTM_NEWADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL,
        m.value(), false, m.unknown());
  }

  public void writeDelete(AttrWriter w, Address a) throws NetlinkException {
    write(w, RTM_DELADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK, a, true, RawAttributes.NONE);
  }

  private void write(AttrWriter w, int type, int nlFlags, Address a, boolean delete, RawAttributes raw)
      throws NetlinkException {
    int index = a.deviceIndex();
    if (index == 0) {
      if (a.device() == null) throw new NetlinkException("encode", Errno.EINVAL, "an address needs a device");
      index = names.index(a.device());
      if (index <= 0) throw new UnknownDeviceException(a.device());
    }
    int flags = delete ? 0 : AddressFlag.toBits(a.flags()) & USER_FLAGS;
    w.beginMessage(type, nlFlags);
    w.putU8(a.family().number()).putU8(a.local().length()).putU8(flags <= 0xFF ? flags : 0)
        .putU8(delete ? 0 : a.scope().value()).putU32(index);
    w.address(IFA_LOCAL, a.address());
    if (a.peer() != null) w.address(IFA_ADDRESS, a.peer().address());
    if (a.label() != null) w.string(IFA_LABEL, a.label());
    if (!delete && a.metric() != 0) w.u32(IFA_RT_PRIORITY, (int) a.metric());
    if (flags > 0xFF) w.u32(IFA_FLAGS, flags);
    if (a.peer() == null) w.address(IFA_ADDRESS, a.address());
    if (a.broadcast() != null) w.address(IFA_BROADCAST, a.broadcast());
    if (!delete && (a.validLifetime() != Address.FOREVER || a.preferredLifetime() != Address.FOREVER)) {
      ByteBuffer ci = ByteBuffer.allocate(16).order(java.nio.ByteOrder.nativeOrder());
      ci.putInt(0, (int) a.preferredLifetime()).putInt(4, (int) a.validLifetime()); // ifa_prefered, ifa_valid
      w.bytes(IFA_CACHEINFO, ci.array());
    }
    raw.writeTo(w);
    w.endMessage();
  }

  /** Appends an RTM_GETADDR dump for a family (null: both), as {@code ip addr show} sends it. */
  public static void writeDump(AttrWriter w, Family family) {
    w.beginMessage(RTM_GETADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
    new IfAddrMsg(family == null ? AF_UNSPEC : family.number(), 0, 0, 0, 0).writeTo(w);
    w.endMessage();
  }

  /** Decodes the RTM_NEWADDR/RTM_DELADDR at the cursor; null for a family other than IPv4/IPv6. */
  public Address decode(NlMsgCursor c) throws NetlinkException {
    return decode(c, null);
  }

  /** {@link #decode(NlMsgCursor)} keeping the attributes it does not know, raw; null for another family. */
  public Decoded<Address> decodeMessage(NlMsgCursor c) throws NetlinkException {
    RawAttributes.Builder u = RawAttributes.builder();
    Address a = decode(c, u);
    return a == null ? null : new Decoded<>(a, u.build());
  }

  private Address decode(NlMsgCursor c, RawAttributes.Builder u) throws NetlinkException {
    ByteBuffer b = c.buffer();
    int p = c.payloadOffset();
    if (c.payloadLength() < IFADDRMSG_SIZE) {
      throw new NetlinkDecodeException("address message payload " + c.payloadLength() + " bytes, need 8", c.offset());
    }
    int family = b.get(p) & 0xFF;
    if (family != AF_INET && family != AF_INET6) return null;
    int alen = family == AF_INET6 ? 16 : 4;
    int plen = b.get(p + 1) & 0xFF;
    int flags = b.get(p + 2) & 0xFF;
    int scope = b.get(p + 3) & 0xFF;
    int index = b.getInt(p + 4);
    AttrReader a = c.attributes(IFADDRMSG_SIZE, attrs);
    InetAddress local = null;
    InetAddress address = null;
    InetAddress broadcast = null;
    String label = null;
    long metric = 0;
    long valid = Address.FOREVER;
    long preferred = Address.FOREVER;
    while (a.next()) {
      switch (a.type()) {
        case IFA_LOCAL: local = values.address(a, alen, false); break;
        case IFA_ADDRESS: address = values.address(a, alen, false); break;
        case IFA_BROADCAST: broadcast = values.address(a, alen, false); break;
        case IFA_LABEL: label = a.string(); break;
        case IFA_FLAGS: flags = a.u32(); break;
        case IFA_RT_PRIORITY: metric = Integer.toUnsignedLong(a.u32()); break;
        case IFA_CACHEINFO:
          if (a.payloadLength() < 8) {
            a.reject("IFA_CACHEINFO of " + a.payloadLength() + " bytes");
          } else {
            preferred = Integer.toUnsignedLong(b.getInt(a.payloadOffset()));
            valid = Integer.toUnsignedLong(b.getInt(a.payloadOffset() + 4));
          }
          break;
        default:
          if (u != null) u.add(a);
          break;
      }
    }
    a.check();
    if (local == null && address == null) {
      throw new NetlinkDecodeException("address message without IFA_LOCAL/IFA_ADDRESS", c.offset());
    }
    if (index < 0) throw new NetlinkDecodeException("negative ifa_index " + index, c.offset());
    try {
      InetAddress mine = local != null ? local : address;
      CidrAddress peer = local != null && address != null && !local.equals(address)
          ? CidrAddress.of(address, plen) : null;
      String device = names.name(index);
      if (label != null && label.equals(device)) label = null;
      return new Address(CidrAddress.of(mine, plen), peer, broadcast, device, index, Values.scope(scope),
          AddressFlag.ofBits(flags), label, metric, valid, preferred);
    } catch (IllegalArgumentException e) {
      throw new NetlinkDecodeException("invalid address: " + e.getMessage(), c.offset());
    }
  }
}
