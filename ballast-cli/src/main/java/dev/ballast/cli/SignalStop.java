package dev.ballast.cli;

import dev.ballast.runtime.RunHandle;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Ctrl-C (SIGINT) and SIGTERM during {@code ballast paper}: the first stops the run gracefully through its
 * {@link RunHandle} (strategies stop, open orders canceled or left per {@code paper.onStop}, the journal ends with
 * its RunStopped record, results, report and summary are written) and the command exits with 128 + the signal's
 * number (130, 143); a second signal stops at once ({@link Runtime#halt}), leaving the journal as a crash leaves it,
 * for {@code paper --resume}. So does a graceful stop that has not finished within {@link #GRACE}.
 *
 * <p>Signal handlers rather than a shutdown hook: once the JVM shuts down, a second signal is not delivered to any
 * handler and the exit code is no longer the command's to choose.
 *
 * <p>Threading: {@link #onSignal} runs on the JVM's signal threads; {@link #finished} on the command's thread; the
 * shared state is a latch and an atomic reference.
 */
final class SignalStop implements AutoCloseable {
    /** How long a graceful stop may take before the run is stopped at once. */
    static final Duration GRACE = Duration.ofSeconds(60);
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final RunHandle handle;
    private final PrintStream err;
    private final IntConsumer halt;
    private final Duration grace;
    private final AtomicReference<String> first = new AtomicReference<>();
    private volatile int number;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    SignalStop(RunHandle handle, PrintStream err, IntConsumer halt, Duration grace) {
        this.handle = handle;
        this.err = err;
        this.halt = halt;
        this.grace = grace;
    }

    /** Handles SIGINT and SIGTERM for {@code handle}'s run until {@link #close}. */
    static SignalStop install(RunHandle handle, PrintStream err) {
        SignalStop stop = new SignalStop(handle, err, code -> Runtime.getRuntime().halt(code), GRACE);
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            stop.previous.put(signal, Signal.handle(signal, s -> stop.onSignal(s.getName(), s.getNumber())));
        }
        return stop;
    }

    /** A signal arrived: the first stops the run gracefully (bounded), a second stops it at once. */
    void onSignal(String name, int number) {
        int code = 128 + number;
        String signal = "SIG" + name;
        if (!first.compareAndSet(null, signal)) {
            err.println();
            err.println("second signal (" + signal + "): stopping at once; the journal is left as a crash leaves it, "
                    + "for paper --resume");
            err.flush();
            halt.accept(code);
            return;
        }
        this.number = number;
        err.println();
        err.printf(Locale.ROOT, "%s: stopping the run (open orders: %s); %s again stops at once%n", signal,
                handle.onStop().name().toLowerCase(Locale.ROOT), signal);
        err.flush();
        handle.stop("signal:" + signal, "stopped by signal " + signal);
        Thread.ofPlatform().daemon().name("ballast-stop-watch").start(() -> {
            try {
                if (!finished.await(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                    err.println(signal + ": the run did not stop within " + grace.toSeconds() + " s; stopping at once");
                    err.flush();
                    halt.accept(code);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The signal that stopped the run ("SIGTERM"), or null. */
    String signal() {
        return first.get();
    }

    /** The exit code of a run a signal stopped: 128 + the signal's number (130 for SIGINT, 143 for SIGTERM). */
    int exitCode() {
        return 128 + number;
    }

    /** The run, its results, report and summary are written: a graceful stop is complete. */
    void finished() {
        finished.countDown();
    }

    @Override
    public void close() {
        finished();
        for (Map.Entry<Signal, SignalHandler> entry : previous.entrySet()) Signal.handle(entry.getKey(), entry.getValue());
    }
}
