-- vernetool schema 2: HSE rounds — checklist templates (versioned), rounds, participants,
-- rooms in scope, answers, findings with their actions, photos, re-checks and merges.

-- A template version is immutable once a round uses it: editing makes a new version with
-- the same key. Rounds keep the version they used.
CREATE TABLE checklist_template (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL CHECK (length(trim(key)) > 0),   -- stable across versions
    version     INTEGER NOT NULL CHECK (version >= 1),
    name_nb     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    description_nb TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    room_types  TEXT NOT NULL DEFAULT '',  -- comma-separated room types it is meant for
    builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    retired     INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (key, version)
) STRICT;

CREATE TABLE checklist_section (
    id          INTEGER PRIMARY KEY,
    template_id INTEGER NOT NULL REFERENCES checklist_template(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title_nb    TEXT NOT NULL,
    title_en    TEXT NOT NULL,
    UNIQUE (template_id, position)
) STRICT;

CREATE TABLE checklist_item (
    id          INTEGER PRIMARY KEY,
    section_id  INTEGER NOT NULL REFERENCES checklist_section(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    code        TEXT NOT NULL,            -- stable id within the template key, e.g. lab.gas.1
    text_nb     TEXT NOT NULL,
    text_en     TEXT NOT NULL,
    guidance_nb TEXT NOT NULL DEFAULT '',
    guidance_en TEXT NOT NULL DEFAULT '',
    value_kind  TEXT NOT NULL DEFAULT 'none' CHECK (value_kind IN ('none', 'number', 'text')),
    value_label_nb TEXT NOT NULL DEFAULT '',
    value_label_en TEXT NOT NULL DEFAULT '',
    room_types  TEXT NOT NULL DEFAULT '',  -- comma-separated; '' = every room type
    condition   TEXT NOT NULL DEFAULT '',  -- room card condition, e.g. 'gas', 'radiation'
    UNIQUE (section_id, position)
) STRICT;
CREATE INDEX checklist_item_code ON checklist_item(code);

CREATE TABLE hse_round (
    id                INTEGER PRIMARY KEY,
    uid               TEXT NOT NULL UNIQUE,          -- shared by the laptops of one round
    title             TEXT NOT NULL DEFAULT '',
    unit_id           INTEGER REFERENCES unit(id) ON DELETE RESTRICT,
    start_date        TEXT NOT NULL,
    end_date          TEXT,
    status            TEXT NOT NULL DEFAULT 'planned'
                      CHECK (status IN ('planned', 'in_progress', 'completed', 'reported')),
    pre_meeting_notes TEXT NOT NULL DEFAULT '',
    closing_notes     TEXT NOT NULL DEFAULT '',
    started_at        TEXT,
    completed_at      TEXT,
    reported_at       TEXT,
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX hse_round_unit ON hse_round(unit_id, start_date);
CREATE INDEX hse_round_status ON hse_round(status);

CREATE TABLE round_participant (
    id        INTEGER PRIMARY KEY,
    round_id  INTEGER NOT NULL REFERENCES hse_round(id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role      TEXT NOT NULL CHECK (role IN ('line_manager', 'safety_rep', 'hse_coordinator',
                  'lab_engineer', 'radiation_coordinator', 'occupational_health', 'other')),
    position  INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX round_participant_round ON round_participant(round_id);

-- The template version used for each room type in the round.
CREATE TABLE round_template (
    round_id    INTEGER NOT NULL REFERENCES hse_round(id) ON DELETE CASCADE,
    room_type   TEXT NOT NULL,
    template_id INTEGER NOT NULL REFERENCES checklist_template(id) ON DELETE RESTRICT,
    PRIMARY KEY (round_id, room_type)
) STRICT, WITHOUT ROWID;

-- A round's entries: one per room in scope, plus at most one unit-wide entry (room_id NULL)
-- for the checklist answered once for the whole unit (psychosocial and organisational
-- working environment), usually in the pre-meeting or the closing meeting.
CREATE TABLE round_room (
    id          INTEGER PRIMARY KEY,
    round_id    INTEGER NOT NULL REFERENCES hse_round(id) ON DELETE CASCADE,
    room_id     INTEGER REFERENCES room(id) ON DELETE RESTRICT,  -- NULL: the unit-wide entry
    position    INTEGER NOT NULL,
    template_id INTEGER NOT NULL REFERENCES checklist_template(id) ON DELETE RESTRICT,
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_progress',
                    'done', 'skipped')),
    note        TEXT NOT NULL DEFAULT '',
    visited_at  TEXT,
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (round_id, room_id)
) STRICT;
CREATE INDEX round_room_room ON round_room(room_id);
CREATE UNIQUE INDEX round_room_unit ON round_room(round_id) WHERE room_id IS NULL;
CREATE INDEX round_room_order ON round_room(round_id, position);

-- One answer per room and checklist item, committed the moment it is given.
CREATE TABLE round_answer (
    id            INTEGER PRIMARY KEY,
    round_room_id INTEGER NOT NULL REFERENCES round_room(id) ON DELETE CASCADE,
    item_id       INTEGER NOT NULL REFERENCES checklist_item(id) ON DELETE RESTRICT,
    answer        TEXT CHECK (answer IS NULL OR answer IN ('ok', 'improve', 'not_relevant')),
    value_number  REAL,
    value_text    TEXT NOT NULL DEFAULT '',
    comment       TEXT NOT NULL DEFAULT '',
    answered_by   TEXT NOT NULL DEFAULT '',
    answered_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (round_room_id, item_id)
) STRICT;

-- A finding: what must improve, and its action (tiltak) with responsible and deadline.
-- Open findings of a room are carried forward to the next round of that room.
CREATE TABLE round_finding (
    id                 INTEGER PRIMARY KEY,
    uid                TEXT NOT NULL UNIQUE,
    round_id           INTEGER NOT NULL REFERENCES hse_round(id) ON DELETE CASCADE,
    round_room_id      INTEGER REFERENCES round_room(id) ON DELETE CASCADE,
    room_id            INTEGER REFERENCES room(id) ON DELETE SET NULL,
    item_id            INTEGER REFERENCES checklist_item(id) ON DELETE SET NULL,
    description        TEXT NOT NULL CHECK (length(trim(description)) > 0),
    severity           TEXT NOT NULL DEFAULT 'medium' CHECK (severity IN ('low', 'medium', 'high')),
    action             TEXT NOT NULL DEFAULT '',
    responsible_id     INTEGER REFERENCES person(id) ON DELETE SET NULL,
    responsible_name   TEXT NOT NULL DEFAULT '',
    deadline           TEXT,
    action_status      TEXT NOT NULL DEFAULT 'open' CHECK (action_status IN ('open',
                           'in_progress', 'done')),
    status             TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    closed_at          TEXT,
    closed_round_id    INTEGER REFERENCES hse_round(id) ON DELETE SET NULL,
    carried_from_id    INTEGER REFERENCES round_finding(id) ON DELETE SET NULL,
    deviation_id       INTEGER,               -- the deviation made from it (schema 3)
    follow_up_notes    TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX round_finding_round ON round_finding(round_id);
CREATE INDEX round_finding_room ON round_finding(room_id, status);
CREATE INDEX round_finding_deadline ON round_finding(action_status, deadline);

-- An earlier open finding looked at again during a later round: closed or kept.
CREATE TABLE finding_recheck (
    id         INTEGER PRIMARY KEY,
    finding_id INTEGER NOT NULL REFERENCES round_finding(id) ON DELETE CASCADE,
    round_id   INTEGER NOT NULL REFERENCES hse_round(id) ON DELETE CASCADE,
    outcome    TEXT NOT NULL CHECK (outcome IN ('closed', 'kept')),
    note       TEXT NOT NULL DEFAULT '',
    checked_by TEXT NOT NULL DEFAULT '',
    checked_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (finding_id, round_id)
) STRICT;

-- Photos are files stored content-addressed under <data folder>/attachments/<sha[:2]>/<sha>.
CREATE TABLE attachment (
    sha256        TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    extension     TEXT NOT NULL DEFAULT '',
    original_name TEXT NOT NULL DEFAULT '',
    size_bytes    INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TABLE round_photo (
    id            INTEGER PRIMARY KEY,
    round_room_id INTEGER NOT NULL REFERENCES round_room(id) ON DELETE CASCADE,
    item_id       INTEGER REFERENCES checklist_item(id) ON DELETE SET NULL,
    finding_id    INTEGER REFERENCES round_finding(id) ON DELETE SET NULL,
    sha256        TEXT NOT NULL REFERENCES attachment(sha256) ON DELETE RESTRICT,
    caption       TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (round_room_id, sha256)
) STRICT;
CREATE INDEX round_photo_finding ON round_photo(finding_id);

-- Each merge of a round bundle from another laptop, with the conflicts it resolved.
CREATE TABLE round_merge (
    id         INTEGER PRIMARY KEY,
    round_id   INTEGER NOT NULL REFERENCES hse_round(id) ON DELETE CASCADE,
    merged_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    source     TEXT NOT NULL DEFAULT '',
    summary    TEXT NOT NULL DEFAULT '{}'     -- JSON: counts and the list of conflicts
) STRICT;
