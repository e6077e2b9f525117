-- Payloads became a compact binary form (payload format 2, see RecordCodec). The rows already stored hold text
-- payloads (format 1), which this Ballast cannot read: they are marked so that the store refuses their runs by name
-- instead of failing to decode them. New rows take format 2 by default.
ALTER TABLE journal_record ADD COLUMN payload_format smallint NOT NULL DEFAULT 1;
ALTER TABLE journal_record ALTER COLUMN payload_format SET DEFAULT 2;
