package io.github.netroute.routing;

/**
 * The outcome of one {@link Change} in a batch: success, or the typed error the kernel gave for it.
 *
 * <pre>{@code
 * for (ChangeResult r : routing.apply(changes)) {
 *     if (!r.ok()) System.err.println(r.change() + ": " + r.error().errno());
 * }
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 *
 * @param change the change
 * @param error the error, or null on success
 */
public record ChangeResult(Change change, RoutingException error) {
    /**
     * Requires the change.
     *
     * @param change the change
     * @param error the error, or null on success
     */
    public ChangeResult {
        java.util.Objects.requireNonNull(change, "change");
    }

    /**
     * A success.
     *
     * @param change the change that succeeded
     * @return a success
     */
    public static ChangeResult ok(Change change) {
        return new ChangeResult(change, null);
    }

    /**
     * Whether the change succeeded.
     *
     * @return whether the change succeeded
     */
    public boolean ok() {
        return error == null;
    }

    @Override
    public String toString() {
        return (error == null ? "ok    " : "FAILED ") + change + (error == null ? "" : ": " + error.errno()
                + (error.extack() != null ? ": " + error.extack() : ""));
    }
}
