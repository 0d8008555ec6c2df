/**
 * {@code netroute ip}: an iproute2-compatible {@code ip} (6.1's output, error lines and exit codes) run through a
 * {@link io.github.netroute.routing.Routing}, on the real kernel or on the in-memory one.
 *
 * <h2>Layout</h2>
 * <ul>
 * <li>{@link io.github.netroute.examples.ip.IpMain}: {@code ip}'s entry point (the launcher's {@code ip} mode,
 *     and {@code netroute ip}), which runs {@code IpCommand} without picocli and with {@code IpLogging} instead of
 *     logback (start-up time); {@code IpTraining} is the launcher's class-data-sharing training run.</li>
 * <li>{@link io.github.netroute.examples.ip.IpCommand}: the command (picocli only for {@code netroute ip --help});
 *     {@code IpOptions} parses the global options as ip.c does ({@code -4/-6/-0/-M/-B/-f}, {@code -n}, {@code -br},
 *     {@code -o}, {@code -c}, {@code -batch}, {@code -force}, netroute's {@code --host}, {@code --state}...);
 *     opening the kernel, the {@code --state} journal.</li>
 * <li>{@link io.github.netroute.examples.ip.IpTool}: the dispatcher. Its object table (iproute2's order, which
 *     decides abbreviations) maps an object to its {@code IpObject}; it turns errors into iproute2's lines and exit
 *     codes and runs batches ({@code Command failed}, {@code -force}, fatal argument errors).</li>
 * <li>One {@code IpObject} per object: {@code AddressCommand}, {@code RouteCommand}, {@code RuleCommand},
 *     {@code LinkCommand}, {@code NexthopCommand}; each knows its commands in iproute2's matching order. The objects
 *     netroute does not do are {@code UnsupportedObject}s in the table; {@code IpHelp} prints iproute2's help texts
 *     (resources under {@code help/}); {@code OtherFamily} is what {@code -0}, {@code -M}, {@code -B} do. {@code RouteSelector} is the
 *     selector of {@code ip route show|flush}. {@code IpArgs} holds iproute2's own argument checks,
 *     {@code IpError} its usage errors, {@code IpContext} what the objects of one run share.</li>
 * <li>{@code MonitorCommand} ({@code ip monitor}) subscribes and prints each
 *     {@link io.github.netroute.routing.RoutingEvent} through the printer's event methods until interrupted; its
 *     {@code print} is the one dispatch over the event types (nexthop notifications go there when they exist).
 *     {@code IpCommand}'s {@code --events FILE} uses it to log the in-memory kernel's notifications.</li>
 * </ul>
 *
 * <h2>Output</h2>
 * Object commands never print themselves: everything on stdout goes through the
 * {@link io.github.netroute.examples.ip.Printer} of the run, one call per listed entry (a route, a rule, a link,
 * a link with its addresses, a lookup result). What is shown (which entries, which fields iproute2 omits for a
 * selector) is decided by the command; how it looks by the printer.
 * {@link io.github.netroute.examples.ip.TextPrinter} is iproute2's text: routes, rules and lookup results through
 * routing-api's iproute2 syntax ({@code toString()}), links and addresses formatted in the printer.
 * {@code OnelinePrinter} ({@code -o}) and {@code BriefPrinter} ({@code -br}) reshape its text, so the three agree.
 *
 * <p>A JSON printer ({@code ip -json}) is meant to sit beside it as a second {@code Printer}, chosen in
 * {@code IpCommand} from a {@code -j/-json} option and passed to {@code IpTool}'s
 * {@code (Routing, Printer, PrintStream)} constructor. It will need to know where a listing starts and ends (iproute2
 * prints one JSON array per command, {@code []} when empty), which would be a pair of calls around the loops in
 * the {@code show} commands; error lines stay text on stderr in both modes. Not written yet.
 */
package io.github.netroute.examples.ip;
