package dev.ballast.engine.journal;

import java.util.Arrays;
import dev.ballast.engine.journal.codec.CanonicalText;
import dev.ballast.engine.journal.codec.PayloadReader;
import dev.ballast.engine.journal.codec.RecordCodec;
import dev.ballast.engine.journal.store.FileJournalStore;
import dev.ballast.engine.journal.store.FsyncPolicy;
import dev.ballast.engine.journal.store.JournalRecord;
import dev.ballast.model.ClientOrderId;
import dev.ballast.model.Money;
import dev.ballast.model.OrderSide;
import dev.ballast.model.Price;
import dev.ballast.model.Quantity;
import dev.ballast.model.Symbol;
import dev.ballast.model.event.Fill;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

public final class JournalTestSupport {
    private JournalTestSupport() {
    }

    public static Fill fill(int i) {
        return new Fill(ClientOrderId.of("sma-" + i), "t" + i, Symbol.of("AAPL"), i % 2 == 0 ? OrderSide.BUY : OrderSide.SELL,
                Quantity.ofUnits(100 + i), Price.of("187.25"), Money.of("1.5"), 1_700_000_000_000_000_000L + i);
    }

    /** Writes {@code n} fills through a writer into a fresh store in {@code dir}, closing both. */
    public static void writeFills(Path dir, int n, FsyncPolicy policy, long segmentBytes) throws Exception {
        try (FileJournalStore store = FileJournalStore.open(dir, policy, segmentBytes);
             JournalWriter writer = new JournalWriter(store)) {
            long last = 0;
            for (int i = 1; i <= n; i++) {
                Fill f = fill(i);
                last = writer.append(f.timestamp(), f);
            }
            writer.awaitDurable(last, Duration.ofSeconds(10));
        }
    }

    public static Path onlySegment(Path dir) throws IOException {
        List<Path> segments = FileJournalStore.openReadOnly(dir).segments();
        if (segments.size() != 1) throw new IllegalStateException("expected one segment, got " + segments);
        return segments.getFirst();
    }

    /** The raw frames of a segment (each: length, crc, body). */
    public static List<byte[]> frames(Path segment) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(segment));
        b.position(FileJournalStore.HEADER_LENGTH);
        List<byte[]> frames = new ArrayList<>();
        while (b.hasRemaining()) {
            int body = b.getInt(b.position());
            byte[] frame = new byte[FileJournalStore.FRAME_OVERHEAD + body];
            b.get(frame);
            frames.add(frame);
        }
        return frames;
    }

    public static void rewrite(Path segment, List<byte[]> frames) throws IOException {
        byte[] all = Files.readAllBytes(segment);
        ByteBuffer out = ByteBuffer.allocate(all.length * 2);
        out.put(all, 0, FileJournalStore.HEADER_LENGTH);
        for (byte[] f : frames) out.put(f);
        Files.write(segment, Arrays.copyOf(out.array(), out.position()));
    }

    /** A frame with a valid CRC for the given record. */
    public static byte[] frame(JournalRecord r) {
        byte[] canonical = r.canonicalBytes();
        int body = canonical.length + JournalRecord.HASH_LENGTH;
        ByteBuffer b = ByteBuffer.allocate(FileJournalStore.FRAME_OVERHEAD + body);
        b.putInt(body).putInt(0).put(canonical).put(r.hash());
        fixCrc(b.array());
        return b.array();
    }

    public static void fixCrc(byte[] frame) {
        CRC32 crc = new CRC32();
        crc.update(frame, FileJournalStore.FRAME_OVERHEAD, frame.length - FileJournalStore.FRAME_OVERHEAD);
        ByteBuffer.wrap(frame).putInt(4, (int) crc.getValue());
    }

    /** Offset in a frame of its payload's first byte. */
    public static int payloadOffset(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        int typeLength = b.getInt(FileJournalStore.FRAME_OVERHEAD + 24);
        return FileJournalStore.FRAME_OVERHEAD + 24 + 4 + typeLength + 4;
    }

    /** The readable text of {@code event}'s payload, read back by its class ({@link CanonicalText}). */
    public static String text(Record event) {
        return CanonicalText.render(PayloadReader.read(event.getClass(), RecordCodec.encode(event), name -> null));
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
