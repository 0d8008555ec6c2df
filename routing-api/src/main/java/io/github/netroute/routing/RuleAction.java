package io.github.netroute.routing;

/**
 * What a policy rule does when it matches ({@code FR_ACT_*}). A closed set.
 *
 * <pre>{@code
 * RuleAction a = RuleAction.lookup(RouteTable.of(44));   // "lookup 44"
 * RuleAction.gotoPriority(32000);                         // "goto 32000"
 * switch (a) { case RuleAction.Lookup l -> l.table(); ... }   // pattern matching on Java 21
 * }</pre>
 * <p>Every action is an immutable value, safe to share between threads.
 */
public sealed interface RuleAction {
    /**
     * The kernel's FR_ACT_* number.
     *
     * @return the kernel's FR_ACT_* number
     */
    int number();

    /**
     * {@code lookup TABLE} (FR_ACT_TO_TBL = 1).
     *
     * <pre>{@code
     * RuleAction a = RuleAction.lookup(RouteTable.of(44));
     * Rule.parse("from 10.0.0.0/32 table 44").action();   // the same: new RuleAction.Lookup(RouteTable.of(44))
     * a.toString();                                       // "lookup 44"
     * }</pre>
     *
     * @param table the table to consult
     */
    record Lookup(RouteTable table) implements RuleAction {
        /**
         * Requires a table.
         *
         * @param table the table to consult
         */
        public Lookup {
            java.util.Objects.requireNonNull(table, "table");
        }

        @Override
        public int number() {
            return 1;
        }

        @Override
        public String toString() {
            return "lookup " + table;
        }
    }

    /**
     * {@code goto PRIORITY} (FR_ACT_GOTO = 2).
     *
     * <pre>{@code
     * RuleAction a = RuleAction.gotoPriority(32000);      // new RuleAction.Goto(32000)
     * Rule.parse("pref 100 fwmark 0x1 goto 32000").action().equals(a);   // true
     * }</pre>
     *
     * @param target the priority to jump to
     */
    record Goto(long target) implements RuleAction {
        /**
         * Validates the range.
         *
         * @param target the priority to jump to
         */
        public Goto {
            if (target < 0 || target > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("goto target " + target + " out of range 0..4294967295");
            }
        }

        @Override
        public int number() {
            return 2;
        }

        @Override
        public String toString() {
            return "goto " + target;
        }
    }

    /**
     * {@code nop} (FR_ACT_NOP = 3): matches and continues.
     *
     * <pre>{@code
     * Rule r = Rule.parse("pref 100 nop");
     * r.action() instanceof RuleAction.Nop;               // true: matches, counts, and goes on to the next rule
     * }</pre>
     */
    record Nop() implements RuleAction {
        @Override
        public int number() {
            return 3;
        }

        @Override
        public String toString() {
            return "nop";
        }
    }

    /**
     * {@code blackhole} (FR_ACT_BLACKHOLE = 6): the lookup fails with EINVAL.
     *
     * <pre>{@code
     * Rule r = Rule.parse("from 10.1.0.0/16 blackhole");
     * r.action().equals(RuleAction.blackhole());          // true
     * }</pre>
     */
    record Blackhole() implements RuleAction {
        @Override
        public int number() {
            return 6;
        }

        @Override
        public String toString() {
            return "blackhole";
        }
    }

    /**
     * {@code unreachable} (FR_ACT_UNREACHABLE = 7): the lookup fails with ENETUNREACH.
     *
     * <pre>{@code
     * Rule r = Rule.parse("to 10.2.0.0/16 unreachable");
     * r.action().equals(RuleAction.unreachable());        // true; a lookup then fails with ENETUNREACH
     * }</pre>
     */
    record Unreachable() implements RuleAction {
        @Override
        public int number() {
            return 7;
        }

        @Override
        public String toString() {
            return "unreachable";
        }
    }

    /**
     * {@code prohibit} (FR_ACT_PROHIBIT = 8): the lookup fails with EACCES.
     *
     * <pre>{@code
     * Rule r = Rule.parse("from 10.3.0.0/16 prohibit");
     * r.action().equals(RuleAction.prohibit());           // true; a lookup then fails with EACCES
     * }</pre>
     */
    record Prohibit() implements RuleAction {
        @Override
        public int number() {
            return 8;
        }

        @Override
        public String toString() {
            return "prohibit";
        }
    }

    /**
     * {@code lookup TABLE}.
     *
     * @param table the table
     * @return the action
     */
    static RuleAction lookup(RouteTable table) {
        return new Lookup(table);
    }

    /**
     * {@code goto PRIORITY}.
     *
     * @param target the priority of the rule to go to
     * @return the action
     */
    static RuleAction gotoPriority(long target) {
        return new Goto(target);
    }

    /**
     * {@code nop}.
     *
     * @return the action
     */
    static RuleAction nop() {
        return new Nop();
    }

    /**
     * {@code blackhole}.
     *
     * @return the action
     */
    static RuleAction blackhole() {
        return new Blackhole();
    }

    /**
     * {@code unreachable}.
     *
     * @return the action
     */
    static RuleAction unreachable() {
        return new Unreachable();
    }

    /**
     * {@code prohibit}.
     *
     * @return the action
     */
    static RuleAction prohibit() {
        return new Prohibit();
    }
}
