package dev.ballast.journal.postgres;

import java.util.Objects;

/**
 * Where a {@link PostgresJournalStore} connects: a JDBC URL ({@code jdbc:postgresql://host:port/database}), the
 * user, and the password (null when the server needs none). {@link #toString} never shows the password.
 */
public record PostgresConnection(String url, String user, String password) {
    public static final String URL_PREFIX = "jdbc:postgresql://";

    public PostgresConnection {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith(URL_PREFIX)) throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
    }

    @Override
    public String toString() {
        return "PostgresConnection[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
