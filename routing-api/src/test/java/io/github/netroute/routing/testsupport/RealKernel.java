package io.github.netroute.routing.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one gate for tests that need the real kernel: Linux, root (CAP_NET_ADMIN and CAP_SYS_ADMIN to make
 * throwaway network namespaces) and iproute2's {@code ip} to set up and read back. Every such test is tagged
 * {@value #TAG}: JUnit classes with {@link RealKernelTest}, jqwik classes with
 * {@code @net.jqwik.api.Tag(RealKernel.TAG)} plus a call to {@link #assumeAvailable()}.
 *
 * <p>{@code mvn verify -DexcludedGroups=real-kernel} runs only the tests that need no root. Surefire hands the
 * excluded groups to the test JVM as {@code netroute.excludedGroups}; a test that reaches this gate while
 * {@value #TAG} is excluded is missing its tag, and fails saying so instead of being skipped silently.
 */
public final class RealKernel implements ExecutionCondition {
    /** The JUnit Platform tag of every real-kernel test. */
    public static final String TAG = "real-kernel";

    private static volatile String skipReason;
    private static volatile boolean checked;

    /** Used by {@link RealKernelTest}. */
    public RealKernel() {}

    /**
     * Why real-kernel tests cannot run here, or null when they can.
     *
     * @return the reason or null
     */
    public static synchronized String skipReason() {
        if (!checked) {
            if (!System.getProperty("os.name", "").toLowerCase().startsWith("linux")) {
                skipReason = "needs Linux rtnetlink";
            } else if (!isRoot()) {
                skipReason = "needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN for network namespaces)";
            } else if (!canRun("ip", "-V")) {
                skipReason = "needs iproute2's ip on the PATH to set up and read back namespaces";
            }
            checked = true;
        }
        return skipReason;
    }

    /** Aborts (skips) the calling test, saying why, unless the real kernel can be used here. */
    public static void assumeAvailable() {
        checkTagged();
        String why = skipReason();
        Assumptions.assumeTrue(why == null, () -> "real-kernel test skipped: " + why);
    }

    /** Whether this test JVM runs with the {@value #TAG} tag excluded. @return true if so */
    static boolean tagExcluded() {
        String excluded = System.getProperty("netroute.excludedGroups", "");
        return Arrays.stream(excluded.split("[,\\s]+")).anyMatch(TAG::equals);
    }

    private static void checkTagged() {
        if (tagExcluded()) {
            throw new AssertionError("this test uses the real kernel but is not tagged '" + TAG
                    + "' (annotate it @RealKernelTest, or @net.jqwik.api.Tag(RealKernel.TAG) for jqwik)");
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!context.getTags().contains(TAG)) {
            checkTagged();
        }
        String why = skipReason();
        return why == null
                ? ConditionEvaluationResult.enabled("real kernel available")
                : ConditionEvaluationResult.disabled("real-kernel test skipped: " + why);
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static boolean canRun(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
