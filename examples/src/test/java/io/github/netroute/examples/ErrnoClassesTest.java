package io.github.netroute.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.netroute.routing.Errno;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RoutingException;
import io.github.netroute.routing.netlink.internal.codec.RoutingErrors;
import io.github.netroute.routing.netlink.internal.wire.NetlinkErrorException;
import io.github.netroute.routing.testkit.InMemoryKernel;
import io.github.netroute.routing.testkit.InjectedFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same errno is the same {@link RoutingException} subclass whichever implementation raised it: the rtnetlink
 * client (its error mapping, fed the kernel's NLMSG_ERROR as the socket layer decodes it) and the in-memory kernel
 * (a failure injected with that errno). Both messages carry the errno and the kernel's extended-ack text.
 * The live comparison of the two on a real namespace is {@code InMemoryVsKernelProperties} (exception classes
 * compared on every step) and {@code RealErrnoClassesTest}.
 */
class ErrnoClassesTest {

    private static final Route ROUTE = Route.parse("10.0.0.0/8 dev eth0");

    @Test
    void everyErrnoIsTheSameSubclassFromTheNetlinkClientAndTheInMemoryKernel() throws Exception {
        Map<Class<?>, Integer> seen = new LinkedHashMap<>();
        for (int n = 1; n <= 140 || n == 524; n = n == 140 ? 524 : n + 1) {
            Errno errno = Errno.of(n);
            String extack = "extack text for errno " + n;
            RoutingException fromNetlink = RoutingErrors.of("RTM_NEWROUTE", ROUTE.toString(),
                    new NetlinkErrorException("RTM_NEWROUTE", n, extack, -1, null));
            RoutingException fromMemory;
            try (InMemoryKernel k = InMemoryKernel.typicalNode()) {
                k.inject(InjectedFailure.errno("RTM_NEWROUTE", errno, extack));
                fromMemory = assertThrows(RoutingException.class, () -> k.addRoute(ROUTE));
            }
            assertSame(fromNetlink.getClass(), fromMemory.getClass(), errno.toString());
            assertSame(RoutingException.of("x", "", errno, null).getClass(), fromNetlink.getClass(), errno.toString());
            assertEquals(errno, fromNetlink.errno());
            assertEquals(errno, fromMemory.errno());
            for (RoutingException e : new RoutingException[] {fromNetlink, fromMemory}) {
                assertEquals(extack, e.extack());
                assertTrue(e.getMessage().contains(errno.name()) && e.getMessage().contains(extack), e.getMessage());
            }
            seen.merge(fromNetlink.getClass(), 1, Integer::sum);
        }
        // every class of the table in RoutingException's Javadoc is reached
        for (Class<?> c : new Class<?>[] {RoutingException.Exists.class, RoutingException.NotFound.class,
            RoutingException.Permission.class, RoutingException.InvalidArgument.class,
            RoutingException.Unreachable.class, RoutingException.Busy.class, RoutingException.NoBufferSpace.class,
            RoutingException.NotSupported.class, RoutingException.Interrupted.class, RoutingException.class}) {
            assertTrue(seen.containsKey(c), c + " never raised: " + seen);
        }
    }

    @Test
    void theErrnoClassesAreTheDocumentedOnes() {
        Map<Errno, Class<?>> want = new LinkedHashMap<>();
        want.put(Errno.EEXIST, RoutingException.Exists.class);
        for (Errno e : new Errno[] {Errno.ENOENT, Errno.ESRCH, Errno.ENODEV, Errno.ENXIO, Errno.EADDRNOTAVAIL}) {
            want.put(e, RoutingException.NotFound.class);
        }
        want.put(Errno.EPERM, RoutingException.Permission.class);
        want.put(Errno.EACCES, RoutingException.Permission.class);
        for (Errno e : new Errno[] {Errno.EINVAL, Errno.ERANGE, Errno.E2BIG, Errno.EMSGSIZE}) {
            want.put(e, RoutingException.InvalidArgument.class);
        }
        for (Errno e : new Errno[] {Errno.ENETUNREACH, Errno.EHOSTUNREACH, Errno.ENETDOWN}) {
            want.put(e, RoutingException.Unreachable.class);
        }
        want.put(Errno.EBUSY, RoutingException.Busy.class);
        want.put(Errno.EAGAIN, RoutingException.Busy.class);
        for (Errno e : new Errno[] {Errno.ENOBUFS, Errno.ENOMEM, Errno.ENOSPC}) {
            want.put(e, RoutingException.NoBufferSpace.class);
        }
        for (Errno e : new Errno[] {Errno.EOPNOTSUPP, Errno.ENOTSUPP, Errno.EAFNOSUPPORT, Errno.EPROTONOSUPPORT}) {
            want.put(e, RoutingException.NotSupported.class);
        }
        want.put(Errno.EINTR, RoutingException.Interrupted.class);
        want.put(Errno.EBADMSG, RoutingException.class);
        want.forEach((errno, cls) -> assertSame(cls, RoutingException.of("op", "", errno, null).getClass(),
                errno.toString()));
    }
}
