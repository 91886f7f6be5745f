package io.taskledger.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for an asynchronous outcome (a projection catching up, a deadline firing) within a bound. */
public final class Eventually {

    private Eventually() {
    }

    public static <T> T await(Duration bound, Supplier<T> attempt, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + bound.toNanos();
        T last = attempt.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + bound + "; last seen: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = attempt.get();
        }
        return last;
    }
}
