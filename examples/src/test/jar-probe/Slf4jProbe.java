/**
 * Run by NetrouteJarIT with the source launcher, with only netroute.jar on the class path
 * ({@code java -cp netroute.jar Slf4jProbe.java}): logs one warning through SLF4J, as the library does, and prints
 * which logger factory SLF4J bound to. Without a provider inside the jar, SLF4J falls back to NOP and says so on
 * stderr.
 */
public class Slf4jProbe {
  public static void main(String[] args) {
    org.slf4j.LoggerFactory.getLogger("netroute.probe").warn("slf4j-probe-message");
    System.out.println("factory " + org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName());
  }
}
