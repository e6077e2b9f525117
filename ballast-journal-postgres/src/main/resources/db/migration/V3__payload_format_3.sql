-- Payload format 3: the same binary payloads as format 2, with the engine's events in causes-first order (its event
-- bus no longer re-enters itself: a bracket's exits follow the entry's fill and its booking). Rows already stored
-- keep format 2, which the audit commands still read and a resume refuses by name. New rows take format 3.
ALTER TABLE journal_record ALTER COLUMN payload_format SET DEFAULT 3;
