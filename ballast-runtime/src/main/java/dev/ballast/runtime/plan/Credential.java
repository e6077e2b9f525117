package dev.ballast.runtime.plan;

import dev.ballast.engine.broker.Secret;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Where one credential comes from: an environment variable, or a key of a properties file readable only by its
 * owner (a file that its group or others may read is refused: the secret may already have leaked). The value is
 * read by {@link #resolve} when a live run opens its venue, never at planning, never printed: errors name the
 * variable, the file and the key, not the value. Immutable.
 *
 * @param env    the name of the environment variable, or null
 * @param file   the credentials file, or null
 * @param key    the key in that file
 * @param origin the configuration key that named it, for error messages
 */
public record Credential(String env, Path file, String key, String origin) {
    private static final Set<PosixFilePermission> WIDER_THAN_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** The secret, from the environment first, then from the file. */
    public Secret resolve() {
        return resolve(System::getenv);
    }

    Secret resolve(Function<String, String> environment) {
        if (env != null) {
            String value = environment.apply(env);
            if (value != null && !value.isBlank()) return Secret.of(value.strip());
        }
        if (file != null) {
            String value = fromFile();
            if (value != null) return Secret.of(value);
        }
        throw new ConfigException(origin + ": no value: " + (env != null ? "the environment variable " + env + " is not set" : "")
                + (env != null && file != null ? ", and " : "")
                + (file != null ? file + " has no key '" + key + "'" : "")
                + (env == null && file == null ? "name an environment variable or a credentials file" : ""));
    }

    private String fromFile() {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ConfigException(origin + ": the credentials file " + file + " does not exist or is not a regular file");
        }
        try {
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (posix != null) {
                Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
                permissions.retainAll(WIDER_THAN_OWNER);
                if (!permissions.isEmpty()) {
                    throw new ConfigException(origin + ": the credentials file " + file + " may be read or changed by "
                            + "others (" + permissions + "); make it readable by its owner only (chmod 600)");
                }
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            String value = properties.getProperty(key);
            return value == null || value.isBlank() ? null : value.strip();
        } catch (IOException | IllegalArgumentException e) {
            // The file's text is not echoed: it holds secrets.
            throw new ConfigException(origin + ": cannot read the credentials file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
