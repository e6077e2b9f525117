package dev.ballast.runtime.plan;

import dev.ballast.engine.journal.store.FsyncPolicy;
import dev.ballast.engine.monitor.AlertBands;
import java.time.ZoneOffset;
import java.util.Locale;
import dev.ballast.model.event.OpenOrdersOnStop;
import dev.ballast.engine.broker.paper.CommissionModel;
import dev.ballast.engine.broker.paper.PaperBrokerSettings;
import dev.ballast.engine.broker.paper.SlippageModel;
import dev.ballast.engine.data.BadRowPolicy;
import dev.ballast.engine.data.CsvOptions;
import dev.ballast.engine.data.MarketDataKind;
import dev.ballast.engine.monitor.analytics.StatisticsSettings;
import dev.ballast.engine.strategy.IsolationPolicy;
import dev.ballast.engine.strategy.StrategySpec;
import dev.ballast.model.AssetClass;
import dev.ballast.model.Instrument;
import dev.ballast.model.Money;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.StrategyId;
import dev.ballast.model.Symbol;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link RunConfig} into a {@link RunPlan}: checks every value (ranges, consistency, files
 * present, strategy symbols known) and fills in defaults, so that nothing invalid reaches the engine.
 * Every error names the file and the key. Stateless.
 */
public final class RunPlanner {
    /** The longest run name accepted: it titles reports and charts and names the output folder. */
    public static final int MAX_NAME_LENGTH = 200;

    private RunPlanner() {}

    /** Loads and validates {@code configFile}; relative paths in it are resolved against its folder. */
    public static RunPlan plan(Path configFile) {
        return plan(ConfigLoader.load(configFile), configFile);
    }

    public static RunPlan plan(RunConfig config, Path configFile) {
        Values values = new Values(configFile);
        Path base = configFile.toAbsolutePath().getParent();

        RunConfig.Run run = values.required("run", config.run());
        Money initialCash = Money.ofRaw(values.decimal("run.initialCash", values.required("run.initialCash", run.initialCash()), false));
        String currency = run.currency() == null ? "USD" : run.currency();
        if (!currency.matches("[A-Z]{3}")) throw values.error("run.currency", "'" + currency + "' is not a 3-letter ISO code");
        String name = run.name() != null ? run.name() : stem(configFile);
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw values.error(run.name() != null ? "run.name" : "run.name (from the file name)", "is "
                    + name.codePointCount(0, name.length()) + " characters long; a run name is at most " + MAX_NAME_LENGTH);
        }
        Path output = (run.output() != null ? base.resolve(run.output()) : base.resolve("out").resolve(name)).normalize();

