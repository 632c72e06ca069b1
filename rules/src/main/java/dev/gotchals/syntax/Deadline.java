package dev.gotchals.syntax;

import java.util.function.Supplier;

/**
 * A time budget for the work running on the current thread, checked cooperatively: Java cannot stop a thread
 * safely, so tree walks ({@link Node#forEachDescendant}) and the rules' own loops call {@link #check()}, which
 * throws {@link Exceeded} once the budget is spent. The rule engine sets one per rule and catches it. Without a
 * budget, {@link #check()} does nothing.
 */
public final class Deadline {
    /** Clock reads are amortised: {@link #check()} looks at the clock once per this many calls. */
    private static final int CALLS_PER_CLOCK_READ = 64;
    private static final ThreadLocal<Budget> CURRENT = new ThreadLocal<>();
    /** All the time this thread has spent off the clock, for measuring what a rule itself took. */
    private static final ThreadLocal<long[]> PAUSED_TOTAL = ThreadLocal.withInitial(() -> new long[1]);

    private Deadline() {
    }

    /**
     * Thrown by {@link #check()} when the current budget is spent, with the time spent on the clock. Carries no
     * stack trace: it is not a bug.
     */
    public static final class Exceeded extends RuntimeException {
        private final long elapsedMillis;

        Exceeded(long elapsedMillis) {
            super("stopped after " + elapsedMillis + " ms", null, false, false);
            this.elapsedMillis = elapsedMillis;
        }

        public long elapsedMillis() {
            return elapsedMillis;
        }
    }

    private static final class Budget {
        final long started;
        long deadline;
        long paused;
        int countdown = CALLS_PER_CLOCK_READ;

        Budget(long started, long deadline) {
            this.started = started;
            this.deadline = deadline;
        }
    }

    /** Runs {@code work} with {@code millis} to spend; {@link #check()} inside it throws once they are spent. */
    public static <T> T within(long millis, Supplier<T> work) {
        Budget previous = CURRENT.get();
        long now = System.nanoTime();
        CURRENT.set(new Budget(now, now + millis * 1_000_000L));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /**
     * Runs {@code work} off the clock: the budget is extended by the time it takes. For shared work a rule only
     * happens to trigger first, such as parsing a file every rule of the analysis reads.
     */
    public static <T> T paused(Supplier<T> work) {
        Budget budget = CURRENT.get();
        if (budget == null) {
            return work.get();
        }
        long before = System.nanoTime();
        try {
            return work.get();
        } finally {
            long spent = System.nanoTime() - before;
            budget.deadline += spent;
            budget.paused += spent;
            PAUSED_TOTAL.get()[0] += spent;
        }
    }

    /** The nanoseconds this thread has spent in {@link #paused} work under a budget so far. */
    public static long pausedNanos() {
        return PAUSED_TOTAL.get()[0];
    }

    /** Throws {@link Exceeded} when the current thread's budget is spent. Cheap enough to call per node. */
    public static void check() {
        Budget budget = CURRENT.get();
        if (budget == null || --budget.countdown > 0) {
            return;
        }
        budget.countdown = CALLS_PER_CLOCK_READ;
        long now = System.nanoTime();
        if (now - budget.deadline > 0) {
            throw new Exceeded((now - budget.started - budget.paused) / 1_000_000L);
        }
    }
}
