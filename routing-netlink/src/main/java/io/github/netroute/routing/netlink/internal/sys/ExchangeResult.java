package io.github.netroute.routing.netlink.internal.sys;

/**
 * How an exchange ended.
 *
 * @param messages reply messages handed to the {@link ReplyHandler}
 * @param dumpInterrupted some reply carried NLM_F_DUMP_INTR: the kernel's table changed during the dump, so the
 *     result may be inconsistent and the dump should be retried
 */
public record ExchangeResult(int messages, boolean dumpInterrupted) {}
