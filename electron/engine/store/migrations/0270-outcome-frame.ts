// The neighbourhood outcomes' compact copy of the baseline: per person their household and date of
// birth, each household's address history, record → person, and per event its person, kind, dates
// and figures, as a few wide typed-array BLOBs per part ('frame', 'events'). Read instead of the
// 284k records and 392k events when an area's rates are asked for the first time after the store
// opens. Derived: written after a linkage run or by the first question that finds it stale (its
// stamp names the Run, the newest record, event, source and geography import it was made from).
// Changes that do not add rows — an erasure, a source purged or remapped, a partner renamed —
// clear it through these triggers, so a stale copy is never read.
// Frozen: this migration's SQL never changes once released.

export const sql = `
CREATE TABLE outcome_frame (
  -- 'frame' (persons, households, address histories) or 'events'
  part TEXT NOT NULL,
  -- which column of the part: 'meta' (JSON) or a typed array's name
  name TEXT NOT NULL,
  -- what the part was made from; a part whose stamp differs from the store's is stale
  stamp TEXT NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (part, name)
) STRICT;

CREATE TRIGGER outcome_frame_record_changed AFTER UPDATE OF dob, postcode, event_date, source_id ON record BEGIN DELETE FROM outcome_frame; END;
CREATE TRIGGER outcome_frame_record_deleted AFTER DELETE ON record BEGIN DELETE FROM outcome_frame; END;
CREATE TRIGGER outcome_frame_event_changed AFTER UPDATE ON event BEGIN DELETE FROM outcome_frame; END;
CREATE TRIGGER outcome_frame_event_deleted AFTER DELETE ON event BEGIN DELETE FROM outcome_frame; END;
CREATE TRIGGER outcome_frame_source_changed AFTER UPDATE OF partner, kind, as_of ON source BEGIN DELETE FROM outcome_frame; END;
CREATE TRIGGER outcome_frame_source_deleted AFTER DELETE ON source BEGIN DELETE FROM outcome_frame; END;
CREATE TRIGGER outcome_frame_assignment_deleted AFTER DELETE ON run_record_person BEGIN DELETE FROM outcome_frame; END;
CREATE TRIGGER outcome_frame_household_deleted AFTER DELETE ON run_person_household BEGIN DELETE FROM outcome_frame; END;
CREATE TRIGGER outcome_frame_lookup_changed AFTER UPDATE ON postcode_lsoa BEGIN DELETE FROM outcome_frame; END;
CREATE TRIGGER outcome_frame_lookup_deleted AFTER DELETE ON postcode_lsoa BEGIN DELETE FROM outcome_frame; END;
`;
