package io.github.netroute.examples.agent;

/**
 * A failure that ends {@code netroute agent --once} (or the start of watch mode) with a non-zero exit: the API
 * server cannot be reached, the Node does not exist, a change failed (and was rolled back).
 *
 * <pre>{@code
 * try { agent.once(out); } catch (AgentException e) { System.err.println("netroute agent: " + e.getMessage()); }
 * }</pre>
 */
public final class AgentException extends Exception {
    private static final long serialVersionUID = 1L;

    /** With a message saying what went wrong. */
    public AgentException(String message) {
        super(message);
    }

    /** With a message and the cause. */
    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
