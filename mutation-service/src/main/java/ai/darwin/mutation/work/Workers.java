package ai.darwin.mutation.work;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A pool of daemon threads for slow work (LLM calls, compiles) that runs each piece of work once per key at a time:
 * a generation or a failure delivered twice at once shares the work in progress instead of doing it twice.
 */
public final class Workers {

    private final ExecutorService pool;
    private final Map<String, CompletableFuture<Void>> inProgress = new ConcurrentHashMap<>();

    /** @param name the threads' name, numbered: {@code name-1}, {@code name-2}, … */
    public Workers(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Makes {@code value} on the pool and hands it to {@code then}, unless work for {@code key} is in progress: then
     * the stage of that work.
     */
    public <T> CompletableFuture<Void> once(String key, Supplier<T> value,
                                           Function<T, CompletionStage<Void>> then) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> existing = inProgress.putIfAbsent(key, started);
        if (existing != null) {
            return existing;
        }
        CompletableFuture.supplyAsync(value, pool).thenCompose(then).whenComplete((done, failure) -> {
            inProgress.remove(key);
            if (failure != null) {
                started.completeExceptionally(failure);
            } else {
                started.complete(null);
            }
        });
        return started;
    }

    public void stop() {
        pool.shutdownNow();
    }
}
