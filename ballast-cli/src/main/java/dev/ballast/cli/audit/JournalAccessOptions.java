package dev.ballast.cli.audit;

import dev.ballast.runtime.plan.ConfigException;
import dev.ballast.runtime.plan.JournalSettings;
import dev.ballast.runtime.plan.RunPlanner;
import dev.ballast.runtime.journal.JournalAccess;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The PostgreSQL journal database the user gives an audit command (a picocli mixin): the run's configuration, or the
 * database and credentials as flags. A run folder's journal.properties only says which run; it is followed to this
 * database only (see {@link JournalAccess}).
 */
public final class JournalAccessOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "A run configuration whose journal.postgres names the "
            + "database of a run journaled in PostgreSQL.")
    Path config;

    @Option(names = "--journal-url", paramLabel = "URL", description = "The JDBC URL of the PostgreSQL journal database "
            + "(instead of --config).")
    String url;

    @Option(names = "--journal-user", paramLabel = "USER", description = "The database user (with --journal-url).")
    String user;

    @Option(names = "--journal-password-env", paramLabel = "VAR", description = "The NAME of the environment variable "
            + "holding the database password (with --journal-url).")
    String passwordEnv;

    /** The database the user gave (NONE when neither --config nor --journal-url). */
    public JournalAccess access() {
        if (config != null) {
            if (url != null || user != null || passwordEnv != null) {
                throw new ConfigException("give either --config or --journal-url/--journal-user/--journal-password-env, "
                        + "not both");
            }
            JournalSettings settings = RunPlanner.plan(config).journal();
            if (settings.postgres() == null) {
                throw new ConfigException("--config " + config + ": has no journal.postgres section");
            }
            return JournalAccess.of(settings, config);
        }
        if (url == null) {
            if (user != null || passwordEnv != null) throw new ConfigException("--journal-user and --journal-password-env "
                    + "need --journal-url");
            return JournalAccess.NONE;
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("--journal-url: must be a PostgreSQL JDBC URL (jdbc:postgresql://...), was '" + url + "'");
        }
        if (url.toLowerCase(Locale.ROOT).contains("password=")) {
            throw new ConfigException("--journal-url: must not hold the password; name its variable with --journal-password-env");
        }
        if (user == null || user.isBlank()) throw new ConfigException("--journal-user: is required with --journal-url");
        return new JournalAccess(url, user, passwordEnv, "--journal-url");
    }
}
