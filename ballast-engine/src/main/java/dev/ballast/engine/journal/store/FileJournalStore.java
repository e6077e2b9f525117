package dev.ballast.engine.journal.store;

import dev.ballast.engine.journal.codec.TypeBytes;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The embedded journal store: a plain segmented, append-only file log in one folder per run.
 *
 * <h2>Format</h2>
 * Segment files {@code segment-<first sequence, 20 digits>.journal}, each at most {@code segmentBytes}
 * (64 MiB by default; a record is never split). A segment starts with the 8-byte header {@code "BJNL"},
 * int32 version ({@link JournalStore#FORMAT}, 3; 2 is still read), then frames, big-endian:
 * <pre>
 *   frame := bodyLength:int32 | crc32(body):int32 | body
 *   body  := canonical bytes of the record (see {@link JournalRecord}) | hash:32 bytes
 * </pre>
 * The CRC catches torn and damaged frames; the hash chain catches deliberate edits (a forger can fix a CRC, not
 * the chain). When a store is opened for writing, the last segment is scanned: a torn tail write (a frame cut short
 * at the very end of the last segment, nothing complete after it: {@link TornTail} defines it exactly) is truncated,
 * and {@link #recovery()} reports what was cut. Any other damage there (a frame failing its CRC, a frame whose length
 * runs past data that is still there) is not what a crash leaves: opening throws {@link JournalCorruptException} and
 * cuts nothing. {@link #openReadOnly} never changes the files, so the {@link JournalVerifier} sees any damage as it
 * is; reading reports a frame cut short in a segment that is not the last as damage too.
 *
 * <h2>Why a plain segmented log rather than Chronicle Queue</h2>
 * The engine module may have no third-party dependency, and Chronicle Queue brings a large one (off-heap
 * memory-mapped files, its own wire format, JVM {@code --add-opens} on recent JDKs). What the journal needs is
 * small: append in batches, fsync by policy, read forward, detect a torn tail. That is a few hundred lines
 * anyone can read, with a format documented here and checkable by hand. Measured (JournalBenchmark), this
 * store behind the {@link JournalWriter}, SHA-256 chain included, well exceeds the required 500,000 records/s,
 * so Chronicle's speed would buy nothing we need.
 *
 * <p>Threading: {@link #append} and {@link #sync} from one writer thread (the {@link JournalWriter}'s); with the
 * {@code INTERVAL} policy its own daemon thread fsyncs what was written in the background; reads from any thread.
 */
public final class FileJournalStore implements JournalStore {
    public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
    public static final int HEADER_LENGTH = 8;
    static final byte[] MAGIC = {'B', 'J', 'N', 'L'};
    /**
     * {@link JournalStore#FORMAT}: 3, binary payloads ({@link RecordCodec}), events in causes-first order. 2 (the same
     * payloads, events in the older re-entrant order) is read but not appended to; 1 held text payloads (earlier 0.1
     * builds) and is not read.
     */
    static final int VERSION = JournalStore.FORMAT;
    public static final int FRAME_OVERHEAD = 8;
    static final int MIN_BODY = JournalRecord.canonicalLength(0, 0) + JournalRecord.HASH_LENGTH;
    static final int MAX_BODY = 256 * 1024 * 1024;
    private static final Pattern SEGMENT_NAME = Pattern.compile("segment-\\d{20}\\.journal");

    /** What opening for writing cut off the tail: nothing, or a torn last write. */
    public record Recovery(boolean truncated, Path segment, long offset, long bytesDropped, long nextSequence,
                           String reason) {
        static Recovery clean(long nextSequence) {
            return new Recovery(false, null, -1, 0, nextSequence, null);
        }
    }

    private final Path dir;
    private final FsyncPolicy policy;
    private final long segmentBytes;
    private final boolean writable;
    private final Recovery recovery;
    private final CRC32 crc = new CRC32();
    private final TypeBytes typeBytes = new TypeBytes();
    private FileChannel channel;
    private long channelSize;
    private int recordsInSegment;
    private JournalRecord last;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    /** Written since the last force; set by the writer, cleared by whoever forces. */
    private volatile boolean dirty;
    /** INTERVAL: a segment was created since the last force of the folder. */
    private volatile boolean folderDirty;
    private volatile boolean closed;
    /** Guards {@link #channel} replacement and {@link #retired}: held only for those moves, never while forcing. */
    private final Object channels = new Object();
    /** INTERVAL: full segments not yet forced; the syncer forces and closes them. */
    private final List<FileChannel> retired = new ArrayList<>();
    /** One force pass at a time (the syncer's, or sync() / close()). */
    private final Object syncMonitor = new Object();
    /** INTERVAL only: forces in the background (null otherwise). */
    private final Thread syncer;
    /** What the syncer's last force threw; the next append fails with it. */
    private volatile IOException syncFailure;

    private FileJournalStore(Path dir, FsyncPolicy policy, long segmentBytes, boolean writable) {
        this.dir = dir;
        this.policy = policy;
        this.segmentBytes = segmentBytes;
        this.writable = writable;
        try {
            if (writable) {
                Files.createDirectories(dir);
                this.recovery = recoverTail();
            } else {
                if (!Files.isDirectory(dir)) throw new JournalException("no journal folder " + dir);
                this.recovery = Recovery.clean(-1);
                this.last = findLast(segments(), true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + dir, e);
        }
        if (writable && policy.mode() == FsyncPolicy.Mode.INTERVAL) {
            syncer = Thread.ofPlatform().name("ballast-journal-sync").daemon(true).unstarted(this::syncEveryInterval);
            syncer.start();
        } else {
            syncer = null;
        }
    }

    /**
     * Opens (or creates) the journal in {@code dir} for appending, truncating a torn tail. Throws
     * {@link JournalCorruptException}, changing nothing, when its last segment is damaged in any other way.
     */
    public static FileJournalStore open(Path dir, FsyncPolicy policy) {
        return new FileJournalStore(dir, policy, DEFAULT_SEGMENT_BYTES, true);
    }

    public static FileJournalStore open(Path dir, FsyncPolicy policy, long segmentBytes) {
        if (segmentBytes < 4096) throw new IllegalArgumentException("segments must be at least 4 KiB");
        return new FileJournalStore(dir, policy, segmentBytes, true);
    }

    /** Opens the journal in {@code dir} for reading only; the files are not changed, damage included. */
    public static FileJournalStore openReadOnly(Path dir) {
        return new FileJournalStore(dir, FsyncPolicy.never(), DEFAULT_SEGMENT_BYTES, false);
    }

    /**
     * Whether the journal folder {@code dir} holds no record and nothing but what a run killed before its first
     * record leaves: no folder, no segment, or a single segment holding its header, or less, or a torn first frame.
     * A damaged journal does not count as empty: it may be the only trace of what its run did.
     */
    public static boolean holdsNoRecord(Path dir) {
        if (!Files.isDirectory(dir)) return true;
        try (FileJournalStore store = openReadOnly(dir)) {
            return JournalVerifier.verify(store).holdsNoRecord();
        }
    }

    public Path dir() {
        return dir;
    }

    /** What opening for writing found at the tail. */
    public Recovery recovery() {
        return recovery;
    }

    /**
     * The segment files, in sequence order. A file named like a segment ({@code segment-*.journal}) whose name does
     * not hold a 20-digit first sequence is not skipped: the folder is not a journal as this store wrote it, and
     * {@link JournalException} says which file.
     */
    public List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> segments = files.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith("segment-") && n.endsWith(".journal");
                    })
                    .sorted()
                    .toList();
            for (Path segment : segments) {
                if (!SEGMENT_NAME.matcher(segment.getFileName().toString()).matches()) {
                    throw new JournalException(dir + " holds " + segment.getFileName() + ", which is not a journal "
                            + "segment (segment-<first sequence, 20 digits>.journal); move it out of the journal folder");
                }
            }
            return segments;
        }
    }

    static Path segmentPath(Path dir, long firstSequence) {
        return dir.resolve(String.format("segment-%020d.journal", firstSequence));
    }

    /** The version in the first segment's header: the journal's format ({@link #VERSION} when it has none yet). */
    @Override
    public int format() {
        try {
            List<Path> segments = segments();
            return segments.isEmpty() ? VERSION : headerVersion(segments.getFirst());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + dir, e);
        }
    }

    /**
     * The version a segment's header names, or {@link #VERSION} for one without a readable header (a torn create, a
     * damaged magic): the scan of the segment reports those as what they are.
     */
    private static int headerVersion(Path segment) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(segment))) {
            if (Files.size(segment) < HEADER_LENGTH) return VERSION;
            if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) return VERSION;
            return in.readInt();
        }
    }

    // ---- open and recovery

    private Recovery recoverTail() throws IOException {
        List<Path> segments = segments();
        if (segments.isEmpty()) {
            channel = openSegment(1);
            return Recovery.clean(1);
        }
        int format = headerVersion(segments.getFirst());
        if (format != VERSION) {
            // Appending format-3 records to a format-2 journal would give one run two event orders.
            throw new JournalException("journal " + dir + " is format " + format + "; this Ballast appends to format "
                    + VERSION + " only (audit commands still read it)");
        }
        Path tail = segments.getLast();
        Scan scan = scan(tail, true);
        Recovery result;
        if (scan.problem != null && scan.problem.kind() != JournalCorruptException.Kind.TORN) {
            // Not crash debris: damage or tampering. Cutting it would drop records a resume would then make again.
            throw scan.problem;
        }
        if (scan.problem != null) {
            long size = Files.size(tail);
            try (FileChannel ch = FileChannel.open(tail, StandardOpenOption.WRITE)) {
                ch.truncate(scan.goodLength);
                if (scan.goodLength < HEADER_LENGTH) {
                    ch.truncate(0);
                    ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC).putInt(VERSION).flip();
                    while (header.hasRemaining()) ch.write(header, HEADER_LENGTH - header.remaining());
                }
                ch.force(true);
            }
            result = new Recovery(true, tail, scan.goodLength, size - scan.goodLength, -1, scan.problem.getMessage());
        } else {
            result = null;
        }
        JournalRecord tailLast = scan.last;
        if (tailLast == null && segments.size() > 1) tailLast = findLast(segments.subList(0, segments.size() - 1), false);
        this.last = tailLast;
        channel = FileChannel.open(tail, StandardOpenOption.WRITE);
        channelSize = channel.size();
        channel.position(channelSize);
        recordsInSegment = scan.records;
        long next = last == null ? 1 : last.sequence() + 1;
        return result == null ? Recovery.clean(next)
                : new Recovery(true, result.segment(), result.offset(), result.bytesDropped(), next, result.reason());
    }

    /** The last readable record of {@code segments}; {@code endsJournal}: their last is the journal's last segment. */
    private JournalRecord findLast(List<Path> segments, boolean endsJournal) throws IOException {
        for (int i = segments.size() - 1; i >= 0; i--) {
            Scan s = scan(segments.get(i), endsJournal && i == segments.size() - 1);
            if (s.last != null) return s.last;
        }
        return null;
    }

    /** A segment read to its end or its first bad frame: {@code problem} is null when it reads to its end. */
    private record Scan(JournalRecord last, int records, long goodLength, JournalCorruptException problem) {
    }

    private static Scan scan(Path segment, boolean lastSegment) throws IOException {
        SegmentReader opened;
        try {
            opened = new SegmentReader(segment, firstSequenceOf(segment) - 1, lastSegment);
        } catch (JournalCorruptException e) {
            return new Scan(null, 0, 0, e);
        }
        try (SegmentReader r = opened) {
            JournalRecord last = null;
            int count = 0;
            while (true) {
                long good = r.offset;
                try {
                    JournalRecord rec = r.next();
                    if (rec == null) return new Scan(last, count, good, null);
                    last = rec;
                    count++;
                } catch (JournalCorruptException e) {
                    return new Scan(last, count, Math.max(good, HEADER_LENGTH), e);
                }
            }
        }
    }

    /**
     * Creates the segment starting at {@code firstSequence}, header written. Under EVERY_BATCH it and its folder
     * entry are forced now; under INTERVAL by the syncer's next pass.
     */
    private FileChannel openSegment(long firstSequence) throws IOException {
        Path p = segmentPath(dir, firstSequence);
        FileChannel created = FileChannel.open(p, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
        ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC).putInt(VERSION).flip();
        while (header.hasRemaining()) created.write(header);
        channelSize = HEADER_LENGTH;
        recordsInSegment = 0;
        switch (policy.mode()) {
            case EVERY_BATCH -> {
                created.force(true);
                forceDir();
            }
            case INTERVAL -> {
                dirty = true;
                folderDirty = true;
            }
            case NEVER -> {
            }
        }
        return created;
    }

    private void forceDir() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // not every platform can fsync a directory
        }
    }

    // ---- append

    @Override
    public void append(List<JournalRecord> records) {
        if (!writable) throw new JournalException("journal opened read-only");
        if (closed) throw new JournalException("journal closed");
        try {
            // checked before anything is buffered: a refused batch leaves no trace, not even in last()
            long expected = last == null ? 1 : last.sequence() + 1;
            for (JournalRecord r : records) {
                if (r.sequence() != expected)
                    throw new JournalException("record " + r.sequence() + " appended where " + expected + " was due");
                expected++;
            }
            buffer.clear();
            for (JournalRecord r : records) {
                byte[] type = typeBytes.of(r.type());
                int body = JournalRecord.canonicalLength(type.length, r.payload().length) + JournalRecord.HASH_LENGTH;
                int frame = FRAME_OVERHEAD + body;
                if (recordsInSegment > 0 && channelSize + buffer.position() + frame > segmentBytes) {
                    flushBuffer();
                    nextSegment(r.sequence());
                }
                if (buffer.remaining() < frame) {
                    flushBuffer();
                    if (buffer.capacity() < frame) buffer = ByteBuffer.allocateDirect(Math.max(frame, buffer.capacity() * 2));
                }
                int start = buffer.position();
                buffer.putInt(body).putInt(0);
                int bodyStart = buffer.position();
                JournalRecord.putCanonical(buffer, r.sequence(), r.engineTime(), r.wallTime(), type, r.payload());
                buffer.put(r.hash());
                int end = buffer.position();
                crc.reset();
                crc.update(buffer.limit(end).position(bodyStart));
                buffer.limit(buffer.capacity());
                buffer.putInt(start + 4, (int) crc.getValue());
                recordsInSegment++;
                last = r;
            }
            flushBuffer();
            dirty = true;
            if (policy.mode() == FsyncPolicy.Mode.EVERY_BATCH) forceNow();
            IOException failed = syncFailure;
            if (failed != null) throw failed;
        } catch (IOException e) {
            throw new JournalException("journal write failed: " + e.getMessage(), e);
        }
    }

    private void flushBuffer() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) channelSize += channel.write(buffer);
        buffer.clear();
    }

    /**
     * Starts the next segment. The full one is forced first under EVERY_BATCH; under INTERVAL the syncer forces and
     * closes it on its next pass, so the writer does not wait for the disk here either.
     */
    private void nextSegment(long firstSequence) throws IOException {
        FileChannel full = channel;
        switch (policy.mode()) {
            case EVERY_BATCH -> {
                full.force(false);
                full.close();
            }
            case INTERVAL -> {
                synchronized (channels) {
                    retired.add(full);
                }
            }
            case NEVER -> full.close();
        }
        FileChannel next = openSegment(firstSequence);
        synchronized (channels) {
            channel = next;
        }
    }

    /** EVERY_BATCH: forces the segment being written (on the writer thread, so no other force runs). */
    private void forceNow() throws IOException {
        dirty = false;
        channel.force(false);
    }

    /**
     * Forces the full segments waiting (then closes them) and, if anything was written since the last force, the
     * current one. Writes made while it runs stay dirty for the next pass.
     */
    private void forcePass() throws IOException {
        synchronized (syncMonitor) {
            List<FileChannel> full;
            FileChannel current;
            synchronized (channels) {
                full = List.copyOf(retired);
                retired.clear();
                current = channel;
            }
            for (FileChannel ch : full) {
                ch.force(false);
                ch.close();
            }
            if (dirty && current.isOpen()) {
                dirty = false;
                current.force(false);
            }
            if (folderDirty) {
                folderDirty = false;
                forceDir();
            }
        }
    }

    /**
     * The INTERVAL policy's own thread: forces every interval while there is something to force, so the writer
     * never waits for the disk (it did when it forced itself, and at backtest speed the journal is written faster
     * than this machine's disk takes it). A machine crash loses at most the interval plus the force under way, as
     * before; a process crash nothing. A failed force fails the next append.
     */
    private void syncEveryInterval() {
        long interval = policy.interval().toNanos();
        while (!closed) {
            LockSupport.parkNanos(this, interval);
            if (closed) return;
            try {
                forcePass();
            } catch (IOException e) {
                syncFailure = e;
                return;
            }
        }
    }

    @Override
    public void sync() {
        if (!writable || closed) return;
        try {
            forcePass();
        } catch (IOException e) {
            throw new JournalException("journal fsync failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<JournalRecord> last() {
        return Optional.ofNullable(last);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            if (syncer != null) {
                LockSupport.unpark(syncer);
                syncer.join();
            }
            if (writable) {
                forcePass();
                channel.close();
            }
        } catch (IOException e) {
            throw new JournalException("journal close failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("interrupted while closing the journal", e);
        }
    }

    // ---- read

    @Override
    public Iterator<JournalRecord> read(long fromSequence) {
        final List<Path> segments;
        try {
            List<Path> all = segments();
            int start = 0;
            for (int i = 0; i < all.size(); i++) {
                if (firstSequenceOf(all.get(i)) <= fromSequence) start = i;
            }
            segments = new ArrayList<>(all.subList(start, all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Iterator<>() {
            int index = -1;
            SegmentReader reader;
            JournalRecord next;
            long lastSequence;

            @Override
            public boolean hasNext() {
                if (next != null) return true;
                try {
                    while (true) {
                        if (reader == null) {
                            if (++index >= segments.size()) return false;
                            Path segment = segments.get(index);
                            reader = new SegmentReader(segment,
                                    lastSequence > 0 ? lastSequence : firstSequenceOf(segment) - 1,
                                    index == segments.size() - 1);
                        }
                        JournalRecord r = reader.next();
                        if (r == null) {
                            reader.close();
                            reader = null;
                            continue;
                        }
                        lastSequence = r.sequence();
                        if (r.sequence() < fromSequence) continue;
                        next = r;
                        return true;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (JournalCorruptException e) {
                    closeQuietly();
                    throw e;
                }
            }

            private void closeQuietly() {
                if (reader != null) reader.close();
                reader = null;
                index = segments.size();
            }

            @Override
            public JournalRecord next() {
                if (!hasNext()) throw new NoSuchElementException();
                JournalRecord r = next;
                next = null;
                return r;
            }
        };
    }

    static long firstSequenceOf(Path segment) {
        String n = segment.getFileName().toString();
        return Long.parseLong(n.substring("segment-".length(), n.length() - ".journal".length()));
    }

    /** Reads the frames of one segment in order; tracks the byte offset of the next frame. */
    static final class SegmentReader implements AutoCloseable {
        private final Path segment;
        private final DataInputStream in;
        private final long size;
        /** Whether this is the journal's last segment: only there can a frame cut short be a torn write. */
        private final boolean last;
        private final CRC32 crc = new CRC32();
        long offset;
        private long lastSequence;
        private int records;

        SegmentReader(Path segment, long previousSequence, boolean last) throws IOException {
            this.segment = segment;
            this.last = last;
            this.lastSequence = previousSequence;
            this.size = Files.size(segment);
            InputStream raw = Files.newInputStream(segment);
            this.in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
            if (size < HEADER_LENGTH) {
                in.close();
                throw cutShort("segment header cut short");
            }
            byte[] magic = in.readNBytes(4);
            int version = in.readInt();
            offset = HEADER_LENGTH;
            if (!Arrays.equals(magic, MAGIC)) {
                in.close();
                throw corrupt(JournalCorruptException.Kind.CRC_MISMATCH, "not a journal segment (bad header)");
            }
            if (version < JournalStore.OLDEST_READABLE_FORMAT || version > VERSION) {
                in.close();
                throw corrupt(JournalCorruptException.Kind.CRC_MISMATCH, "journal segment format " + version
                        + ", this Ballast reads formats " + JournalStore.OLDEST_READABLE_FORMAT + " to " + VERSION + (version == 1
                        ? " (format 1 held text payloads; read it with the Ballast that wrote it)" : ""));
            }
        }

        private JournalCorruptException corrupt(JournalCorruptException.Kind kind, String why) {
            return new JournalCorruptException(kind, dueSequence(),
                    why + " in " + segment.getFileName() + " at byte " + offset
                            + " (after sequence " + lastSequence + ")");
        }

        /** The sequence the next frame must hold: the segment's first (its name says which) or the one after. */
        private long dueSequence() {
            return records > 0 ? lastSequence + 1 : firstSequenceOf(segment);
        }

        /** Bytes end inside a header or frame: a torn write at the end of the last segment, damage anywhere else. */
        private JournalCorruptException cutShort(String why) {
            return last ? corrupt(JournalCorruptException.Kind.TORN, why)
                    : corrupt(JournalCorruptException.Kind.SEGMENT_CUT_SHORT, why + ", and later segments follow");
        }

        /** The next record, null at the segment's clean end. */
        JournalRecord next() throws IOException {
            long remaining = size - offset;
            if (remaining == 0) return null;
            if (remaining < FRAME_OVERHEAD) throw cutShort("frame header cut short");
            int body = in.readInt();
            int storedCrc = in.readInt();
            if (body < MIN_BODY || body > MAX_BODY)
                throw corrupt(JournalCorruptException.Kind.CRC_MISMATCH, "bad frame length " + body);
            if (remaining - FRAME_OVERHEAD < body) {
                String cut = "frame cut short (" + (remaining - FRAME_OVERHEAD) + " of " + body + " bytes)";
                if (!last) throw cutShort(cut);
                String notTorn = TornTail.whyNotTorn(segment, offset, body, dueSequence());
                if (notTorn != null) throw corrupt(JournalCorruptException.Kind.OVERRUNNING_FRAME, notTorn);
                throw cutShort(cut);
            }
            byte[] bytes = new byte[body];
            try {
                in.readFully(bytes);
            } catch (EOFException e) {
                throw cutShort("frame cut short"); // the file shrank while it was read
            }
            crc.reset();
            crc.update(bytes);
            if ((int) crc.getValue() != storedCrc) throw corrupt(JournalCorruptException.Kind.CRC_MISMATCH, "CRC mismatch");
            ByteBuffer b = ByteBuffer.wrap(bytes);
            long sequence = b.getLong();
            long engineTime = b.getLong();
            long wallTime = b.getLong();
            int typeLength = b.getInt();
            if (typeLength < 0 || typeLength > b.remaining() - 4 - JournalRecord.HASH_LENGTH)
                throw corrupt(JournalCorruptException.Kind.CRC_MISMATCH, "bad type length");
            byte[] type = new byte[typeLength];
            b.get(type);
            int payloadLength = b.getInt();
            if (payloadLength != b.remaining() - JournalRecord.HASH_LENGTH)
                throw corrupt(JournalCorruptException.Kind.CRC_MISMATCH, "bad payload length");
            byte[] payload = new byte[payloadLength];
            b.get(payload);
            byte[] hash = new byte[JournalRecord.HASH_LENGTH];
            b.get(hash);
            offset += FRAME_OVERHEAD + body;
            lastSequence = sequence;
            records++;
            return new JournalRecord(sequence, engineTime, wallTime, new String(type, StandardCharsets.UTF_8),
                    payload, hash);
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // read only
            }
        }
    }
}
