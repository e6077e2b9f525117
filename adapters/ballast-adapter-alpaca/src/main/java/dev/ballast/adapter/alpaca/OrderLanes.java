package dev.ballast.adapter.alpaca;

import dev.ballast.model.ClientOrderId;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Runs requests off the engine thread, one order's requests in the order they were asked (a cancel never overtakes
 * its submit), different orders' in parallel on virtual threads. {@link #run} returns at once. A task's failure is
 * handed to the failure handler and does not stop the lane. Thread-safe.
 */
final class OrderLanes {
    private final ExecutorService workers;
    private final Consumer<Throwable> onFailure;
    private final Map<ClientOrderId, CompletableFuture<Void>> tails = new HashMap<>();

    OrderLanes(ExecutorService workers, Consumer<Throwable> onFailure) {
        this.workers = workers;
        this.onFailure = onFailure;
    }

    synchronized void run(ClientOrderId id, Runnable task) {
        CompletableFuture<Void> previous = tails.getOrDefault(id, CompletableFuture.completedFuture(null));
        CompletableFuture<Void> next = previous.thenRunAsync(task, workers)
                .exceptionally(failure -> {
                    onFailure.accept(failure);
                    return null;
                });
        tails.put(id, next);
        // Forget the lane once it is idle, so that a long run does not keep one entry per order ever sent.
        next.whenComplete((ignored, failure) -> forgetIfIdle(id, next));
    }

    private synchronized void forgetIfIdle(ClientOrderId id, CompletableFuture<Void> tail) {
        tails.remove(id, tail);
    }
}
