package io.github.netroute.routing.netlink.internal.sys;

/** The platform gate: checked before any JNA class is touched. */
final class Os {
  private Os() {}

  /** Throws {@link UnsupportedOperationException} unless this is a 64-bit Linux JVM. Pure Java, no JNA. */
  static void requireLinux() {
    String os = System.getProperty("os.name", "unknown");
    String arch = System.getProperty("os.arch", "unknown");
    if (!os.startsWith("Linux")) {
      throw new UnsupportedOperationException("netroute needs Linux rtnetlink; this is " + os + " (" + arch + ")");
    }
    String model = System.getProperty("sun.arch.data.model", "64");
    if (!"64".equals(model)) {
      throw new UnsupportedOperationException("netroute needs a 64-bit JVM; this is " + model + "-bit " + arch);
    }
  }
}
