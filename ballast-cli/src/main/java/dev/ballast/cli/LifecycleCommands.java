package dev.ballast.cli;

import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import dev.ballast.cli.generate.StrategyRegistry;
import dev.ballast.cli.lifecycle.BacktestGate;
import dev.ballast.cli.lifecycle.GateConfig;
import dev.ballast.cli.lifecycle.Lifecycle;
import dev.ballast.cli.lifecycle.LifecycleException;
import dev.ballast.cli.lifecycle.ProbationGate;
import dev.ballast.cli.lifecycle.LifecycleState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The lifecycle commands: {@code ballast strategies}, {@code ballast strategy promote} and {@code retire}. */
final class LifecycleCommands {
    private LifecycleCommands() {}

    static Lifecycle lifecycle(Path registry) {
        Path root = registry != null ? registry : Path.of(System.getenv().getOrDefault("BALLAST_REGISTRY", "strategies"));
        return new Lifecycle(new StrategyRegistry(root));
    }

    /** {@code ballast strategies}: the registry's strategies with their state and key figures. */
    @Command(name = "strategies", mixinStandardHelpOptions = true,
            description = {"List the registered strategies: id, state, last change, and key figures from their history.",
                    "A strategy whose record fails the integrity check is listed as CORRUPT, named with the reason on stderr, and the exit code is 2."})
    static final class ListCommand implements Callable<Integer> {
        /** The STATE shown for a strategy whose record fails the integrity check. */
        static final String CORRUPT = "CORRUPT";

        @Option(names = "--registry", paramLabel = "DIR", description = "The strategy registry folder (default: $BALLAST_REGISTRY, else strategies).")
        Path registry;

