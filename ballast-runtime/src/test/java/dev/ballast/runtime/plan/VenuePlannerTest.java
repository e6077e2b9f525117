package dev.ballast.runtime.plan;

import dev.ballast.engine.broker.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** broker.type and its section: the venue a live run trades with, checked value by value; credentials only named. */
class VenuePlannerTest {
    private static final Values VALUES = new Values(Path.of("/runs/live.yaml"));
    private static final Function<String, String> NO_ENV = name -> null;

    @TempDir
    Path dir;

    private static RunConfig.Broker broker(String type, RunConfig.Fix fix, RunConfig.Alpaca alpaca) {
        return new RunConfig.Broker(type, null, null, null, null, null, null, fix, alpaca);
    }

    private static RunConfig.Fix fix(Integer port, String sender) {
        return new RunConfig.Fix("127.0.0.1", port, null, sender, "VENUE", null, null, null, null, null, null, null, null, null);
    }

    @Test
    void withoutATypeTheVenueIsPaper() {
        assertThat(VenuePlanner.plan(VALUES, null, NO_ENV)).isEqualTo(VenuePlan.PAPER);
        assertThat(VenuePlanner.plan(VALUES, broker(null, null, null), NO_ENV)).isEqualTo(VenuePlan.PAPER);
    }

    @Test
    void aFixVenueTakesItsDefaultsAndThePortFromBallastFixPort() {
        VenuePlan.Fix fix = (VenuePlan.Fix) VenuePlanner.plan(VALUES, broker("fix", fix(null, "BALLAST"), null),
                Map.of("BALLAST_FIX_PORT", "19878")::get);

        assertThat(fix.port()).isEqualTo(19878);
        assertThat(fix.host()).isEqualTo("127.0.0.1");
        assertThat(fix.senderCompId()).isEqualTo("BALLAST");
        assertThat(fix.heartbeatSeconds()).isEqualTo(30);
        assertThat(fix.resetOnLogon() || fix.resetOnLogout() || fix.resetOnDisconnect()).as("sequence numbers survive").isFalse();
        assertThat(fix.queryTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(fix.password()).isNull();
        assertThat(((VenuePlan.Fix) VenuePlanner.plan(VALUES, broker("fix", fix(null, "BALLAST"), null), NO_ENV)).port())
                .isEqualTo(9878);
    }

    @Test
    void aFixVenueThatResetsItsSequenceNumbersIsWarnedOfWhatARestartCannotAskForAgain() {
        VenuePlan.Fix keeps = (VenuePlan.Fix) VenuePlanner.plan(VALUES, broker("fix", fix(null, "BALLAST"), null), NO_ENV);
        assertThat(RunPreflight.liveVenue(keeps)).isEmpty();
        VenuePlan.Fix resets = new VenuePlan.Fix(keeps.host(), keeps.port(), keeps.senderCompId(), keeps.targetCompId(),
                keeps.heartbeatSeconds(), true, false, true, keeps.maxMessagesPerSecond(), keeps.queryTimeout(),
                keeps.account(), keeps.password());
        assertThat(RunPreflight.liveVenue(resets)).singleElement().asString()
                .startsWith("broker.fix.resetOnLogon, resetOnDisconnect: the FIX session resets its sequence numbers")
                .contains("cannot be asked again");
        assertThat(RunPreflight.liveVenue(VenuePlan.PAPER)).isEmpty();
    }

    @Test
    void aWrongValueIsRefusedNamingTheFileAndTheKey() {
        assertThatThrownBy(() -> VenuePlanner.plan(VALUES, broker("ftx", null, null), NO_ENV))
                .hasMessage("/runs/live.yaml: broker.type: 'ftx' is not one of: paper, fix, alpaca");
        assertThatThrownBy(() -> VenuePlanner.plan(VALUES, broker("fix", fix(70000, "BALLAST"), null), NO_ENV))
                .hasMessage("/runs/live.yaml: broker.fix.port: must be between 1 and 65535, was 70000");
        assertThatThrownBy(() -> VenuePlanner.plan(VALUES, broker("fix", fix(null, "BALLAST"), null),
                Map.of("BALLAST_FIX_PORT", "nine")::get))
                .hasMessage("/runs/live.yaml: broker.fix.portEnv: the environment variable BALLAST_FIX_PORT is not a port number");
        assertThatThrownBy(() -> VenuePlanner.plan(VALUES, broker("fix", fix(null, "BAL\u0001LAST"), null), NO_ENV))
                .hasMessage("/runs/live.yaml: broker.fix.senderCompId: contains the character U+0001");
        assertThatThrownBy(() -> VenuePlanner.plan(VALUES, broker("fix", null, null), NO_ENV))
                .hasMessage("/runs/live.yaml: broker.fix: is required");
        assertThatThrownBy(() -> VenuePlanner.plan(VALUES, broker("alpaca", fix(null, "BALLAST"), null), NO_ENV))
                .hasMessage("/runs/live.yaml: broker.fix: is only read with broker.type: fix (the type is alpaca)");
    }

    @Test
    void anAlpacaVenueDefaultsToThePaperEndpointAndAcceptsALocalTestVenue() {
        VenuePlan.Alpaca alpaca = (VenuePlan.Alpaca) VenuePlanner.plan(VALUES, broker("alpaca", null, null), NO_ENV);
        assertThat(alpaca.tradingUrl()).isEqualTo(URI.create("https://paper-api.alpaca.markets"));
        assertThat(alpaca.keyId().env()).isEqualTo("ALPACA_KEY_ID");
        assertThat(alpaca.secretKey().env()).isEqualTo("ALPACA_SECRET_KEY");

        VenuePlan.Alpaca local = (VenuePlan.Alpaca) VenuePlanner.plan(VALUES, broker("alpaca", null,
                new RunConfig.Alpaca("http://127.0.0.1:8123", "ws://127.0.0.1:8123/stream", null, null, null, null, null, null)),
                NO_ENV);
        assertThat(local.streamUrl()).isEqualTo(URI.create("ws://127.0.0.1:8123/stream"));
        assertThatThrownBy(() -> VenuePlanner.plan(VALUES, broker("alpaca", null,
                new RunConfig.Alpaca("ftp://example.com", null, null, null, null, null, null, null)), NO_ENV))
                .hasMessageStartingWith("/runs/live.yaml: broker.alpaca.tradingUrl: must be a https:// ");
    }

    @Test
    void aCredentialComesFromItsEnvironmentVariableFirst() {
        Credential credential = new Credential("ALPACA_SECRET_KEY", null, "secretKey", "/runs/live.yaml: broker.alpaca.secretKey");

        Secret secret = credential.resolve(Map.of("ALPACA_SECRET_KEY", "s3cr3t-value")::get);

        assertThat(secret.reveal()).isEqualTo("s3cr3t-value");
        assertThat(secret.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void aCredentialsFileReadableByOthersIsRefusedWithoutReadingIt() throws IOException {
        Path file = dir.resolve("alpaca.properties");
        Files.writeString(file, "secretKey=s3cr3t-value\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Credential credential = new Credential(null, file, "secretKey", "/runs/live.yaml: broker.alpaca.secretKey");

        assertThatThrownBy(() -> credential.resolve(NO_ENV))
                .hasMessageContaining("may be read or changed by others")
                .hasMessageContaining("chmod 600")
                .hasMessageNotContaining("s3cr3t");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(credential.resolve(NO_ENV).reveal()).isEqualTo("s3cr3t-value");
    }

    @Test
    void aMissingCredentialNamesTheVariableTheFileAndTheKeyNeverAValue() throws IOException {
        Path file = dir.resolve("fix.properties");
        Files.writeString(file, "user=ballast\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Credential credential = new Credential("FIX_PASSWORD", file, "password", "/runs/live.yaml: broker.fix.password");

        assertThatThrownBy(() -> credential.resolve(NO_ENV))
                .hasMessage("/runs/live.yaml: broker.fix.password: no value: the environment variable FIX_PASSWORD is not "
                        + "set, and " + file + " has no key 'password'");
    }
}
