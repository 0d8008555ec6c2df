package io.github.netroute.routing.netlink;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * For real-kernel test classes that share one namespace: before the class's tests (and before its own
 * {@code @BeforeAll}, which builds the state it needs on {@link #r}), a throwaway namespace {@link #ns}
 * ({@link Kernel#newNamespace()}) and a client {@link #r} on it; after them, the client closed and the namespace
 * deleted. Skips with the reason unless the real kernel can be used ({@link Kernel#assumeKernel()}).
 *
 * <p>The fields are the subclass's for the time its tests run: test classes run one after another here (no parallel
 * execution is configured), each with a namespace of its own.
 */
public abstract class NamespaceFixture {
  /** The namespace's name, {@code nr-nl-<random>}. */
  protected static String ns;
  /** The client on {@link #ns}. */
  protected static NetlinkRouting r;

  /** For subclasses. */
  protected NamespaceFixture() {}

  @BeforeAll
  static void openNamespace() throws Exception {
    Kernel.assumeKernel();
    ns = Kernel.newNamespace();
    r = NetlinkRouting.open(ns);
  }

  @AfterAll
  static void deleteNamespace() {
    if (r != null) r.close();
    r = null;
    Kernel.deleteNamespace(ns);
    ns = null;
  }
}
