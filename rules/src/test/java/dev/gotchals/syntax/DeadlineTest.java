package dev.gotchals.syntax;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadlineTest {
    private static void checkOften() {
        for (int i = 0; i < 1000; i++) {
            Deadline.check();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void checkThrowsOnceTheBudgetIsSpent() {
        Deadline.Exceeded exceeded = assertThrows(Deadline.Exceeded.class, () -> Deadline.within(20, () -> {
            sleep(60);
            checkOften();
            return null;
        }));
        assertTrue(exceeded.elapsedMillis() >= 20, exceeded.getMessage());
    }

    @Test
    void checkDoesNothingWithoutABudgetOrWithinIt() {
        checkOften();
        assertEquals("done", Deadline.within(60_000, () -> {
            checkOften();
            return "done";
        }));
        checkOften(); // the budget ended with its work
    }

    @Test
    void pausedWorkIsOffTheClock() {
        assertEquals("done", Deadline.within(40, () -> {
            Deadline.paused(() -> {
                sleep(120);
                return null;
            });
            checkOften();
            return "done";
        }));
    }
}
