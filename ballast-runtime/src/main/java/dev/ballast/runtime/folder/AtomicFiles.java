package dev.ballast.runtime.folder;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a run folder's files so that a kill at any moment leaves the old file or the new one, never a cut one: the
 * content goes to a temporary file beside the target ({@code .NAME.tmp-UUID}), is forced to disk, and is then renamed
 * over the target in one atomic step. The rename replaces a symbolic link at the target instead of following it.
 */
public final class AtomicFiles {
    private static final String TEMPORARY = ".tmp-";

    /** Writes the file's bytes. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes the file's text (UTF-8). */
    @FunctionalInterface
    public interface Text {
        void writeTo(BufferedWriter out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** The temporary file's stream, which a writer that closes its target (Jackson does) cannot close before the force. */
    private static final class KeptOpen extends FilterOutputStream {
        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Writes {@code target} as {@code content} makes it, atomically. */
    public static void write(Path target, Content content) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + TEMPORARY + UUID.randomUUID());
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                content.writeTo(new KeptOpen(out));
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes {@code target} as UTF-8 text, atomically. */
    public static void writeText(Path target, Text text) throws IOException {
        write(target, out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            text.writeTo(writer);
            writer.flush();
        });
    }

    /** Writes {@code target} holding {@code text}, atomically. */
    public static void writeString(Path target, String text) throws IOException {
        writeText(target, out -> out.write(text));
    }

    /**
     * Removes what writers killed before their rename left in {@code folder}. Only for a folder this process holds
     * the {@link RunFolderLock} of: another writer's temporary file would be taken from under it.
     */
    public static void removeLeftovers(Path folder) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) return;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ".*" + TEMPORARY + "*")) {
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) Files.delete(file);
            }
        }
    }
}
