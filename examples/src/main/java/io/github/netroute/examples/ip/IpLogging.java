package io.github.netroute.examples.ip;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the {@code ip} entry point ({@link IpMain}): warnings and errors on stderr in the line
 * format of the netroute command's logback configuration ({@code HH:mm:ss.SSS LEVEL Logger: message}), without
 * starting logback (its XML configuration is a sixth of {@code ip}'s start-up). The netroute command's other
 * commands keep logback.
 *
 * <pre>{@code
 * java -Dslf4j.provider=io.github.netroute.examples.ip.IpLogging -cp netroute.jar ...
 * }</pre>
 */
public final class IpLogging implements SLF4JServiceProvider {
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, StderrLogger::new);
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** Chooses this provider (before anything asks SLF4J for a logger), unless one is chosen already. */
    static void select() {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", IpLogging.class.getName());
            // SLF4J reports the explicit choice at INFO on stderr; ip prints nothing of the kind
            if (System.getProperty("slf4j.internal.verbosity") == null) {
                System.setProperty("slf4j.internal.verbosity", "WARN");
            }
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to read
    }

    /** WARN and ERROR on stderr as {@code %d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n}. */
    private static final class StderrLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
        private final String shortName;

        StderrLogger(String name) {
            this.name = name;
            this.shortName = name.substring(name.lastIndexOf('.') + 1);
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return false;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
                Object[] arguments, Throwable throwable) {
            if (level != Level.WARN && level != Level.ERROR) {
                return;
            }
            String msg = MessageFormatter.basicArrayFormat(messagePattern, arguments);
            PrintStream err = System.err;
            synchronized (err) {
                err.println(LocalTime.now().format(TIME) + " " + String.format("%-5s", level) + " " + shortName + ": "
                        + msg);
                if (throwable != null) {
                    throwable.printStackTrace(err);
                }
            }
        }
    }
}
