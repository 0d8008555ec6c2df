package io.github.netroute.examples.ip;

import java.util.List;

/**
 * An object of iproute2's table that netroute does not do ({@code maddress}, {@code xfrm}, {@code netns}...): it
 * is there so that abbreviations resolve as iproute2 resolves them ({@code ip m} is {@code ip maddress}, not
 * {@code ip monitor}), and {@code ip OBJECT help} prints iproute2's text; anything else is netroute's one-line
 * refusal (exit 1, a failed line in a batch).
 */
final class UnsupportedObject extends IpObject {
    private final String message;

    UnsupportedObject(String name) {
        this(name, "netroute ip: \"ip " + name + "\" is not supported");
    }

    UnsupportedObject(String name, String message) {
        super(name, false, "help");
        this.message = message;
    }

    @Override
    void run(IpContext ip, List<String> a) throws IpError {
        throw new IpError(message);
    }
}
