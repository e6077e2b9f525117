package dev.ballast.runtime.journal;

import dev.ballast.runtime.plan.ConfigException;
import dev.ballast.runtime.plan.JournalSettings;
import dev.ballast.journal.postgres.PostgresConnection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PostgreSQL journal database the user gave for a command: from a run configuration named on the command line,
 * or from flags. Credentials and hosts come only from here, never from a run folder: a folder is data, and its
 * {@value RunJournals#POINTER} could be planted to name any host and any environment variable as the password (a
 * fake server would receive the secret). So a pointer is only followed to the database given here, and one naming
 * another database is refused before any connection is made or any environment variable read.
 *
 * @param url         the JDBC URL the user gave
 * @param user        the database user
 * @param passwordEnv the NAME of the environment variable holding the password (null: none)
 * @param origin      where the user gave it, for messages (a file and key, or the flags)
 */
public record JournalAccess(String url, String user, String passwordEnv, String origin) {
    /** No database given. */
    public static final JournalAccess NONE = new JournalAccess(null, null, null, null);

    /** The database of a run configuration's {@code journal.postgres} section (NONE when it has none). */
    public static JournalAccess of(JournalSettings settings, Path configFile) {
        JournalSettings.Postgres pg = settings.postgres();
        if (pg == null) return NONE;
        return new JournalAccess(pg.url(), pg.user(), pg.passwordEnv(), configFile + ": journal.postgres");
    }

    public boolean given() {
        return url != null;
    }

    /**
     * The connection to the database that holds {@code pointer}'s run: the one given by the user, which must be the
     * database the pointer names. The password's environment variable is read only then.
     *
     * @throws ConfigException when no database was given, or the pointer names another one; nothing was contacted
     */
    public PostgresConnection connectionFor(JournalPointer pointer, Path pointerFile) {
        if (!given()) {
            throw new ConfigException(pointerFile + ": the journal is in PostgreSQL (" + target(pointer.url()) + "); a run "
                    + "folder supplies no database or credentials: give the run's configuration (--config FILE) or "
                    + "--journal-url, --journal-user and --journal-password-env");
        }
        if (!target(pointer.url()).equals(target(url))) {
            throw new ConfigException(pointerFile + ": names the database " + target(pointer.url()) + ", not the one given ("
                    + target(url) + " from " + origin + "); refusing to connect");
        }
        return connection();
    }

    /** The connection to the given database, with the password read from its environment variable now. */
    public PostgresConnection connection() {
        String password = null;
        if (passwordEnv != null && !passwordEnv.isBlank()) {
            password = System.getenv(passwordEnv);
            if (password == null) {
                throw new ConfigException(origin + ": passwordEnv: the environment variable " + passwordEnv + " is not set");
            }
        }
        return new PostgresConnection(url, user, password);
    }

    /**
     * The hosts, ports and database a PostgreSQL JDBC URL points to, comparable: {@code host:port[,host:port]/database}
     * with hosts in lower case and the default port filled in; the query (options) is left out.
     */
    static String target(String jdbcUrl) {
        String rest = jdbcUrl.strip();
        String prefix = "jdbc:postgresql:";
        if (!rest.regionMatches(true, 0, prefix, 0, prefix.length())) return rest;
        rest = rest.substring(prefix.length());
        int query = rest.indexOf('?');
        if (query >= 0) rest = rest.substring(0, query);
        if (!rest.startsWith("//")) return "localhost:5432/" + rest;
        rest = rest.substring(2);
        int slash = rest.indexOf('/');
        String hosts = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? "" : rest.substring(slash + 1);
        List<String> normalized = new ArrayList<>();
        for (String host : hosts.split(",")) {
            String h = host.strip().toLowerCase(Locale.ROOT);
            boolean hasPort = h.startsWith("[") ? h.contains("]:") : h.contains(":");
            normalized.add(hasPort ? h : h + ":5432");
        }
        return String.join(",", normalized) + "/" + database;
    }
}
