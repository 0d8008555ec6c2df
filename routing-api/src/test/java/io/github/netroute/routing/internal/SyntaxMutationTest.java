package io.github.netroute.routing.internal;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.netroute.routing.Address;
import io.github.netroute.routing.CidrAddress;
import io.github.netroute.routing.Family;
import io.github.netroute.routing.IpPrefix;
import io.github.netroute.routing.Route;
import io.github.netroute.routing.RouteLookup;
import io.github.netroute.routing.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Deterministic syntax fuzzing of the public parsers ({@link Route#parse}, {@link Rule#parse}, {@link Address#parse},
 * {@link RouteLookup#parse}, {@link IpPrefix#parse}, {@link CidrAddress#parse}): mutants of the captured
 * {@code ip} lines with tokens dropped, repeated and swapped, numbers out of range (past 2^32, 2^64, negative,
 * hex), non-ASCII text (accents, Arabic-Indic digits, RTL override, zero-width space, NUL), empty and blank input,
 * and very long input (100 000 characters, 20 000 tokens). The only exception allowed is
 * {@link IllegalArgumentException}, and its message must name an offending token: quote one word of the input
 * other than the quoted whole line, or say the input ended. {@code netroute.fuzz.iterations} mutants per parser
 * (default 10 000), seed {@code netroute.fuzz.seed} (default 17); prints the figures.
 */
class SyntaxMutationTest {
  static final int ITERATIONS = Integer.getInteger("netroute.fuzz.iterations", 10_000);
  static final long SEED = Long.getLong("netroute.fuzz.seed", 17L);

  static final String[] NUMBERS = {"-1", "-0", "4294967296", "4294967295", "18446744073709551616",
      "99999999999999999999999", "0x100000000", "0xffffffffffffffff", "256", "65536", "1e10", "NaN", "0x", "+5",
      "010", "1.5", "-2147483648", "2147483648"};
  static final String[] ODD = {"é", "١٢٣", "\u202e", "\u200b", "\u0000", "日本", "\uD83D\uDE00", "ß", "İ",
      "\u00a0", "\u2028"};

  record Target(String name, List<String> seeds, Function<String, Object> parser, boolean single) {}

  static List<Target> targets() {
    List<String> routes = new ArrayList<>();
    Fixtures.routes().forEach(l -> routes.add(l.text()));
    List<String> rules = new ArrayList<>();
    Fixtures.rules().forEach(l -> rules.add(l.text()));
    List<String> addresses = List.of("192.168.1.2/24 dev br0", "2001:db8::1/64 dev eth0 nodad noprefixroute",
        "10.0.0.1/32 peer 10.0.0.2/32 dev br0 scope link metric 10", "192.168.1.2/24 brd 192.168.1.255 dev br0 "
        + "label br0:1", "fe80::1/64 dev br0 scope link valid_lft 100 preferred_lft 50", "127.0.0.2/8 dev lo");
    List<String> lookups = List.of("10.0.0.1", "10.0.0.1 from 192.168.1.2 iif br0", "2001:db8::1 oif br0 mark 0x10",
        "10.96.0.1 from 10.0.0.5 tos 0x10 uid 1000 ipproto tcp sport 80 dport 443", "default", "fibmatch 10.0.0.1");
    List<String> prefixes = List.of("10.0.0.0/8", "2001:db8::/32", "default", "::1", "192.168.1.2", "0.0.0.0/0",
        "::ffff:10.0.0.1/128", "fe80::/10");
    return List.of(
        new Target("Route.parse", routes, Route::parse, false),
        new Target("Rule.parse", rules, s -> Rule.parse(s, s.contains(":") && s.matches(".*[0-9a-f]:[0-9a-f:].*")
            ? Family.INET6 : null), false),
        new Target("Address.parse", addresses, Address::parse, false),
        new Target("RouteLookup.parse", lookups, RouteLookup::parse, false),
        new Target("IpPrefix.parse", prefixes, IpPrefix::parse, true),
        new Target("CidrAddress.parse", prefixes, CidrAddress::parse, true));
  }

  @Test
  void mutatedLinesThrowOnlyIllegalArgumentExceptionNamingTheToken() {
    List<String> problems = new ArrayList<>();
    for (Target t : targets()) {
      Random rnd = new Random(SEED ^ t.name().hashCode());
      int parsed = 0;
      int rejected = 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < ITERATIONS; i++) {
        String line = mutate(rnd, t.seeds().get(rnd.nextInt(t.seeds().size())));
        try {
          t.parser().apply(line);
          parsed++;
        } catch (IllegalArgumentException e) {
          rejected++;
          String why = unnamed(line, e.getMessage(), t.single());
          if (why != null && problems.size() < 20) problems.add(t.name() + ": " + why);
        } catch (RuntimeException | StackOverflowError e) {
          if (problems.size() < 20) problems.add(t.name() + ": " + e + " for " + show(line));
        }
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("syntax-fuzz %-18s inputs %,d  parsed %,d  rejected %,d  %.2f s  %,.0f inputs/s%n",
          t.name(), ITERATIONS, parsed, rejected, s, ITERATIONS / s);
    }
    if (!problems.isEmpty()) fail(String.join("\n", problems));
  }

  private static final java.util.regex.Pattern AT_POSITION =
      java.util.regex.Pattern.compile("\"([^\"]*)\" at position [0-9]+");
  private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("\"([^\"]*)\"");

  /**
   * Null when {@code message} names an offending token of {@code line}; otherwise why not. A line parser must quote
   * one of the line's words (apart from the whole line, which it quotes for context), say the input ended, or be a
   * whole-line error about a missing or inconsistent part. A single-value parser ({@code single}) must quote the
   * value or its address part.
   */
  static String unnamed(String line, String message, boolean single) {
    if (message == null || message.isBlank()) return "no message for " + show(line);
    if (single) {
      String addr = line.indexOf('/') < 0 ? line : line.substring(0, line.indexOf('/'));
      return message.contains("\"" + addr + "\"") || message.contains("\"" + line + "\"")
          || message.contains("\"" + line.substring(line.indexOf('/') + 1) + "\"") ? null
          : "value not named: " + cut(message) + " for " + show(line);
    }
    if (line.isBlank()) {
      return message.contains("end of input") || message.contains("empty") || message.contains("no ")
          ? null : "blank input without saying so: " + message;
    }
    // words as the parsers split them (Character.isWhitespace, so U+2028 separates words too)
    java.util.Set<String> words = new java.util.HashSet<>();
    for (String w : line.split("[\\s\\p{javaWhitespace}]+")) {
      if (!w.isEmpty()) words.add(w);
    }
    String whole = "\"" + (line.length() > 200 ? line.substring(0, 200) + "…" : line).replace("\n", "\\n")
        .replace("\t", "\\t") + "\"";
    // Tokens names a word as `"WORD" at position N` (or `token "WORD" at position N` after a value error)
    java.util.regex.Matcher at = AT_POSITION.matcher(message);
    while (at.find()) {
      if (words.contains(at.group(1))) return null;
    }
    String rest = message.replace(whole, "");
    if (rest.contains("end of input") || rest.contains("missing ")) return null;
    // a whole-line error says what is missing or inconsistent; there is no one token to name
    if (WHOLE_LINE.matcher(rest).lookingAt()) return null;
    java.util.regex.Matcher m = QUOTED.matcher(rest);
    while (m.find()) {
      String q = m.group(1);
      if (words.contains(q)) return null;
      for (String w : words) {
        if (w.length() > q.length() && !q.isEmpty() && (w.startsWith(q + "/") || w.endsWith("/" + q))) return null;
      }
    }
    return "no token named: " + cut(message) + " for " + show(line);
  }

  private static String cut(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  /** Messages about the line as a whole (Tokens.whole): a required part is missing, or parts disagree. */
  static final java.util.regex.Pattern WHOLE_LINE = java.util.regex.Pattern.compile(
      "(no |empty |an? [a-z ]+ needs |a multipath route |broadcast |.* at the end in )");

  static String show(String s) {
    String t = s.length() > 120 ? s.substring(0, 120) + "…(" + s.length() + " chars)" : s;
    return "\"" + t.replace("\n", "\\n").replace("\t", "\\t") + "\"";
  }

  static String mutate(Random rnd, String line) {
    List<String> w = new ArrayList<>(Arrays.asList(line.trim().split("\\s+")));
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      int at = w.isEmpty() ? 0 : rnd.nextInt(w.size());
      switch (rnd.nextInt(11)) {
        case 0: if (!w.isEmpty()) w.remove(at); break; // dropped
        case 1: if (!w.isEmpty()) w.add(at, w.get(at)); break; // repeated
        case 2: if (w.size() > 1) { // swapped with a neighbour or any other
            int other = rnd.nextBoolean() ? Math.min(w.size() - 1, at + 1) : rnd.nextInt(w.size());
            String x = w.get(at);
            w.set(at, w.get(other));
            w.set(other, x);
          }
          break;
        case 3: { // a number out of range, in place of a number or anywhere
          String num = NUMBERS[rnd.nextInt(NUMBERS.length)];
          int k = firstNumber(w, rnd);
          if (k >= 0) w.set(k, w.get(k).replaceFirst("[0-9]+", num.replace("$", "")));
          else if (!w.isEmpty()) w.set(at, num);
          break;
        }
        case 4: if (!w.isEmpty()) { // non-ASCII inside a word
            String s = w.get(at);
            int c = rnd.nextInt(s.length() + 1);
            w.set(at, s.substring(0, c) + ODD[rnd.nextInt(ODD.length)] + s.substring(c));
          }
          break;
        case 5: if (!w.isEmpty()) w.set(at, w.get(at).substring(0, rnd.nextInt(w.get(at).length() + 1))); break;
        case 6: if (!w.isEmpty()) w.set(at, "/" + w.get(at)); break;
        case 7: if (rnd.nextInt(20) == 0) return rnd.nextBoolean() ? "" : " \t "; break; // empty / blank
        case 8: if (rnd.nextInt(20) == 0) { // very long: one huge word or many words
            if (rnd.nextBoolean()) {
              w.add(at, "1".repeat(100_000));
            } else {
              String x = w.isEmpty() ? "dev" : w.get(at);
              for (int k = 0; k < 10_000; k++) {
                w.add(x);
                w.add(x);
              }
            }
          }
          break;
        case 9: if (!w.isEmpty()) w.set(at, w.get(at) + "/" + NUMBERS[rnd.nextInt(NUMBERS.length)]); break;
        default: if (!w.isEmpty()) w.set(at, w.get(at).toUpperCase(java.util.Locale.ROOT)); break;
      }
    }
    return String.join(" ", w);
  }

  private static int firstNumber(List<String> w, Random rnd) {
    List<Integer> k = new ArrayList<>();
    for (int i = 0; i < w.size(); i++) {
      if (w.get(i).matches(".*[0-9].*")) k.add(i);
    }
    return k.isEmpty() ? -1 : k.get(rnd.nextInt(k.size()));
  }
}
