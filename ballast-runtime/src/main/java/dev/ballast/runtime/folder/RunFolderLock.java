package dev.ballast.runtime.folder;

import dev.ballast.runtime.plan.ConfigException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process at a time in a run folder: an operating-system lock on {@code RUN/.lock}, held from before the first
 * thing a command writes into the folder until it is done. Two processes that both wrote one folder (a resume while
 * the run still trades, two resumes at once) would send the same client order ids twice and interleave their journal
 * records. The lock file holds the holder's process id, for the refusal's message; the operating system releases the
 * lock when its process dies, however it dies, so a crashed run never leaves its folder locked. The file itself stays:
 * deleting it on release would let a waiting process lock a file that a third one no longer sees.
 *
 * <p>Threading: acquired and closed by the command's thread.
 */
public final class RunFolderLock implements AutoCloseable {
    /** The lock file's name in the run folder. */
    public static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the existing folder {@code runDir} for this process and writes its pid into the lock file.
     *
     * @throws ConfigException (exit code 2) when another process (or this one) holds the lock, naming its pid
     */
    public static RunFolderLock acquire(Path runDir) {
        Path file = runDir.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the lock file " + file + ": " + e.getMessage(), e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                throw new ConfigException(runDir + " is in use by this process (pid " + ProcessHandle.current().pid()
                        + "); one command at a time per run folder");
            }
            if (lock == null) {
                throw new ConfigException(runDir + " is in use by another ballast process (pid " + holder(channel)
                        + "); one process at a time per run folder: wait for it to end, or stop it");
            }
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
            return new RunFolderLock(channel, lock);
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    /** The pid the holder wrote into the lock file, or "unknown" before it has written it. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        return text.matches("\\d+") ? text : "unknown";
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the refusal or failure being reported matters more
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(channel);
    }
}
