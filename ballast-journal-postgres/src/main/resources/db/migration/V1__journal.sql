-- The audit journal of every run, one row per record (see PostgresJournalStore).
-- Times are epoch nanoseconds as the chain hashes them (timestamptz keeps only microseconds).
CREATE TABLE journal_record (
    run_id      text   NOT NULL,
    sequence    bigint NOT NULL CHECK (sequence > 0),
    engine_time bigint NOT NULL,
    wall_time   bigint NOT NULL,
    type        text   NOT NULL,
    payload     bytea  NOT NULL,
    hash        bytea  NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (run_id, sequence)
);
