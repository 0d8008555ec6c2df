package io.github.netroute.routing.testkit;

import io.github.netroute.routing.Errno;

/** Device name/index resolution as the netlink client does before sending (unknown name: ENODEV). */
final class Devices {
    private Devices() {}

    static KernelState.Dev resolve(KernelState k, String name, int index) throws KErr {
        if (name != null) {
            KernelState.Dev d = k.byName.get(name);
            if (d == null || (index != 0 && d.index != index)) {
                throw KErr.of(Errno.ENODEV);
            }
            return d;
        }
        if (index != 0) {
            KernelState.Dev d = k.devs.get(index);
            if (d == null) {
                throw KErr.of(Errno.ENODEV);
            }
            return d;
        }
        return null;
    }
}
