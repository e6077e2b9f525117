package dev.ballast.cli;

import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.journal.store.FileJournalStore;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.engine.journal.codec.RecordDecoder;
import dev.ballast.engine.journal.RunJournal;
import dev.ballast.model.EpochNanos;
import dev.ballast.model.FixedPoint;
import dev.ballast.model.event.Fill;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code audit show} and {@code audit export} over the journal of a real backtest with two strategies. */
class AuditListingCliTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TempDir
    static Path dir;
    static Path out;
    static List<JournalRecord> records;

    @TempDir
    Path scratch;

    @BeforeAll
    static void runABacktest() throws IOException {
        CliRun synth = CliRun.of("data", "synth", "--symbols", "3", "--bars", "150", "--seed", "5", "--out",
                dir.resolve("bars.csv").toString());
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        Files.writeString(dir.resolve("run.yaml"), """
                run: {name: audit, initialCash: 100000, output: out}
                data: {files: [bars.csv]}
                strategies:
                  - id: sma
                    type: sma-crossover
                    symbols: [SYM000, SYM001]
                    params: {fast: 3, slow: 8, quantity: 10}
                  - id: fast
                    type: sma-crossover
                    symbols: [SYM002]
                    params: {fast: 2, slow: 5, quantity: 7}
                broker:
                  slippage: {model: fixed, bps: 3}
                  commission: {model: per-share, perShare: 0.0037, minimum: 0}
                """);
        CliRun run = CliRun.of("backtest", "-q", dir.resolve("run.yaml").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        out = dir.resolve("out");
        records = new ArrayList<>();
        try (FileJournalStore store = FileJournalStore.openReadOnly(out.resolve("journal"))) {
            store.read(1).forEachRemaining(records::add);
        }
        assertThat(records).hasSizeGreaterThan(100);
    }

    private static List<JsonNode> jsonLines(String text) {
        return text.lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private static List<JsonNode> export(String... filters) {
        List<String> args = new ArrayList<>(List.of("audit", "export", out.toString()));
        args.addAll(List.of(filters));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        return jsonLines(r.out());
    }

    private static Set<String> types(List<JsonNode> lines) {
        return lines.stream().map(l -> l.get("type").asText()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every client order id, strategy id and symbol value in a payload, found by field name. */
    private static Set<String> values(JsonNode payload, Set<String> fieldNames) {
        Set<String> found = new TreeSet<>();
        payload.properties().forEach(e -> {
            if (fieldNames.contains(e.getKey()) && e.getValue().isTextual()) found.add(e.getValue().asText());
            if (e.getValue().isObject()) found.addAll(values(e.getValue(), fieldNames));
        });
        return found;
    }

    private static final Set<String> ORDER_FIELDS = Set.of("id", "orderId", "parent", "entryId", "takeProfitId", "stopLossId");

    @Test
    void showListsEveryRecordAsATableWithASummary() {
        CliRun r = CliRun.of("audit", "show", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(records.size() + 1);
        assertThat(lines.getFirst()).containsSubsequence("SEQ", "ENGINE TIME", "WALL TIME", "TYPE", "SUMMARY");
        assertThat(lines.get(1)).containsSubsequence("1  ", EpochNanos.toInstant(records.getFirst().engineTime()).toString(),
                "RunStarted", "runName=audit mode=BACKTEST");
        JournalRecord fill = records.stream().filter(x -> x.type().equals("Fill")).findFirst().orElseThrow();
        Fill decoded = (Fill) new RecordDecoder().decode("Fill", fill.payload());
        assertThat(lines.get((int) fill.sequence())).containsSubsequence(
                String.valueOf(fill.sequence()), EpochNanos.toInstant(fill.engineTime()).toString(),
                EpochNanos.toInstant(fill.wallTime()).toString(), "Fill",
                "orderId=" + decoded.orderId() + " tradeId=" + decoded.tradeId() + " symbol=" + decoded.symbol()
                        + " side=" + decoded.side() + " quantity=" + decoded.quantity() + " price=" + decoded.price());
    }

    @Test
    void strategyFilterKeepsThatStrategysOrdersAndTheirBrokerReports() {
        List<JsonNode> fast = export("--strategy", "fast");

        assertThat(types(fast)).contains("SubmitOrder", "OrderApproved", "OrderUpdated", "OrderAccepted", "Fill", "FillBooked");
        Set<String> orders = new TreeSet<>();
        for (JsonNode line : fast) orders.addAll(values(line.get("payload"), ORDER_FIELDS));
        assertThat(orders).isNotEmpty().allMatch(id -> id.startsWith("fast-"));
        // everything the journal holds about those orders, and nothing about the other strategy's (RunStarted names
        // the strategy as text, not as a StrategyId: it is not one of its records)
        long expected = records.stream()
                .filter(x -> !x.type().equals("RunStarted") && text(x).contains("\"fast")).count();
        assertThat(fast).hasSize((int) expected);
        assertThat(export("--strategy", "sma", "--type", "Fill")).isNotEmpty()
                .allMatch(l -> l.get("payload").get("orderId").asText().startsWith("sma-"));
    }

    @Test
    void orderFilterKeepsEveryRecordNamingTheOrder() {
        List<JsonNode> one = export("--order", "sma-1");

        assertThat(one).allMatch(l -> values(l.get("payload"), ORDER_FIELDS).contains("sma-1"));
        assertThat(one.stream().map(l -> l.get("type").asText()).toList())
                .containsSubsequence("SubmitOrder", "OrderApproved", "OrderUpdated", "OrderAccepted", "Fill", "FillBooked");
        assertThat(one).hasSize((int) records.stream().filter(x -> text(x).contains("\"sma-1\"")).count());
    }

    @Test
    void symbolAndTypeFiltersCombineWithAnd() {
        List<JsonNode> lines = export("--symbol", "SYM001", "--type", "Fill", "--type", "OrderAccepted,FillBooked");

        assertThat(types(lines)).containsExactly("Fill", "FillBooked", "OrderAccepted");
        assertThat(lines).filteredOn(l -> l.get("type").asText().equals("Fill"))
                .isNotEmpty().allMatch(l -> l.get("payload").get("symbol").asText().equals("SYM001"));
        long fillsOfSym001 = records.stream().filter(x -> x.type().equals("Fill") && text(x).contains("\"SYM001\"")).count();
        assertThat(lines).filteredOn(l -> l.get("type").asText().equals("Fill")).hasSize((int) fillsOfSym001);
    }

    @Test
    void timeRangeIsInclusiveFromAndExclusiveTo() {
        List<JournalRecord> market = records.subList(1, records.size());
        long from = market.get(market.size() / 3).engineTime();
        long to = market.get(2 * market.size() / 3).engineTime();
        String fromText = EpochNanos.toInstant(from).toString();
        String toText = EpochNanos.toInstant(to).toString();

        List<JsonNode> lines = export("--from", fromText, "--to", toText);

        long expected = records.stream().filter(x -> x.engineTime() >= from && x.engineTime() < to).count();
        assertThat(lines).hasSize((int) expected).isNotEmpty()
                .allMatch(l -> !Instant.parse(l.get("engineTime").asText()).isBefore(Instant.parse(fromText))
                        && Instant.parse(l.get("engineTime").asText()).isBefore(Instant.parse(toText)));
        assertThat(lines.getFirst().get("engineTime").asText()).isEqualTo(fromText);
        // a date is its start in UTC
        LocalDate day = LocalDate.parse(fromText.substring(0, 10));
        long dayStart = EpochNanos.of(day.atStartOfDay(ZoneOffset.UTC).toInstant());
        long dayEnd = EpochNanos.of(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(export("--from", day.toString(), "--to", day.plusDays(1).toString()))
                .isNotEmpty()
                .hasSize((int) records.stream().filter(x -> x.engineTime() >= dayStart && x.engineTime() < dayEnd).count());
    }

    @Test
    void jsonLinesCarryTheHeaderAndTheExactDecimals() throws IOException {
        Path file = scratch.resolve("fills.jsonl");
        CliRun r = CliRun.of("audit", "export", out.toString(), "--type", "Fill", "--output", file.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();

        List<JsonNode> lines = jsonLines(Files.readString(file));
        Map<Long, JournalRecord> bySequence = records.stream().collect(Collectors.toMap(JournalRecord::sequence, Function.identity()));
        RecordDecoder decoder = new RecordDecoder(RunJournal.RunStarted.class);
        assertThat(lines).hasSize((int) records.stream().filter(x -> x.type().equals("Fill")).count());
        boolean manyDecimals = false;
        for (JsonNode line : lines) {
            JournalRecord record = bySequence.get(line.get("seq").asLong());
            assertThat(line.get("engineTime").asText()).isEqualTo(EpochNanos.toInstant(record.engineTime()).toString());
            assertThat(line.get("wallTime").asText()).isEqualTo(EpochNanos.toInstant(record.wallTime()).toString());
            assertThat(line.get("hash").asText()).isEqualTo(HexFormat.of().formatHex(record.hash()));
            Fill fill = (Fill) decoder.decode("Fill", record.payload());
            JsonNode payload = line.get("payload");
            assertThat(payload.get("price").isBigDecimal() || payload.get("price").isIntegralNumber()).isTrue();
            assertThat(payload.get("price").decimalValue()).isEqualByComparingTo(FixedPoint.toBigDecimal(fill.price().raw()));
            assertThat(payload.get("price").decimalValue().toPlainString()).isEqualTo(fill.price().toString());
            assertThat(payload.get("commission").decimalValue()).isEqualByComparingTo(FixedPoint.toBigDecimal(fill.commission().raw()));
            assertThat(payload.get("quantity").decimalValue()).isEqualByComparingTo(FixedPoint.toBigDecimal(fill.quantity().raw()));
            assertThat(payload.get("timestamp").asLong()).isEqualTo(fill.timestamp());
            assertThat(payload.get("orderId").asText()).isEqualTo(fill.orderId().value());
            assertThat(payload.get("side").asText()).isEqualTo(fill.side().name());
            manyDecimals |= payload.get("commission").decimalValue().scale() > 2;
        }
        assertThat(manyDecimals).as("per-share commissions have more than two decimals").isTrue();
    }

    @Test
    void csvHasTheHeaderColumnsAndTheCanonicalPayload() {
        CliRun r = CliRun.of("audit", "export", out.toString(), "--format", "csv", "--type", "OrderApproved");
        assertThat(r.exitCode()).as(r.err()).isZero();

        List<String> lines = r.out().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("seq,engineTime,wallTime,type,hash,payload");
        List<JournalRecord> approved = records.stream().filter(x -> x.type().equals("OrderApproved")).toList();
        assertThat(lines).hasSize(approved.size() + 1);
        JournalRecord first = approved.getFirst();
        assertThat(lines.get(1)).isEqualTo(first.sequence() + "," + EpochNanos.toInstant(first.engineTime()) + ","
                + EpochNanos.toInstant(first.wallTime()) + ",OrderApproved," + HexFormat.of().formatHex(first.hash()) + ",\""
                + text(first).replace("\"", "\"\"") + "\"");
    }

    @Test
    void unknownTypeIsAUserErrorListingTheKnownTypes() {
        CliRun r = CliRun.of("audit", "show", out.toString(), "--type", "Fill,Fil");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("--type: unknown type Fil; known types: ", "Fill", "OrderUpdated", "RunStarted");
    }

    @Test
    void badOptionValuesAreUserErrors() {
        CliRun time = CliRun.of("audit", "show", out.toString(), "--from", "2024-13-01");
        assertThat(time.exitCode()).isEqualTo(2);
        assertThat(time.err()).contains("--from: '2024-13-01' is not an ISO instant");
        CliRun range = CliRun.of("audit", "show", out.toString(), "--from", "2024-01-02", "--to", "2024-01-01");
        assertThat(range.exitCode()).isEqualTo(2);
        assertThat(range.err()).contains("--from 2024-01-02 must be before --to 2024-01-01");
        CliRun format = CliRun.of("audit", "export", out.toString(), "--format", "xml");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("--format: 'xml' is not one of table, json, csv");
        CliRun output = CliRun.of("audit", "export", out.toString(), "--output", scratch.resolve("no/such/file").toString());
        assertThat(output.exitCode()).isEqualTo(2);
        assertThat(output.err()).contains("--output: cannot write");
    }

    @Test
    void missingRunOrJournalIsAUserError() throws IOException {
        CliRun missing = CliRun.of("audit", "show", scratch.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("error: no such run folder: " + scratch.resolve("nope"));
        Files.createDirectories(scratch.resolve("empty"));
        CliRun empty = CliRun.of("audit", "export", scratch.resolve("empty").toString());
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("error: no journal in " + scratch.resolve("empty"));
    }

    @Test
    void damagedJournalIsShownUpToTheBadRecordThenReported() throws IOException {
        Path copy = scratch.resolve("run/journal");
        Files.createDirectories(copy);
        Path segment;
        try (var files = Files.list(out.resolve("journal"))) {
            segment = files.filter(p -> p.getFileName().toString().endsWith(".journal")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(segment);
        JournalRecord victim = records.get(40);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(
                new String(victim.payload(), StandardCharsets.ISO_8859_1));
        bytes[at + 3] ^= 0x01;
        Files.write(copy.resolve(segment.getFileName()), bytes);

        CliRun r = CliRun.of("audit", "show", scratch.resolve("run").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out().lines().toList()).hasSize(1 + 40);
        assertThat(r.err()).contains("error: the journal is damaged at record 41: CRC_MISMATCH",
                "only the 40 records before it were read");
    }

    private static String text(JournalRecord record) {
        return RunJournal.decoder().text(record.type(), record.payload());
    }
}