        RunConfig.Data data = values.required("data", config.data());
        MarketDataKind kind = data.kind() == null ? MarketDataKind.BARS : values.choice("data.kind", data.kind(), MarketDataKind.class);
        List<String> fileNames = values.required("data.files", data.files());
        if (fileNames.isEmpty()) throw values.error("data.files", "lists no files");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < fileNames.size(); i++) {
            Path file = base.resolve(fileNames.get(i)).normalize();
            if (!Files.isRegularFile(file)) throw values.error("data.files[" + i + "]", "file not found: " + file);
            files.add(file);
        }
        ZoneId zone = zone(values, "data.zone", data.zone());
        BadRowPolicy policy = data.onBadRow() == null ? BadRowPolicy.FAIL : values.choice("data.onBadRow", data.onBadRow(), BadRowPolicy.class);
        CsvOptions csv = CsvOptions.defaults().withZone(zone).withPolicy(policy);
        if (data.symbol() != null) csv = csv.withSymbol(symbol(values, "data.symbol", data.symbol()));

        List<RunConfig.StrategyConfig> strategyConfigs = values.required("strategies", config.strategies());
        if (strategyConfigs.isEmpty()) throw values.error("strategies", "lists no strategies");
        Map<Symbol, Instrument> instruments = instruments(values, config.instruments(), currency);
        List<StrategySpec> strategies = new ArrayList<>();
        Map<StrategyId, DocumentOrigin> documents = new LinkedHashMap<>();
        Map<String, DocumentRisk> documentRisk = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < strategyConfigs.size(); i++) {
            String key = "strategies[" + i + "]";
            RunConfig.StrategyConfig strategy = strategyConfigs.get(i);
            String idText = values.required(key + ".id", strategy.id());
            StrategyId id;
            try {
                id = StrategyId.of(idText);
            } catch (IllegalArgumentException e) {
                throw values.error(key + ".id", e.getMessage());
            }
            if (!ids.add(idText)) throw values.error(key + ".id", "'" + idText + "' is used by another strategy");
            List<String> symbolNames = values.required(key + ".symbols", strategy.symbols());
            if (symbolNames.isEmpty()) throw values.error(key + ".symbols", "lists no symbols");
            List<Symbol> symbols = new ArrayList<>(new LinkedHashSet<>(symbolNames.stream()
                    .map(s -> symbol(values, key + ".symbols", s)).toList()));
            for (Symbol symbol : symbols) {
                instruments.computeIfAbsent(symbol, s -> Instrument.equity(s, currency));
            }
            strategies.add(new StrategySpec(id, StrategyCatalog.create(values, key, values.required(key + ".type", strategy.type()),
                    strategy.params(), symbols), symbols));
            if ("document".equals(strategy.type())) {
                Path documentFile = values.resolve(String.valueOf(strategy.params().get("file")));
                documents.put(id, DocumentOrigin.of(documentFile));
                DocumentRisk risk = DocumentRisk.read(values, key, documentFile);
                if (risk != null) documentRisk.put(idText, risk);
            }
        }

        return new RunPlan(configFile, name, initialCash, output, kind, files, csv, List.copyOf(instruments.values()),
                strategies, broker(values, config.broker()), RiskPlanner.plan(values, config.risk(), strategies.stream().map(spec -> spec.id().toString()).toList(), documentRisk), isolation(values, config.isolation()),
                speed(values, config.paper()), metricsPort(values, config.metrics()), statistics(values, config.analytics()),
                alertBands(values, config.analytics()), documents, journal(values, config.journal()),
                onStop(values, config.paper()), VenuePlanner.plan(values, config.broker(), System::getenv));
    }

    private static JournalSettings journal(Values values, RunConfig.Journal journal) {
        if (journal == null) return JournalSettings.DEFAULT;
        boolean enabled = journal.enabled() == null || journal.enabled();
        boolean marketData = journal.marketData() != null && journal.marketData();
        if (!enabled && marketData) throw values.error("journal.marketData", "needs the journal enabled");
        FsyncPolicy fsync = null;
        if (journal.fsync() != null) {
            fsync = switch (journal.fsync().trim().toLowerCase(Locale.ROOT)) {
                case "interval" -> FsyncPolicy.defaultInterval();
                case "every-batch" -> FsyncPolicy.everyBatch();
                case "never" -> FsyncPolicy.never();
                default -> throw values.error("journal.fsync", "must be interval, every-batch or never, was '"
                        + journal.fsync() + "'");
            };
        }
        JournalSettings.Store store = journal.store() == null ? JournalSettings.Store.FILE
                : values.choice("journal.store", journal.store(), JournalSettings.Store.class);
        if (store == JournalSettings.Store.FILE) {
            if (journal.postgres() != null) throw values.error("journal.postgres", "is only used with store: postgres");
            return new JournalSettings(enabled, marketData, fsync, store, null);
        }
        if (!enabled) throw values.error("journal.store", "needs the journal enabled");
        if (fsync != null && fsync.mode() != FsyncPolicy.Mode.EVERY_BATCH) {
            throw values.error("journal.fsync", "applies to the file store; a PostgreSQL journal commits every batch");
        }
        return new JournalSettings(enabled, marketData, fsync, store, postgres(values, journal.postgres()));
    }

    private static JournalSettings.Postgres postgres(Values values, RunConfig.JournalPostgres postgres) {
        values.required("journal.postgres", postgres);
        String url = values.required("journal.postgres.url", postgres.url()).trim();
        if (!url.startsWith("jdbc:postgresql://")) {
            throw values.error("journal.postgres.url", "must be a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DATABASE), was '"
                    + url + "'");
        }
        if (url.toLowerCase(Locale.ROOT).matches(".*[?&]password=.*")) {
            throw values.error("journal.postgres.url", "must not hold the password; name the environment variable that "
                    + "holds it in journal.postgres.passwordEnv");
        }
        String user = values.required("journal.postgres.user", postgres.user()).trim();
        if (user.isEmpty()) throw values.error("journal.postgres.user", "is empty");
        String passwordEnv = postgres.passwordEnv();
        if (passwordEnv != null) {
            if (!passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw values.error("journal.postgres.passwordEnv", "'" + passwordEnv + "' is not an environment variable name");
            }
            if (System.getenv(passwordEnv) == null) {
                throw values.error("journal.postgres.passwordEnv", "the environment variable " + passwordEnv + " is not set");
            }
        }
        return new JournalSettings.Postgres(url, user, passwordEnv);
    }

    private static Map<Symbol, Instrument> instruments(Values values, List<RunConfig.InstrumentSpec> specs, String currency) {
        Map<Symbol, Instrument> result = new LinkedHashMap<>();
        if (specs == null) return result;
        for (int i = 0; i < specs.size(); i++) {
            String key = "instruments[" + i + "]";
            RunConfig.InstrumentSpec spec = specs.get(i);
            Symbol symbol = symbol(values, key + ".symbol", values.required(key + ".symbol", spec.symbol()));
            AssetClass assetClass = spec.assetClass() == null ? AssetClass.EQUITY
                    : values.choice(key + ".assetClass", spec.assetClass(), AssetClass.class);
            Price tick = spec.tickSize() == null ? Price.of("0.01") : Price.ofRaw(values.decimal(key + ".tickSize", spec.tickSize(), false));
            Quantity lot = spec.lotSize() == null ? Quantity.ofUnits(1) : Quantity.ofRaw(values.decimal(key + ".lotSize", spec.lotSize(), false));
            long multiplier = spec.multiplier() == null ? 1 : values.positiveLong(key + ".multiplier", spec.multiplier());
            if (result.put(symbol, new Instrument(symbol, assetClass, currency, tick, lot, multiplier)) != null) {
                throw values.error(key + ".symbol", symbol + " is listed twice");
            }
        }
        return result;
    }

    private static PaperBrokerSettings broker(Values values, RunConfig.Broker broker) {
        PaperBrokerSettings settings = PaperBrokerSettings.defaults();
        if (broker == null) return settings;
        if (broker.latencyMs() != null) settings = settings.withLatency(Duration.ofMillis(values.nonNegativeLong("broker.latencyMs", broker.latencyMs())));
        if (broker.maxVolumeShare() != null) {
            BigDecimal share = broker.maxVolumeShare();
            if (share.signum() <= 0 || share.compareTo(BigDecimal.ONE) > 0) {
                throw values.error("broker.maxVolumeShare", "must be above 0 and at most 1, was " + share.toPlainString());
            }
            settings = settings.withMaxVolumeShare(share.doubleValue());
        }
        if (broker.zone() != null) settings = settings.withDayZone(zone(values, "broker.zone", broker.zone()));
        if (broker.seed() != null) settings = settings.withSeed(broker.seed());
        if (broker.slippage() != null) settings = settings.withSlippage(slippage(values, broker.slippage()));
        if (broker.commission() != null) settings = settings.withCommission(commission(values, broker.commission()));
        return settings;
    }

    private static SlippageModel slippage(Values values, RunConfig.Slippage slippage) {
        String model = values.required("broker.slippage.model", slippage.model());
        return switch (model) {
            case "none" -> SlippageModel.none();
            case "fixed" -> SlippageModel.fixedBps(bps(values, "broker.slippage.bps", values.required("broker.slippage.bps", slippage.bps())));
            case "volume" -> SlippageModel.volumeImpact(
                    bps(values, "broker.slippage.bps", slippage.bps() == null ? BigDecimal.ZERO : slippage.bps()),
                    bps(values, "broker.slippage.impactBps", values.required("broker.slippage.impactBps", slippage.impactBps())),
                    SlippageModel.Shape.SQUARE_ROOT);
            default -> throw values.error("broker.slippage.model", "'" + model + "' is not one of: none, fixed, volume");
        };
    }

    private static CommissionModel commission(Values values, RunConfig.Commission commission) {
        String model = values.required("broker.commission.model", commission.model());
        return switch (model) {
            case "none" -> CommissionModel.none();
            case "per-share" -> CommissionModel.perUnit(
                    Money.ofRaw(values.decimal("broker.commission.perShare", values.required("broker.commission.perShare", commission.perShare()), true)),
                    Money.ofRaw(commission.minimum() == null ? 0 : values.decimal("broker.commission.minimum", commission.minimum(), true)));
            case "bps" -> {
                double bps = bps(values, "broker.commission.bps", values.required("broker.commission.bps", commission.bps()));
                yield commission.minimum() == null ? CommissionModel.bps(bps)
                        : CommissionModel.bps(bps, Money.ofRaw(values.decimal("broker.commission.minimum", commission.minimum(), true)));
            }
            default -> throw values.error("broker.commission.model", "'" + model + "' is not one of: none, per-share, bps");
        };
    }

    private static double bps(Values values, String key, BigDecimal bps) {
        if (bps.signum() < 0 || bps.compareTo(BigDecimal.valueOf(10_000)) > 0) {
            throw values.error(key, "must be between 0 and 10000 basis points, was " + bps.toPlainString());
        }
        return bps.doubleValue();
    }

    private static IsolationPolicy isolation(Values values, RunConfig.Isolation isolation) {
        IsolationPolicy defaults = IsolationPolicy.defaults();
        if (isolation == null) return defaults;
        int inbox = isolation.inboxCapacity() == null ? defaults.inboxCapacity() : values.positiveInt("isolation.inboxCapacity", isolation.inboxCapacity());
        if (inbox < 16) throw values.error("isolation.inboxCapacity", "must be at least 16, was " + inbox);
        return new IsolationPolicy(
                isolation.callbackBudgetMs() == null ? defaults.callbackBudget()
                        : Duration.ofMillis(values.positiveLong("isolation.callbackBudgetMs", isolation.callbackBudgetMs())),
                isolation.maxRequestsPerCallback() == null ? defaults.maxRequestsPerCallback()
                        : values.positiveInt("isolation.maxRequestsPerCallback", isolation.maxRequestsPerCallback()),
                isolation.maxRequestsPerSecond() == null ? defaults.maxRequestsPerSecond()
                        : values.positiveInt("isolation.maxRequestsPerSecond", isolation.maxRequestsPerSecond()),
                inbox);
    }

    private static StatisticsSettings statistics(Values values, RunConfig.Analytics analytics) {
        if (analytics == null) return StatisticsSettings.DEFAULT;
        Double periods = null;
        if (analytics.periodsPerYear() != null) {
            if (analytics.periodsPerYear().signum() <= 0) {
                throw values.error("analytics.periodsPerYear", "must be positive, was " + analytics.periodsPerYear().toPlainString());
            }
            periods = analytics.periodsPerYear().doubleValue();
        }
        double riskFree = 0;
        if (analytics.riskFreeRatePct() != null) {
            BigDecimal pct = analytics.riskFreeRatePct();
            if (pct.compareTo(BigDecimal.valueOf(-100)) <= 0 || pct.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw values.error("analytics.riskFreeRatePct", "must be above -100 and at most 100, was " + pct.toPlainString());
            }
            riskFree = pct.doubleValue() / 100.0;
        }
        boolean sample = true;
        if (analytics.stdDev() != null) {
            switch (analytics.stdDev()) {
                case "sample" -> sample = true;
                case "population" -> sample = false;
                default -> throw values.error("analytics.stdDev", "'" + analytics.stdDev() + "' is not one of: sample, population");
            }
        }
        return new StatisticsSettings(periods, riskFree, sample);
    }

    private static AlertBands alertBands(Values values, RunConfig.Analytics analytics) {
        if (analytics == null || analytics.alerts() == null) return AlertBands.OFF;
        RunConfig.Alerts alerts = analytics.alerts();
        Double slippage = null;
        if (alerts.maxSlippageBps() != null) {
            if (alerts.maxSlippageBps().signum() < 0) {
                throw values.error("analytics.alerts.maxSlippageBps", "must be zero or positive, was " + alerts.maxSlippageBps().toPlainString());
            }
            slippage = alerts.maxSlippageBps().doubleValue();
        }
        Double timeToFill = alerts.maxTimeToFillMs() == null ? null
                : (double) values.nonNegativeLong("analytics.alerts.maxTimeToFillMs", alerts.maxTimeToFillMs());
        return new AlertBands(slippage, timeToFill);
    }

    private static Integer metricsPort(Values values, RunConfig.Metrics metrics) {
        if (metrics == null || metrics.port() == null) return null;
        int port = metrics.port();
        if (port < 0 || port > 65535) throw values.error("metrics.port", "must be between 0 and 65535, was " + port);
        return port;
    }

    private static double speed(Values values, RunConfig.Paper paper) {
        if (paper == null || paper.speed() == null) return 1.0;
        return parseSpeed(values, "paper.speed", paper.speed());
    }

    private static OpenOrdersOnStop onStop(Values values, RunConfig.Paper paper) {
        if (paper == null || paper.onStop() == null) return OpenOrdersOnStop.CANCEL;
        return switch (paper.onStop().trim().toLowerCase(Locale.ROOT)) {
            case "cancel" -> OpenOrdersOnStop.CANCEL;
            case "leave" -> OpenOrdersOnStop.LEAVE;
            default -> throw values.error("paper.onStop", "must be 'cancel' or 'leave', was '" + paper.onStop() + "'");
        };
    }

    /** "max" (0: as fast as possible), or a positive number such as 1 or 10 (an optional trailing x is allowed). */
    static double parseSpeed(Values values, String key, String text) {
        return ReplaySpeeds.parse(text).orElseThrow(
                () -> values.error(key, "must be 'max' or a positive number such as 1 or 10, was '" + text + "'"));
    }

    static ZoneId zone(Values values, String key, String zone) {
        if (zone == null) return ZoneOffset.UTC;
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw values.error(key, "'" + zone + "' is not a time zone (use e.g. UTC or America/New_York)");
        }
    }

    private static Symbol symbol(Values values, String key, String text) {
        try {
            return Symbol.of(text);
        } catch (IllegalArgumentException e) {
            throw values.error(key, e.getMessage());
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
