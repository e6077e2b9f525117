package dev.ballast.engine.data;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * Parses a CSV timestamp field straight from bytes into epoch nanoseconds, without allocating on the
 * common paths (UTC, explicit offsets, fixed-offset zones). Accepted forms:
 *
 * <ul>
 *   <li>ISO-8601 instant with {@code Z} or an offset: {@code 2024-01-02T14:30:00Z},
 *       {@code 2024-01-02T09:30:00-05:00} (also {@code -0500} and {@code -05});
 *   <li>ISO local date-time, read in the configured zone: {@code 2024-01-02T09:30:00}, seconds and a
 *       fraction of up to nine digits optional, a space accepted instead of {@code T};
 *   <li>a date, meaning midnight in the configured zone: {@code 2024-01-02};
 *   <li>epoch time as digits only: up to 10 digits are <b>seconds</b>, 11 or more are <b>milliseconds</b>.
 *       Ten digits of seconds reach 2286, and eleven digits of milliseconds start in March 1973, so real
 *       data of either kind falls on the right side of the rule.
 * </ul>
 *
 * In a zone with daylight saving, a local time in the spring-forward gap moves forward by the gap and
 * one in the autumn overlap takes the earlier offset, as {@link java.time.ZonedDateTime} does. Not
 * thread-safe (one per reader), though it holds no mutable state today.
 */
final class TimestampParser {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int[] DAYS_IN_MONTH = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private final ZoneId zone;
    private final boolean fixedOffset;
    private final long offsetSeconds;

    TimestampParser(ZoneId zone) {
        this.zone = zone;
        ZoneRules rules = zone.getRules();
        this.fixedOffset = rules.isFixedOffset();
        this.offsetSeconds = fixedOffset ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
    }

    /**
     * Parses {@code b[from, to)}.
     *
     * @throws IllegalArgumentException with a short explanation when the text is not a timestamp
     */
    long parse(byte[] b, int from, int to) {
        int len = to - from;
        if (len == 0) throw new IllegalArgumentException("empty");
        if (allDigits(b, from, to)) return epoch(b, from, to);
        if (len < 10 || b[from + 4] != '-' || b[from + 7] != '-') throw new IllegalArgumentException("not a date, date-time or epoch number");
        int year = digits(b, from, 4);
        int month = digits(b, from + 5, 2);
        int day = digits(b, from + 8, 2);
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new IllegalArgumentException("no such date");
        long epochDay = epochDay(year, month, day);
        if (len == 10) return local(epochDay, 0, 0, year, month, day, 0, 0, 0);

        byte sep = b[from + 10];
        if (sep != 'T' && sep != 't' && sep != ' ') throw new IllegalArgumentException("expected 'T' after the date");
        int i = from + 11;
        if (to - i < 5 || b[i + 2] != ':') throw new IllegalArgumentException("expected HH:MM after the date");
        int hour = digits(b, i, 2);
        int minute = digits(b, i + 3, 2);
        i += 5;
        int second = 0;
        if (i < to && b[i] == ':') {
            if (to - i < 3) throw new IllegalArgumentException("expected two digits of seconds");
            second = digits(b, i + 1, 2);
            i += 3;
        }
        int nanos = 0;
        if (i < to && (b[i] == '.' || b[i] == ',')) {
            i++;
            int digitCount = 0;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                if (++digitCount > 9) throw new IllegalArgumentException("more than nine fraction digits");
                nanos = nanos * 10 + (b[i] - '0');
                i++;
            }
            if (digitCount == 0) throw new IllegalArgumentException("no digits after the decimal point");
            for (int d = digitCount; d < 9; d++) nanos *= 10;
        }
        if (hour > 23 || minute > 59 || second > 59) throw new IllegalArgumentException("time of day out of range");
        long secondOfDay = hour * 3600L + minute * 60L + second;
        if (i == to) return local(epochDay, secondOfDay, nanos, year, month, day, hour, minute, second);
        long offset = offset(b, i, to);
        return nanos(epochDay * 86_400L + secondOfDay - offset, nanos);
    }

    private long local(long epochDay, long secondOfDay, int nanos, int year, int month, int day, int hour, int minute, int second) {
        if (fixedOffset) return nanos(epochDay * 86_400L + secondOfDay - offsetSeconds, nanos);
        // DST zones are rare in backtest files; let java.time resolve gaps and overlaps correctly.
        long epochSecond = LocalDateTime.of(year, month, day, hour, minute, second).atZone(zone).toEpochSecond();
        return nanos(epochSecond, nanos);
    }

    private static long offset(byte[] b, int i, int to) {
        byte sign = b[i];
        if ((sign == 'Z' || sign == 'z') && i + 1 == to) return 0;
        if (sign != '+' && sign != '-') throw new IllegalArgumentException("expected Z or an offset after the time");
        int rest = to - i - 1;
        int hours;
        int minutes = 0;
        if (rest == 2) {
            hours = digits(b, i + 1, 2);
        } else if (rest == 4) {
            hours = digits(b, i + 1, 2);
            minutes = digits(b, i + 3, 2);
        } else if (rest == 5 && b[i + 3] == ':') {
            hours = digits(b, i + 1, 2);
            minutes = digits(b, i + 4, 2);
        } else {
            throw new IllegalArgumentException("offset is not +HH:MM");
        }
        if (hours > 18 || minutes > 59) throw new IllegalArgumentException("offset out of range");
        long seconds = hours * 3600L + minutes * 60L;
        return sign == '-' ? -seconds : seconds;
    }

    private static long epoch(byte[] b, int from, int to) {
        int len = to - from;
        if (len > 18) throw new IllegalArgumentException("epoch number too large");
        long value = 0;
        for (int i = from; i < to; i++) value = value * 10 + (b[i] - '0');
        try {
            return len <= 10 ? Math.multiplyExact(value, NANOS_PER_SECOND) : Math.multiplyExact(value, 1_000_000L);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("epoch number beyond the year 2262");
        }
    }

    private static long nanos(long epochSecond, int nanos) {
        try {
            return Math.addExact(Math.multiplyExact(epochSecond, NANOS_PER_SECOND), nanos);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("outside the years 1677 to 2262 that epoch nanoseconds can hold");
        }
    }

    private static boolean allDigits(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') return false;
        }
        return true;
    }

    private static int digits(byte[] b, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) throw new IllegalArgumentException("expected a digit at position " + (i - from + 1));
            value = value * 10 + d;
        }
        return value;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2 && isLeap(year)) return 29;
        return DAYS_IN_MONTH[month];
    }

    private static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }
}
