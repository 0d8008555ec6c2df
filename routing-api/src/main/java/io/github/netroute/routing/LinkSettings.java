package io.github.netroute.routing;

/**
 * What one {@code ip link set NAME ...} changes, sent as one RTM_NEWLINK: each field null leaves that property
 * as it is.
 *
 * <pre>{@code
 * routing.setLink("veth1", LinkSettings.NONE.withMtu(1400).withUp(true));      // ip link set veth1 mtu 1400 up
 * routing.setLink("veth1", LinkSettings.NONE.withMaster("br0"));               // ip link set veth1 master br0
 * routing.setLink("veth1", LinkSettings.NONE.withMaster(""));                  // ip link set veth1 nomaster
 * routing.setLink("veth2", LinkSettings.NONE.withNetns("ns2"));                // ip link set veth2 netns ns2
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param up administratively up or down, or null
 * @param mtu the MTU, or null
 * @param address the hardware address {@code aa:bb:cc:dd:ee:ff}, or null
 * @param newName the new name, or null
 * @param alias the alias ({@code ""} removes it), or null
 * @param master the master device ({@code ""}: no master, {@code nomaster}), or null
 * @param netns the named namespace to move the link to, or null
 */
public record LinkSettings(Boolean up, Integer mtu, String address, String newName, String alias, String master,
        String netns) {
    /** Changes nothing. */
    public static final LinkSettings NONE = new LinkSettings(null, null, null, null, null, null, null);

    /**
     * Validates the values.
     *
     * @param up up or down, or null
     * @param mtu the MTU, or null
     * @param address the hardware address, or null
     * @param newName the new name, or null
     * @param alias the alias, or null
     * @param master the master ({@code ""}: none), or null
     * @param netns the namespace, or null
     */
    public LinkSettings {
        if (mtu != null && mtu < 0) {
            throw new IllegalArgumentException("mtu " + mtu + " is negative");
        }
        if (address != null && !address.matches("[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}")) {
            throw new IllegalArgumentException("invalid hardware address \"" + address + "\"");
        }
        if (newName != null && (newName.isEmpty() || newName.length() > 15
                || newName.chars().anyMatch(c -> c <= ' ' || c == '/' || c == ':'))) {
            throw new IllegalArgumentException("invalid device name \"" + newName + "\"");
        }
        if (alias != null && alias.length() > 255) {
            throw new IllegalArgumentException("alias longer than 255 characters");
        }
    }

    /**
     * Up or down.
     *
     * @param v true for up
     * @return the changed copy
     */
    public LinkSettings withUp(boolean v) {
        return new LinkSettings(v, mtu, address, newName, alias, master, netns);
    }

    /**
     * The MTU.
     *
     * @param v the MTU
     * @return the changed copy
     */
    public LinkSettings withMtu(int v) {
        return new LinkSettings(up, v, address, newName, alias, master, netns);
    }

    /**
     * The hardware address.
     *
     * @param v {@code aa:bb:cc:dd:ee:ff}
     * @return the changed copy
     */
    public LinkSettings withAddress(String v) {
        return new LinkSettings(up, mtu, v, newName, alias, master, netns);
    }

    /**
     * A new name.
     *
     * @param v the name
     * @return the changed copy
     */
    public LinkSettings withName(String v) {
        return new LinkSettings(up, mtu, address, v, alias, master, netns);
    }

    /**
     * The alias.
     *
     * @param v the alias, {@code ""} to remove it
     * @return the changed copy
     */
    public LinkSettings withAlias(String v) {
        return new LinkSettings(up, mtu, address, newName, v, master, netns);
    }

    /**
     * The master device.
     *
     * @param v the master's name, {@code ""} for none
     * @return the changed copy
     */
    public LinkSettings withMaster(String v) {
        return new LinkSettings(up, mtu, address, newName, alias, v, netns);
    }

    /**
     * The namespace to move to.
     *
     * @param v a named namespace
     * @return the changed copy
     */
    public LinkSettings withNetns(String v) {
        return new LinkSettings(up, mtu, address, newName, alias, master, v);
    }
}
