-- Version 1 -> 2: every prediction keeps the edition of the scale that mapped its phrase, and
-- where its quote was found in the source's archived text (a character offset), so a quote
-- can be shown in its sentence and proven to be in the text. A quote with no offset is
-- unverified: its source had no archived text when it was logged.
ALTER TABLE predictions ADD COLUMN scale_version TEXT;
ALTER TABLE predictions ADD COLUMN quote_offset INTEGER CHECK (quote_offset IS NULL OR quote_offset >= 0);
