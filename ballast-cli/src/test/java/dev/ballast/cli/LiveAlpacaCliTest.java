package dev.ballast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.adapter.alpaca.AlpacaFake;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ballast live examples/live-alpaca.yaml} end to end, in a child JVM, against the Alpaca fake (a REST server
 * and a {@code trade_updates} WebSocket) in this JVM: the venue is reconciled before the first order, every order
 * reaches the fake once under this run's prefix, the run's fills add up to what the fake filled, the secret is
 * nowhere in the output or the run folder, a silent stream halts the account until the venue is reconciled again,
 * and a venue whose state cannot be read gets no order at all.
 */
@Tag("system") // a child JVM, an HTTP server and a WebSocket: run by Failsafe (./mvnw verify)
class LiveAlpacaCliTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "live-alpaca.yaml");
    private static final Path DATA = EXAMPLE.toAbsolutePath().normalize().getParent().resolve("data").resolve("daily-5.csv");
    private static final String ENV_CREDENTIALS = "    keyIdEnv: ALPACA_KEY_ID\n    secretKeyEnv: ALPACA_SECRET_KEY\n";
    /** The whole example's data in about 30 s: slow enough to stall the stream while the strategy still trades. */
    private static final String SLOW_SPEED = "7000000";

    @TempDir
    Path dir;

    @Test
    void theLiveAlpacaExampleTradesThroughTheFakeAndTheSecretIsNowhere() throws Exception {
        try (AlpacaFake fake = pricedFake()) {
            Path run = dir.resolve("run");

            Process child = start(config(fake, ""), run, envCredentials());
            String log = ended(child);

            assertThat(log).contains("Venue alpaca reconciled before the first order").contains("Live run (alpaca) live-alpaca")
                    .doesNotContain("Exception").as("no library log lines on the terminal").doesNotContain("INFO:");
            List<String> sent = sentIds(fake);
            assertThat(sent).as("the SMA crossover trades").hasSizeGreaterThan(20);
            assertThat(new HashSet<>(sent)).as("no client order id is posted twice").hasSize(sent.size());
            String prefix = prefix(run);
            assertThat(sent).allMatch(id -> id.startsWith(prefix));
            assertThat(sent).allMatch(id -> fake.ordersWithClientId(id) == 1 && "filled".equals(fake.status(id)));
            Map<String, Integer> byStatus = LiveBooks.orderStatuses(run);
            assertThat(byStatus.keySet()).as("every order sent filled; the others were denied by risk before the venue")
                    .isSubsetOf("FILLED", "DENIED");
            assertThat(byStatus.get("FILLED")).as(byStatus.toString()).isEqualTo(sent.size());
            assertThat(LiveBooks.netPositions(run)).as("the run's fills add up to what the fake filled").isEqualTo(fakeNet(fake));
            CliRun verify = CliRun.of("audit", "verify", run.toString());
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
            assertSecretNowhere(log, run);
        }
    }

    @Test
    void credentialsFromAnOwnerOnlyFileAreUsed() throws Exception {
        try (AlpacaFake fake = pricedFake()) {
            Path credentials = credentialsFile("rw-------");
            Path run = dir.resolve("run");

            String log = ended(start(config(fake, credentials.toString()), run, blankEnvCredentials()));

            assertThat(log).contains("Venue alpaca reconciled before the first order");
            List<String> sent = sentIds(fake);
            assertThat(sent).as("the key pair from the file is accepted").isNotEmpty();
            assertThat(sent).allMatch(id -> "filled".equals(fake.status(id)));
            assertThat(Files.readAllLines(run.resolve("orders.csv"))).as("orders went out and filled")
                    .anyMatch(row -> row.contains(",FILLED"));
            assertSecretNowhere(log, run);
        }
    }

    @Test
    void aCredentialsFileOthersMayReadIsRefusedWithExitCode2AndTheSecretUnprinted() throws Exception {
        try (AlpacaFake fake = pricedFake()) {
            Path credentials = credentialsFile("rw-r--r--");
            Path run = dir.resolve("run");

            Process child = start(config(fake, credentials.toString()), run, blankEnvCredentials());
            assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("the refused run ends").isTrue();
            String log = ChildRuns.log(child);

            assertThat(child.exitValue()).as(log).isEqualTo(2);
            List<String> errors = Files.readString(logOf(child)).lines().filter(line -> line.startsWith("error:")).toList();
            assertThat(errors).as(log).hasSize(1);
            assertThat(errors.getFirst()).contains(credentials.toString()).contains("chmod 600");
            assertThat(log).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(AlpacaFake.SECRET);
            assertThat(fake.orderPosts()).as("nothing reaches the venue").isEmpty();
            assertThat(run.resolve("journal")).as("refused before the run writes anything").doesNotExist();
            assertThat(run.resolve("venue")).doesNotExist();
        }
    }

    @Test
    void aSilentStreamHaltsTheAccountUntilTheReconnectedVenueIsReconciledThenTradingResumes() throws Exception {
        try (AlpacaFake fake = pricedFake()) {
            Path run = dir.resolve("run");
            Path config = config(fake, "");
            Files.writeString(config, Files.readString(config).replace("streamSilenceMs: 30000", "streamSilenceMs: 1000"));

            Process child = start(config, run, envCredentials(), "--speed", SLOW_SPEED);
            await(child, () -> fake.orderPosts().size() >= 3, "three orders reach the fake");
            fake.stallStream(); // the socket stays open; nothing passes either way, pings go unanswered
            int postedAtStall = fake.orderPosts().size();
            await(child, fake::isStreaming, "the adapter gives up the silent stream and listens again");
            int postedBeforeResume = fake.orderPosts().size();
            String log = ended(child);

            assertThat(postedBeforeResume).as("orders filled while the stream was silent (their fills reach the run only "
                    + "through the reconnection's state query)").isGreaterThan(postedAtStall);
            assertThat(fake.orderPosts().size()).as("trading resumed after the reconnection: " + log)
                    .isGreaterThan(postedBeforeResume);
            String states = audit(run, "TradingStateChanged");
            assertThat(states).as("the lost stream halted the account").contains("BROKER_DISCONNECTED");
            String resumes = audit(run, "ResumeTrading");
            assertThat(resumes).as("trading resumed by the reconnection's reconciliation, journaled")
                    .contains("ballast:reconnect");
            String reconciled = audit(run, "BrokerReconciled");
            assertThat(reconciled.lines().filter(line -> line.contains("BrokerReconciled")).count())
                    .as("at the start and after the reconnection: " + reconciled).isGreaterThanOrEqualTo(2);
            List<String> sent = sentIds(fake);
            assertThat(new HashSet<>(sent)).as("no client order id is posted twice").hasSize(sent.size());
            assertThat(LiveBooks.netPositions(run)).as("fills made while the stream was silent are booked once, from the activities; "
                    + "the venue's connection and the account's states:%n%s", audit(run, "BrokerConnectionChanged,"
                    + "BrokerReconciled,TradingStateChanged,AnomalyFlagged,FillBooked")).isEqualTo(fakeNet(fake));
            CliRun verify = CliRun.of("audit", "verify", run.toString());
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
            assertSecretNowhere(log, run);
        }
    }

    @Test
    void aVenueWhoseStateCannotBeReadLeavesTheAccountHaltedAndGetsNoOrder() throws Exception {
        try (AlpacaFake fake = pricedFake()) {
            fake.failNextRequests("GET /v2/orders", 503);
            fake.failNextRequests("GET /v2/positions", 500);
            Path run = dir.resolve("run");

            String log = ended(start(config(fake, ""), run, envCredentials()));

            assertThat(log).contains("Venue alpaca NOT reconciled, account HALTED: broker state unknown")
                    .contains("it is not taken for flat").doesNotContain(AlpacaFake.SECRET);
            assertThat(fake.requests()).as("the state was asked for").anyMatch(request -> request.startsWith("GET /v2/orders"));
            assertThat(fake.orderPosts()).as("unknown is never flat: no order goes out").isEmpty();
        }
    }

    @Test
    void aStreamThatNeverConnectsLeavesTheAccountHaltedThoughTheRestQueryAnswers() throws Exception {
        try (AlpacaFake fake = pricedFake(); ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Nothing answers a WebSocket there: REST works, the trade updates never come.
            int deadPort = closed.getLocalPort();
            closed.close();
            Path config = config(fake, "");
            Files.writeString(config, Files.readString(config).replaceAll("streamUrl: [^\\n]*",
                    "streamUrl: ws://127.0.0.1:" + deadPort + "/stream"));
            Path run = dir.resolve("run");

            String log = ended(start(config, run, envCredentials()));

            assertThat(log).contains("Venue alpaca NOT reconciled, account HALTED: broker state unknown")
                    .contains("the venue's connection is not up").doesNotContain(AlpacaFake.SECRET);
            assertThat(fake.orderPosts()).as("no order goes out while its fills could not come back").isEmpty();
        }
    }

    @Test
    void fillsTheAccountHadBeforeTheRunStartedAreNotBookedInTheRun() throws Exception {
        try (AlpacaFake fake = pricedFake()) {
            // An earlier run's round trip on the same account, flat again, with a profit of 1000.
            fake.setPrice("SYM000", "90");
            postOrder(fake, "Bearlier-sma-1", "buy");
            fake.setPrice("SYM000", "100");
            postOrder(fake, "Bearlier-sma-2", "sell");
            String firstClose = Files.readAllLines(DATA).get(1).split(",")[5];
            fake.setPrice("SYM000", firstClose);
            Path run = dir.resolve("run");

            String log = ended(start(config(fake, ""), run, envCredentials()));

            assertThat(log).contains("Venue alpaca reconciled before the first order");
            List<String> fills = Files.readAllLines(run.resolve("fills.csv"));
            assertThat(fills).as("the earlier run's fills are not this run's").noneMatch(row -> row.contains("Bearlier-"));
            assertThat(LiveBooks.netPositions(run)).isEqualTo(fakeNet(fake, sentIds(fake).subList(2, sentIds(fake).size())));
        }
    }

    // ---- the fake, the configuration, the child ----

    /** Posts a market order for 100 SYM000 to the fake, as another client of the account would. */
    private static void postOrder(AlpacaFake fake, String clientOrderId, String side) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(fake.tradingUrl().resolve("/v2/orders"))
                .header("APCA-API-KEY-ID", AlpacaFake.KEY_ID).header("APCA-API-SECRET-KEY", AlpacaFake.SECRET)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"symbol\":\"SYM000\",\"qty\":\"100\",\"side\":\"" + side
                        + "\",\"type\":\"market\",\"time_in_force\":\"day\",\"client_order_id\":\"" + clientOrderId + "\"}"))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        assertThat(fake.status(clientOrderId)).isEqualTo("filled");
    }

    /** A fake that fills market orders at the first close of each symbol of the example's data. */
    static AlpacaFake pricedFake() throws IOException {
        AlpacaFake fake = new AlpacaFake();
        for (String line : Files.readAllLines(DATA).subList(1, 6)) {
            String[] cells = line.split(",");
            fake.setPrice(cells[1], cells[5]);
        }
        return fake;
    }

    /**
     * The example, copied to this test's folder, its URLs on the fake and its data path absolute; with
     * {@code credentialsFile} not empty, the key pair comes from that file instead of the environment. The fake has no
     * rate limit: the adapter's is raised from Alpaca's 200 requests a minute, which the example's three hundred orders
     * and cancels replayed in seconds would exceed (they would wait in the limiter past the end of the data).
     */
    private Path config(AlpacaFake fake, String credentialsFile) throws IOException {
        return config(dir, fake, credentialsFile);
    }

    /** As {@link #config(AlpacaFake, String)}, written to {@code dir}. */
    static Path config(Path dir, AlpacaFake fake, String credentialsFile) throws IOException {
        String example = Files.readString(EXAMPLE);
        assertThat(example).contains(ENV_CREDENTIALS).contains("files: [data/daily-5.csv]").contains("maxRequestsPerMinute: 200");
        String text = example.replaceAll("tradingUrl: [^\\n]*", "tradingUrl: " + fake.tradingUrl())
                .replaceAll("streamUrl: [^\\n]*", "streamUrl: " + fake.streamUrl())
                .replace("files: [data/daily-5.csv]", "files: [" + DATA + "]")
                .replace("maxRequestsPerMinute: 200", "maxRequestsPerMinute: 6000");
        if (!credentialsFile.isEmpty()) text = text.replace(ENV_CREDENTIALS, "    credentialsFile: " + credentialsFile + "\n");
        Path config = dir.resolve("live-alpaca.yaml");
        Files.writeString(config, text);
        return config;
    }

    /** The fake's key pair in a credentials file with these permissions. */
    private Path credentialsFile(String permissions) throws IOException {
        Path file = dir.resolve("alpaca.properties");
        Files.writeString(file, "keyId=" + AlpacaFake.KEY_ID + "\nsecretKey=" + AlpacaFake.SECRET + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    static Map<String, String> envCredentials() {
        return Map.of("ALPACA_KEY_ID", AlpacaFake.KEY_ID, "ALPACA_SECRET_KEY", AlpacaFake.SECRET);
    }

    /** Blank variables count as unset: the credentials file is read, whatever this machine's environment holds. */
    private static Map<String, String> blankEnvCredentials() {
        return Map.of("ALPACA_KEY_ID", "", "ALPACA_SECRET_KEY", "");
    }

    private final Map<Long, Path> logs = new LinkedHashMap<>();

    private Process start(Path config, Path run, Map<String, String> env, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("live", config.toString(), "--out", run.toString(), "-q"));
        args.addAll(List.of(more));
        Path log = dir.resolve("live-" + System.nanoTime() + ".log");
        Process child = ChildRuns.start(log, args, env);
        logs.put(child.pid(), log);
        return child;
    }

    private Path logOf(Process child) {
        return logs.get(child.pid());
    }

    /** The child's output after it ended, successfully. */
    private String ended(Process child) throws IOException, InterruptedException {
        assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("the live run ends").isTrue();
        String output = Files.readString(logOf(child));
        assertThat(child.exitValue()).as(output).isZero();
        return output;
    }

    /** Waits, up to a generous deadline, until {@code condition} holds; the child must not end first. */
    private static void await(Process child, BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(child.isAlive()).as("the run ended before: " + what + "; " + ChildRuns.log(child)).isTrue();
            assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
            child.waitFor(10, TimeUnit.MILLISECONDS);
        }
    }

    private static String audit(Path run, String type) {
        CliRun show = CliRun.of("audit", "show", run.toString(), "--type", type);
        assertThat(show.exitCode()).as(show.out() + show.err()).isZero();
        return show.out();
    }

    // ---- what happened ----

    private static String prefix(Path run) throws IOException {
        return Files.readString(run.resolve("venue").resolve("order-id-prefix")).strip();
    }

    static List<String> sentIds(AlpacaFake fake) {
        List<String> ids = new ArrayList<>();
        for (JsonNode post : fake.orderPosts()) ids.add(post.path("client_order_id").asText());
        return ids;
    }

    /** Net quantity per symbol of the orders the fake filled (market orders fill whole, at once). */
    static Map<String, BigDecimal> fakeNet(AlpacaFake fake) {
        return fakeNet(fake, sentIds(fake));
    }

    /** As {@link #fakeNet(AlpacaFake)}, of these client order ids only. */
    private static Map<String, BigDecimal> fakeNet(AlpacaFake fake, List<String> ids) {
        Map<String, BigDecimal> net = new TreeMap<>();
        for (JsonNode post : fake.orderPosts()) {
            String id = post.path("client_order_id").asText();
            if (!ids.contains(id) || fake.ordersWithClientId(id) == 0 || !"filled".equals(fake.status(id))) continue;
            BigDecimal quantity = new BigDecimal(post.path("qty").asText());
            net.merge(post.path("symbol").asText(), "buy".equals(post.path("side").asText()) ? quantity : quantity.negate(),
                    BigDecimal::add);
        }
        net.replaceAll((symbol, quantity) -> quantity.stripTrailingZeros());
        return net;
    }

    /** The secret is in neither the child's output nor any file of the run folder (the journal included). */
    private static void assertSecretNowhere(String output, Path run) throws IOException {
        assertThat(output).doesNotContain(AlpacaFake.SECRET);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(run)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("the run wrote its folder").anyMatch(file -> file.getFileName().toString().equals("results.json"));
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(bytes).as(file.toString()).doesNotContain(AlpacaFake.SECRET);
        }
    }
}
