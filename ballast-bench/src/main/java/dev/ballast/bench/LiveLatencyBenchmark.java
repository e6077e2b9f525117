package dev.ballast.bench;

import dev.ballast.engine.journal.store.FsyncPolicy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Live-path latency (issue #13), in process, with HdrHistogram percentiles in µs:
 * <ol>
 *   <li><b>Tick to order out</b>: a trade tick posted into a real-time engine, through the strategy (on its own thread,
 *   as in every real-time run), risk, the order manager, the run journal and the write-ahead gate, to the order's
 *   message built and encoded by the adapter's own code (FIX NewOrderSingle, Alpaca {@code POST /v2/orders} body).
 *   Printed with and without the gate's wait, and the wait apart. Journal fsync {@code INTERVAL} here (the wait is the
 *   journal writer storing the record, no disk flush); the engine thread spins when idle ({@code --idle runner}: parks as
 *   {@code RealtimeRunner} does).</li>
 *   <li><b>Durability wait</b>: time from the order at the gate (its journal record queued) to durable, with fsync
 *   {@code EVERY_BATCH} (what live and paper runs use) and {@code INTERVAL}, for single orders and bursts of N orders
 *   sent in one strategy callback: per order, per burst, and the journal's appends per burst (one fsync each under
 *   {@code EVERY_BATCH}: group commit shows as fewer appends than orders). The FIX adapter's own synchronous
 *   submitted-orders line per order is timed there too.</li>
 *   <li><b>Report in to fill booked</b>: the venue's fill as wire text (a FIX ExecutionReport, an Alpaca trade update)
 *   handed, on the venue's thread, to the adapter's own parsing and mapping, to {@code FillBooked} published on the
 *   engine thread.</li>
 * </ol>
 * One tick at a time (the next once the last one's fills are booked), warm-up ticks not recorded; every timed run checks
 * that every order was sent, filled and booked, and its histogram counts. See {@link LivePathRun}.
 *
 * <p>Options: {@code --events N} timed ticks per tick-to-order run (1,000,000), {@code --warmup N} (100,000),
 * {@code --venue fix|alpaca|both} (both), {@code --idle spin|runner|both} (spin), {@code --bursts 1,10,100},
 * {@code --durability-orders N} timed orders per burst size and fsync policy (20,000; warm-up a tenth),
 * {@code --no-path}, {@code --no-durability}, {@code --verify} (check each journal's chain after its run), and
 * {@code --smoke} (1,000 events, 200 durability orders, bursts 1 and 10, journals verified: checks the harness).
 */
public final class LiveLatencyBenchmark {
    private LiveLatencyBenchmark() {
    }

    /** The runs one invocation makes, in order. */
    static List<LivePathRun.Settings> plan(String[] args) {
        int events = 1_000_000;
        int warmup = 100_000;
        int durabilityOrders = 20_000;
        List<VenueWire.Kind> venues = List.of(VenueWire.Kind.FIX, VenueWire.Kind.ALPACA);
        List<LivePathRun.Idle> idles = List.of(LivePathRun.Idle.SPIN);
        int[] bursts = {1, 10, 100};
        boolean path = true;
        boolean durability = true;
        boolean verify = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = positive(args, ++i);
                case "--warmup" -> warmup = nonNegative(args, ++i);
                case "--durability-orders" -> durabilityOrders = positive(args, ++i);
                case "--venue" -> venues = switch (value(args, ++i)) {
                    case "fix" -> List.of(VenueWire.Kind.FIX);
                    case "alpaca" -> List.of(VenueWire.Kind.ALPACA);
                    case "both" -> List.of(VenueWire.Kind.FIX, VenueWire.Kind.ALPACA);
                    default -> throw new IllegalArgumentException("--venue must be fix, alpaca or both, was " + args[i]);
                };
                case "--idle" -> idles = switch (value(args, ++i)) {
                    case "spin" -> List.of(LivePathRun.Idle.SPIN);
                    case "runner" -> List.of(LivePathRun.Idle.RUNNER);
                    case "both" -> List.of(LivePathRun.Idle.SPIN, LivePathRun.Idle.RUNNER);
                    default -> throw new IllegalArgumentException("--idle must be spin, runner or both, was " + args[i]);
                };
                case "--bursts" -> bursts = bursts(value(args, ++i));
                case "--no-path" -> path = false;
                case "--no-durability" -> durability = false;
                case "--verify" -> verify = true;
                case "--smoke" -> {
                    events = 1_000;
                    warmup = 100;
                    durabilityOrders = 200;
                    bursts = new int[] {1, 10};
                    verify = true;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see the class's Javadoc)");
            }
        }
        List<LivePathRun.Settings> runs = new ArrayList<>();
        if (path) {
            for (LivePathRun.Idle idle : idles) {
                for (VenueWire.Kind venue : venues) {
                    runs.add(new LivePathRun.Settings(venue, FsyncPolicy.defaultInterval(), 1, warmup, events, idle, false,
                            verify));
                }
            }
        }
        if (durability) {
            for (int burst : bursts) {
                for (FsyncPolicy fsync : List.of(FsyncPolicy.everyBatch(), FsyncPolicy.defaultInterval())) {
                    int ticks = Math.max(1, durabilityOrders / burst);
                    runs.add(new LivePathRun.Settings(VenueWire.Kind.FIX, fsync, burst, Math.max(1, ticks / 10), ticks,
                            LivePathRun.Idle.SPIN, fsync.mode() == FsyncPolicy.Mode.EVERY_BATCH, verify));
                }
            }
        }
        return runs;
    }

    public static void main(String[] args) {
        List<LivePathRun.Settings> runs;
        try {
            runs = plan(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LiveLatencyBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("java: " + Runtime.version() + " " + System.getProperty("java.vm.name"));
        System.out.println("max_heap: " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        System.out.println("processors: " + Runtime.getRuntime().availableProcessors());
        for (LivePathRun.Settings settings : runs) report(LivePathRun.measure(settings));
    }

    /** Prints one run's figures; fails when a histogram does not hold exactly the run's timed events. */
    static void report(LivePathRun.Result r) {
        LivePathRun.Settings s = r.settings();
        LivePathProbe p = r.probe();
        String venue = s.venue().name().toLowerCase(Locale.ROOT);
        String fsync = s.fsync().mode().name().toLowerCase(Locale.ROOT);
        String name = "live_" + venue + "_" + fsync + "_burst" + s.burst()
                + (s.idle() == LivePathRun.Idle.SPIN ? "" : "_" + s.idle().name().toLowerCase(Locale.ROOT));
        long timedOrders = (long) s.ticks() * s.burst();
        System.out.printf("%s: %d timed ticks of %d order(s) after %d warm-up ticks; fsync %s; engine idle %s%n", name,
                s.ticks(), s.burst(), s.warmupTicks(), s.fsync().mode(), s.idle());
        check(name, "tick_to_order", p.tickToOrder.getTotalCount(), timedOrders);
        check(name, "tick_to_strategy", p.tickToStrategy.getTotalCount(), s.ticks());
        check(name, "strategy_to_gate", p.strategyToGate.getTotalCount(), s.ticks());
        check(name, "write_ahead_wait", p.writeAheadWait.getTotalCount(), timedOrders);
        check(name, "report_to_fill_booked", p.fillToBooked.getTotalCount(), timedOrders);
        check(name, "fsyncs_per_burst", p.fsyncsPerBurst.getTotalCount(), s.ticks());
        long allOrders = (long) (s.ticks() + s.warmupTicks()) * s.burst();
        if (r.orders() != allOrders || r.fillsBooked() != allOrders) {
            throw new IllegalStateException(name + ": " + r.orders() + " orders out and " + r.fillsBooked()
                    + " fills booked, expected " + allOrders + " of each");
        }
        if (s.burst() == 1) {
            System.out.println(LatencyFigures.line(name + "_tick_to_order", p.tickToOrder));
            System.out.println(LatencyFigures.line(name + "_tick_to_order_without_write_ahead", p.tickToOrderWithoutWait));
            // Where the time goes: tick_to_order = tick_to_strategy + strategy_to_gate + write_ahead_wait + encode.
            System.out.println(LatencyFigures.line(name + "_part_tick_to_strategy", p.tickToStrategy));
            System.out.println(LatencyFigures.line(name + "_part_strategy_to_gate", p.strategyToGate));
            System.out.println(LatencyFigures.line(name + "_part_encode", p.encode));
        }
        System.out.println(LatencyFigures.line(name + "_write_ahead_wait", p.writeAheadWait));
        if (s.burst() > 1) {
            System.out.println(LatencyFigures.line(name + "_write_ahead_whole_burst", p.burstWriteAhead));
            System.out.printf("%s_fsyncs_per_burst: median %d, p99 %d, max %d, mean %.2f (journal appends, one fsync each"
                            + " under EVERY_BATCH, from the first order at the gate to the last one durable)%n", name,
                    p.fsyncsPerBurst.getValueAtPercentile(50), p.fsyncsPerBurst.getValueAtPercentile(99),
                    p.fsyncsPerBurst.getMaxValue(), p.fsyncsPerBurst.getMean());
        } else {
            System.out.println(LatencyFigures.line(name + "_report_to_fill_booked", p.fillToBooked));
        }
        if (s.adapterFileWrite()) {
            System.out.println(LatencyFigures.line(name + "_fix_submitted_orders_sync_write", p.adapterFileWrite));
        }
        System.out.printf("%s_run: %d orders out and filled, %d fills booked, %d journal records in %d appends, %.0f chars"
                        + " per encoded order, gc %d collections %d ms, heap retained after the run %d MiB (%d bytes per order)%s%n",
                name, r.orders(), r.fillsBooked(), r.journalRecords(), r.journalAppends(),
                (double) r.encodedChars() / r.orders(), r.gcCount(), r.gcMillis(), r.retainedHeapBytes() >> 20,
                r.retainedHeapBytes() / r.orders(),
                r.journalVerified() == null ? "" : ", journal chain verified: " + r.journalVerified());
    }

    private static void check(String name, String figure, long counted, long expected) {
        if (counted != expected) {
            throw new IllegalStateException(name + "_" + figure + " holds " + counted + " values, expected " + expected);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) throw new IllegalArgumentException(args[i - 1] + " needs a value");
        return args[i];
    }

    private static int positive(String[] args, int i) {
        int n = nonNegative(args, i);
        if (n < 1) throw new IllegalArgumentException(args[i - 1] + " must be at least 1, was " + n);
        return n;
    }

    private static int nonNegative(String[] args, int i) {
        String text = value(args, i);
        try {
            int n = Integer.parseInt(text.replace("_", "").replace(",", ""));
            if (n < 0) throw new IllegalArgumentException(args[i - 1] + " must not be negative, was " + text);
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(args[i - 1] + " must be a whole number, was " + text);
        }
    }

    private static int[] bursts(String text) {
        try {
            int[] sizes = Arrays.stream(text.split(",")).mapToInt(b -> Integer.parseInt(b.trim())).toArray();
            for (int size : sizes) if (size < 1) throw new IllegalArgumentException("--bursts sizes must be at least 1, was " + text);
            return sizes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--bursts must be sizes separated by commas (1,10,100), was " + text);
        }
    }
}
