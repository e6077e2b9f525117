package dev.ballast.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampParserTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static long parse(String text, ZoneId zone) {
        byte[] bytes = ("xx" + text + "yy").getBytes(StandardCharsets.US_ASCII);
        return new TimestampParser(zone).parse(bytes, 2, 2 + text.length());
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    @Test
    void readsUtcInstantWithZ() {
        assertThat(parse("2024-01-02T14:30:00Z", NEW_YORK)).isEqualTo(nanos(Instant.parse("2024-01-02T14:30:00Z")));
    }

    @Test
    void readsInstantWithOffsetIgnoringTheConfiguredZone() {
        long expected = nanos(Instant.parse("2024-01-02T14:30:00Z"));
        assertThat(parse("2024-01-02T09:30:00-05:00", ZoneOffset.UTC)).isEqualTo(expected);
        assertThat(parse("2024-01-02T09:30:00-0500", ZoneOffset.UTC)).isEqualTo(expected);
        assertThat(parse("2024-01-02T09:30:00-05", ZoneOffset.UTC)).isEqualTo(expected);
        assertThat(parse("2024-01-02T20:00:00+05:30", ZoneOffset.UTC)).isEqualTo(expected);
    }

    @Test
    void readsFractionalSecondsToTheNanosecond() {
        assertThat(parse("2024-01-02T14:30:00.5Z", ZoneOffset.UTC)).isEqualTo(nanos(Instant.parse("2024-01-02T14:30:00.500Z")));
        assertThat(parse("2024-01-02T14:30:00.123456789Z", ZoneOffset.UTC))
                .isEqualTo(nanos(Instant.parse("2024-01-02T14:30:00.123456789Z")));
    }

    @Test
    void readsLocalDateTimeInTheConfiguredZone() {
        assertThat(parse("2024-01-02T09:30:00", NEW_YORK)).isEqualTo(nanos(Instant.parse("2024-01-02T14:30:00Z")));
        assertThat(parse("2024-07-02T09:30:00", NEW_YORK)).isEqualTo(nanos(Instant.parse("2024-07-02T13:30:00Z")));
        assertThat(parse("2024-01-02 09:30", NEW_YORK)).isEqualTo(nanos(Instant.parse("2024-01-02T14:30:00Z")));
        assertThat(parse("2024-01-02T09:30:00", ZoneOffset.ofHours(-5))).isEqualTo(nanos(Instant.parse("2024-01-02T14:30:00Z")));
    }

    @Test
    void readsLocalDateTimeAsUtcByDefault() {
        assertThat(parse("2024-01-02T14:30:00", ZoneOffset.UTC)).isEqualTo(nanos(Instant.parse("2024-01-02T14:30:00Z")));
    }

    @Test
    void readsDateOnlyAsMidnightInTheZone() {
        assertThat(parse("2024-01-02", ZoneOffset.UTC)).isEqualTo(nanos(Instant.parse("2024-01-02T00:00:00Z")));
        assertThat(parse("2024-01-02", NEW_YORK)).isEqualTo(nanos(Instant.parse("2024-01-02T05:00:00Z")));
    }

    @Test
    void readsUpToTenDigitsAsEpochSeconds() {
        assertThat(parse("1704205800", ZoneOffset.UTC)).isEqualTo(nanos(Instant.parse("2024-01-02T14:30:00Z")));
        assertThat(parse("0", ZoneOffset.UTC)).isZero();
    }

    @Test
    void readsElevenDigitsOrMoreAsEpochMilliseconds() {
        assertThat(parse("1704205800123", ZoneOffset.UTC)).isEqualTo(nanos(Instant.parse("2024-01-02T14:30:00.123Z")));
        assertThat(parse("10000000000", ZoneOffset.UTC)).isEqualTo(10_000_000_000L * 1_000_000L);
    }

    @Test
    void agreesWithJavaTimeOnEveryDayAcrossCenturiesAndLeapYears() {
        TimestampParser parser = new TimestampParser(ZoneOffset.UTC);
        for (LocalDate date = LocalDate.of(1899, 12, 1); date.isBefore(LocalDate.of(2101, 3, 1)); date = date.plusDays(1)) {
            byte[] text = date.toString().getBytes(StandardCharsets.US_ASCII);
            assertThat(parser.parse(text, 0, text.length)).as(date.toString()).isEqualTo(date.toEpochDay() * 86_400_000_000_000L);
        }
    }

    @Test
    void movesSpringForwardGapTimesLikeZonedDateTime() {
        long expected = nanos(LocalDateTime.parse("2024-03-10T02:30:00").atZone(NEW_YORK).toInstant());
        assertThat(parse("2024-03-10T02:30:00", NEW_YORK)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2024-13-01", "2024-02-30", "2023-02-29", "2024-01-02T24:00:00Z",
            "2024-01-02T14:61Z", "2024-01-02X14:30:00Z", "2024-01-02T14:30:00Q", "2024-01-02T14:30:00+5",
            "2024-01-02T14:30:00.Z", "2024-01-02T14:30:00.1234567891Z", "-1704205800", "1.5", "99999999999999999999"})
    void rejectsTextThatIsNotATimestamp(String text) {
        assertThatThrownBy(() -> parse(text, ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class);
    }
}
