-- vernetool schema 8: the biological register — agents, their rooms (containment level and
-- the notification to Arbeidstilsynet), biosafety cabinets with their yearly certification,
-- the user's edits of the built-in agent list, and the workers register (§31-3) with
-- incidents and written vaccination offers. Rules live in vernetool.domain.biology; queries
-- in vernetool.db.biology. It references only room/person (schema 1), never the radiation
-- tables (schema 7). Registers are legal records: nothing is deleted silently (a room stops
-- using an agent with a date, a cabinet is taken out of use with a date; workers only after
-- their retention); every change leaves an audit entry, and the history tables below keep
-- the previous states.

-- An agent in the register: natural key the Latin name. `notes` holds the letters of the
-- notes A/D/T/V in the annex's order ("DV"); `catalogue_name` names the built-in entry it
-- was picked from ('' when typed in); `long_retention`: a latent/persistent infection, so
-- its workers register is kept 40 years instead of 10.
CREATE TABLE bio_agent (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    agent_type     TEXT NOT NULL CHECK (agent_type IN ('bacterium', 'virus', 'parasite',
                                                       'fungus', 'cell_line', 'other')),
    risk_group     INTEGER NOT NULL CHECK (risk_group BETWEEN 1 AND 4),
    notes          TEXT NOT NULL DEFAULT '' CHECK (notes NOT GLOB '*[^ADTV]*'),
    long_retention INTEGER NOT NULL DEFAULT 0 CHECK (long_retention IN (0, 1)),
    catalogue_name TEXT NOT NULL DEFAULT '',
    remarks        TEXT NOT NULL DEFAULT '',
    search_text    TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX bio_agent_group ON bio_agent(risk_group, name);

CREATE TABLE bio_agent_history (
    id             INTEGER PRIMARY KEY,
    agent_id       INTEGER NOT NULL REFERENCES bio_agent(id) ON DELETE CASCADE,
    changed_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    name           TEXT NOT NULL,
    agent_type     TEXT NOT NULL,
    risk_group     INTEGER NOT NULL,
    notes          TEXT NOT NULL,
    long_retention INTEGER NOT NULL
) STRICT;
CREATE INDEX bio_agent_history_agent ON bio_agent_history(agent_id, id);

CREATE TRIGGER bio_agent_keeps_history
AFTER UPDATE OF name, agent_type, risk_group, notes, long_retention ON bio_agent
WHEN OLD.name IS NOT NEW.name OR OLD.agent_type IS NOT NEW.agent_type
  OR OLD.risk_group IS NOT NEW.risk_group OR OLD.notes IS NOT NEW.notes
  OR OLD.long_retention IS NOT NEW.long_retention
BEGIN
    INSERT INTO bio_agent_history (agent_id, name, agent_type, risk_group, notes,
                                   long_retention)
    VALUES (OLD.id, OLD.name, OLD.agent_type, OLD.risk_group, OLD.notes, OLD.long_retention);
END;

-- A user's edit of an entry of the built-in list (domain.biology.catalogue), or an entry of
-- their own: the shipped list never changes; this table is laid over it by name.
CREATE TABLE bio_catalogue_edit (
    name           TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(trim(name)) > 0),
    agent_type     TEXT NOT NULL CHECK (agent_type IN ('bacterium', 'virus', 'parasite',
                                                       'fungus', 'cell_line', 'other')),
    risk_group     INTEGER NOT NULL CHECK (risk_group BETWEEN 1 AND 4),
    notes          TEXT NOT NULL DEFAULT '' CHECK (notes NOT GLOB '*[^ADTV]*'),
    long_retention INTEGER NOT NULL DEFAULT 0 CHECK (long_retention IN (0, 1)),
    remarks        TEXT NOT NULL DEFAULT '',
    edited_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    edited_by      TEXT NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;

-- An agent used in a room: natural key agent + room. The notification date is that of the
-- notification to Arbeidstilsynet (group 2-4: at least 30 days before first use); a use
-- that ended keeps its row with `ended_on`.
CREATE TABLE bio_agent_use (
    id                INTEGER PRIMARY KEY,
    agent_id          INTEGER NOT NULL REFERENCES bio_agent(id) ON DELETE RESTRICT,
    room_id           INTEGER NOT NULL REFERENCES room(id) ON DELETE RESTRICT,
    containment_level INTEGER CHECK (containment_level IS NULL
                                     OR containment_level BETWEEN 1 AND 4),
    notified_at       TEXT CHECK (notified_at IS NULL OR date(notified_at) IS notified_at),
    first_use         TEXT CHECK (first_use IS NULL OR date(first_use) IS first_use),
    ended_on          TEXT CHECK (ended_on IS NULL OR date(ended_on) IS ended_on),
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (agent_id, room_id)
) STRICT;
CREATE INDEX bio_agent_use_room ON bio_agent_use(room_id, ended_on);

CREATE TABLE bio_agent_use_history (
    id                INTEGER PRIMARY KEY,
    use_id            INTEGER NOT NULL REFERENCES bio_agent_use(id) ON DELETE CASCADE,
    changed_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    containment_level INTEGER,
    notified_at       TEXT,
    first_use         TEXT,
    ended_on          TEXT
) STRICT;
CREATE INDEX bio_agent_use_history_use ON bio_agent_use_history(use_id, id);

CREATE TRIGGER bio_agent_use_keeps_history
AFTER UPDATE OF containment_level, notified_at, first_use, ended_on ON bio_agent_use
WHEN OLD.containment_level IS NOT NEW.containment_level
  OR OLD.notified_at IS NOT NEW.notified_at OR OLD.first_use IS NOT NEW.first_use
  OR OLD.ended_on IS NOT NEW.ended_on
BEGIN
    INSERT INTO bio_agent_use_history (use_id, containment_level, notified_at, first_use,
                                       ended_on)
    VALUES (OLD.id, OLD.containment_level, OLD.notified_at, OLD.first_use, OLD.ended_on);
END;

-- A biosafety cabinet in a room: natural key make + model + serial number. Its
-- certifications are kept in bio_cabinet_certification (newest by date decides); a cabinet
-- taken out of use keeps its row with `removed_on`.
CREATE TABLE bio_cabinet (
    id            INTEGER PRIMARY KEY,
    room_id       INTEGER NOT NULL REFERENCES room(id) ON DELETE RESTRICT,
    make          TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    model         TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    serial_number TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    remarks       TEXT NOT NULL DEFAULT '',
    removed_on    TEXT CHECK (removed_on IS NULL OR date(removed_on) IS removed_on),
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (length(trim(make || model || serial_number)) > 0),
    UNIQUE (make, model, serial_number)
) STRICT;
CREATE INDEX bio_cabinet_room ON bio_cabinet(room_id);

CREATE TABLE bio_cabinet_certification (
    id           INTEGER PRIMARY KEY,
    cabinet_id   INTEGER NOT NULL REFERENCES bio_cabinet(id) ON DELETE RESTRICT,
    certified_on TEXT NOT NULL CHECK (date(certified_on) IS certified_on),
    certifier    TEXT NOT NULL CHECK (length(trim(certifier)) > 0),
    next_due     TEXT CHECK (next_due IS NULL OR (date(next_due) IS next_due
                                                  AND next_due > certified_on)),
    remarks      TEXT NOT NULL DEFAULT '',
    recorded_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (cabinet_id, certified_on)
) STRICT;

-- The workers register for biological agents (§31-3): one row per person and agent (the
-- agent may be unknown: `agent_id` NULL, `agent_text` what is known). The identity number
-- is never stored in clear (as exposure_entry: cipher, mask, keyed hash). `retain_until` is
-- the last exposure plus 10 years, 40 with `long_term`; NULL while exposure goes on.
CREATE TABLE bio_worker (
    id              INTEGER PRIMARY KEY,
    person          TEXT NOT NULL CHECK (length(trim(person)) > 0),
    person_id       INTEGER REFERENCES person(id) ON DELETE SET NULL,
    identity_cipher BLOB,
    identity_masked TEXT NOT NULL DEFAULT '',
    identity_index  TEXT,
    work            TEXT NOT NULL DEFAULT '',
    employed_from   TEXT CHECK (employed_from IS NULL OR date(employed_from) IS employed_from),
    agent_id        INTEGER REFERENCES bio_agent(id) ON DELETE RESTRICT,
    agent_text      TEXT NOT NULL DEFAULT '',
    long_term       INTEGER NOT NULL DEFAULT 0 CHECK (long_term IN (0, 1)),
    last_exposure   TEXT CHECK (last_exposure IS NULL OR date(last_exposure) IS last_exposure),
    retain_until    TEXT CHECK (retain_until IS NULL OR date(retain_until) IS retain_until),
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK ((identity_cipher IS NULL) = (identity_index IS NULL))
) STRICT;
CREATE INDEX bio_worker_agent ON bio_worker(agent_id);
CREATE INDEX bio_worker_identity ON bio_worker(identity_index);

-- Accident and incident exposures of a worker.
CREATE TABLE bio_incident (
    id          INTEGER PRIMARY KEY,
    worker_id   INTEGER NOT NULL REFERENCES bio_worker(id) ON DELETE CASCADE,
    occurred_on TEXT NOT NULL CHECK (date(occurred_on) IS occurred_on),
    description TEXT NOT NULL CHECK (length(trim(description)) > 0),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX bio_incident_worker ON bio_incident(worker_id, occurred_on);

-- Vaccination offers, made in writing (agents with note V), with the worker's answer.
CREATE TABLE bio_vaccination_offer (
    id          INTEGER PRIMARY KEY,
    worker_id   INTEGER NOT NULL REFERENCES bio_worker(id) ON DELETE CASCADE,
    offered_at  TEXT NOT NULL CHECK (date(offered_at) IS offered_at),
    vaccine     TEXT NOT NULL DEFAULT '',
    answer      TEXT NOT NULL DEFAULT 'no_answer' CHECK (answer IN ('accepted', 'declined',
                                                                   'already_immune',
                                                                   'no_answer')),
    answered_at TEXT CHECK (answered_at IS NULL OR (date(answered_at) IS answered_at
                                                    AND answered_at >= offered_at)),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (worker_id, offered_at, vaccine)
) STRICT;
