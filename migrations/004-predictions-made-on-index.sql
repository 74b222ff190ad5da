-- Version 3 -> 4: an index on predictions.made_on, so `--since` / `--until` read only the
-- predictions in range instead of scanning them all.
CREATE INDEX predictions_made_on ON predictions (made_on);