        @Override
        public Integer call() {
            Lifecycle lifecycle = lifecycle(registry);
            List<String> ids = lifecycle.ids();
            if (ids.isEmpty()) {
                System.out.println("no strategies in " + TerminalText.safe(lifecycle.registry().root()));
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "STATE", "CHANGED", "BY", "TRADES", "MAX DD %", "OOS SHARPE", "PAPER DAYS", "TE %", "CAPITAL"});
            List<String> corrupt = new ArrayList<>();
            for (String id : ids) {
                Lifecycle.Record record;
                try {
                    record = lifecycle.read(id);
                } catch (LifecycleException e) {
                    // one bad record must not hide the others: it is listed as CORRUPT and named on stderr
                    corrupt.add(e.getMessage());
                    rows.add(new String[] {TerminalText.safe(id), CORRUPT, "", "", "", "", "", "", "", ""});
                    continue;
                }
                Lifecycle.Entry last = record.last();
                rows.add(new String[] {TerminalText.safe(id), record.state().name(), last == null ? "" : last.time().toString(),
                        last == null || last.by() == null ? "" : TerminalText.safe(last.by()),
                        figure(record, "trades"), figure(record, "maxDrawdownPct"), figure(record, "outOfSampleSharpe"),
                        figure(record, "paperDays"), figure(record, "trackingErrorPct"),
                        record.capitalFraction() == null ? "" : BacktestGateFormat.number(record.capitalFraction())});
            }
            int[] widths = new int[rows.getFirst().length];
            for (String[] row : rows) for (int i = 0; i < row.length; i++) widths[i] = Math.max(widths[i], row[i].length());
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) line.append("  ");
                    line.append(i < 4 ? String.format("%-" + widths[i] + "s", row[i]) : String.format("%" + widths[i] + "s", row[i]));
                }
                System.out.println(line.toString().stripTrailing());
            }
            if (corrupt.isEmpty()) return 0;
            for (String reason : corrupt) System.err.println("warning: " + TerminalText.safe(reason));
            System.err.println(corrupt.size() + " of " + ids.size() + " strategies failed the registry check and are listed as "
                    + CORRUPT + "; nothing may be promoted, retired or run from them until they are restored");
            return BallastCli.USER_ERROR;
        }

        /** The value of {@code key} in the latest history entry that has it (a gate's result), else blank. */
        private static String figure(Lifecycle.Record record, String key) {
            for (Lifecycle.Entry entry : record.history().reversed()) {
                Object value = entry.figures().get(key);
                if (value != null) return value instanceof Number n ? BacktestGateFormat.number(n.doubleValue()) : TerminalText.safe(value);
            }
            return "";
        }
    }

    /** Number formatting shared by the lifecycle commands. */
    static final class BacktestGateFormat {
        static String number(double value) {
            if (value == Math.rint(value) && Math.abs(value) < 1e12) return Long.toString((long) value);
            return String.format(Locale.ROOT, "%.2f", value);
        }

        static void figures(PrintStream out, Map<String, Object> figures) {
            int width = figures.keySet().stream().mapToInt(String::length).max().orElse(0);
            figures.forEach((k, v) -> out.printf("  %-" + width + "s  %s%n", TerminalText.safe(k), v == null ? "-" : TerminalText.safe(v)));
        }
    }

    /** {@code ballast strategy promote ID ...}: moves a strategy one state on, through its gate. */
    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = {"Move a strategy one state on, through its gate:",
                    "  promote ID --gate GATE.yaml                                   CANDIDATE -> BACKTESTED (backtest gate)",
                    "  promote ID --to PAPER --by NAME                               BACKTESTED -> PAPER",
                    "  promote ID --to LIVE --paper-run DIR --approved-by NAME [--gate GATE.yaml]   PAPER -> LIVE (probation)",
                    "Exit 0 promoted, 2 illegal move or bad input, 6 the gate refused (reasons printed and recorded)."})
    static final class Promote implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The strategy's id in the registry.")
        String id;

        @Option(names = "--registry", paramLabel = "DIR", description = "The strategy registry folder (default: $BALLAST_REGISTRY, else strategies).")
        Path registry;

        @Option(names = "--to", paramLabel = "STATE", description = "BACKTESTED (default), PAPER or LIVE.")
        String to;

        @Option(names = "--gate", paramLabel = "GATE.yaml", description = "The gate configuration: data, market terms, thresholds.")
        Path gate;

        @Option(names = "--by", paramLabel = "NAME", description = "Who promotes (required for PAPER; default for BACKTESTED: the user name).")
        String by;

        @Option(names = "--paper-run", paramLabel = "DIR", description = "The folder of the strategy's paper run (for LIVE).")
        Path paperRun;

        @Option(names = "--approved-by", paramLabel = "NAME", description = "The operator approving LIVE (required for LIVE).")
        String approvedBy;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            LifecycleState target;
            try {
                target = to == null ? LifecycleState.BACKTESTED : LifecycleState.valueOf(to.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--to must be BACKTESTED, PAPER or LIVE, was '" + to + "'");
            }
            if (target == LifecycleState.CANDIDATE || target == LifecycleState.RETIRED) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--to must be BACKTESTED, PAPER or LIVE (use 'strategy retire' to retire)");
            }
            Lifecycle lifecycle = lifecycle(registry);
            Lifecycle.Record record = lifecycle.read(id);
            if (!record.state().canMoveTo(target)) throw new LifecycleException(record.state().refusal(id, target));
            Instant now = Instant.now();
            return switch (target) {
                case BACKTESTED -> backtest(lifecycle, record, now);
                case PAPER -> {
                    if (by == null || by.isBlank()) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "PAPER needs --by NAME, the operator who promotes");
                    }
                    lifecycle.transition(id, LifecycleState.PAPER, now, by.strip(), "promoted to paper trading", Map.of(), null);
                    System.out.println(TerminalText.safe(id) + ": BACKTESTED -> PAPER (by " + TerminalText.safe(by.strip()) + ")");
                    yield 0;
                }
                case LIVE -> live(lifecycle, now);
                default -> throw new AssertionError(target);
            };
        }

        private int backtest(Lifecycle lifecycle, Lifecycle.Record record, Instant now) {
            if (gate == null) throw new CommandLine.ParameterException(spec.commandLine(), "BACKTESTED needs --gate GATE.yaml");
            GateConfig config = GateConfig.load(gate);
            String who = by == null || by.isBlank() ? System.getProperty("user.name", "operator") : by.strip();
            Path work;
            try {
                work = Files.createTempDirectory("ballast-gate");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            BacktestGate.Result result;
            try {
                result = BacktestGate.evaluate(lifecycle, id, config, work);
            } finally {
                delete(work);
            }
            return report(lifecycle, record, LifecycleState.BACKTESTED, result, now, who, "backtest gate");
        }

        private int live(Lifecycle lifecycle, Instant now) {
            if (paperRun == null) throw new CommandLine.ParameterException(spec.commandLine(), "LIVE needs --paper-run DIR, the strategy's paper run");
            if (approvedBy == null || approvedBy.isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "LIVE needs --approved-by NAME, a named operator's approval");
            }
            GateConfig.Probation probation = gate == null ? GateConfig.Probation.DEFAULT : GateConfig.load(gate).probation();
            Lifecycle.Record record = lifecycle.read(id);
            BacktestGate.Result result = ProbationGate.evaluate(id, record.documentSha256(), paperRun, probation, approvedBy);
            if (result.passed()) result.figures().put("capitalFraction", probation.initialCapitalFraction());
            int code = report(lifecycle, record, LifecycleState.LIVE, result, now, approvedBy.strip(), "paper probation");
            if (code == 0) {
                System.out.println("  LIVE is a registry state only: no live broker exists yet, nothing trades real money.");
            }
            return code;
        }

        private int report(Lifecycle lifecycle, Lifecycle.Record record, LifecycleState target, BacktestGate.Result result,
                           Instant now, String who, String gateName) {
            if (result.passed()) {
                Double fraction = target == LifecycleState.LIVE ? (Double) result.figures().get("capitalFraction") : null;
                lifecycle.transition(id, target, now, who, gateName + " passed", result.figures(), fraction);
                System.out.println(TerminalText.safe(id) + ": " + record.state() + " -> " + target + " (" + gateName + " passed)");
                BacktestGateFormat.figures(System.out, result.figures());
                return 0;
            }
            lifecycle.recordRefusal(id, now, who, gateName + " failed: " + String.join("; ", result.reasons()), result.figures());
            System.out.println(TerminalText.safe(id) + " stays " + record.state() + ": the " + gateName + " failed");
            for (String reason : result.reasons()) System.out.println("  - " + TerminalText.safe(reason));
            BacktestGateFormat.figures(System.out, result.figures());
            return BallastCli.GATE_FAILED;
        }
    }

    /** {@code ballast strategy retire ID --by NAME --reason TEXT}. */
    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = "Retire a strategy (from any state but RETIRED); nothing leaves RETIRED.")
    static final class Retire implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The strategy's id in the registry.")
        String id;

        @Option(names = "--registry", paramLabel = "DIR", description = "The strategy registry folder (default: $BALLAST_REGISTRY, else strategies).")
        Path registry;

        @Option(names = "--by", paramLabel = "NAME", required = true, description = "Who retires it.")
        String by;

        @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why.")
        String reason;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (by.isBlank()) throw new CommandLine.ParameterException(spec.commandLine(), "--by must name who retires the strategy");
            if (reason.isBlank()) throw new CommandLine.ParameterException(spec.commandLine(), "--reason must say why");
            Lifecycle lifecycle = lifecycle(registry);
            Lifecycle.Record before = lifecycle.read(id);
            lifecycle.transition(id, LifecycleState.RETIRED, Instant.now(), by.strip(), reason.strip(), Map.of(), null);
            System.out.println(TerminalText.safe(id) + ": " + before.state() + " -> RETIRED (by " + TerminalText.safe(by.strip()) + ": "
                    + TerminalText.safe(reason.strip()) + ")");
            return 0;
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
