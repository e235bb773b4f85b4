-- vernetool schema 3: the deviation log (deviations, injuries, actions, workflow history).
-- Rules live in vernetool.domain.deviations; queries in vernetool.db.deviations.

-- Configurable main categories (parent_id NULL) and their subcategories, seeded with
-- NTNU's scheme from the second half of 2024 plus "Annet". Deviations store the names.
CREATE TABLE deviation_category (
    id         INTEGER PRIMARY KEY,
    parent_id  INTEGER REFERENCES deviation_category(id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_en    TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE UNIQUE INDEX deviation_category_name
    ON deviation_category(coalesce(parent_id, 0), name COLLATE NOCASE);

INSERT INTO deviation_category (id, parent_id, name, name_en, sort_order) VALUES
    (1, NULL, 'Arbeidsplass og personskade/-sykdom', 'Workplace and personal injury/illness', 1),
    (2, NULL, 'Bygning og materiell', 'Buildings and equipment', 2),
    (3, NULL, 'Brann, utslipp og evakuering', 'Fire, spills and evacuation', 3),
    (4, NULL, 'Tilsiktet hendelse', 'Intentional event', 4),
    (5, NULL, 'Annet', 'Other', 5);
INSERT INTO deviation_category (parent_id, name, name_en, sort_order) VALUES
    (1, 'Kjemikalier og gasser', 'Chemicals and gases', 1),
    (1, 'Biologiske faktorer', 'Biological agents', 2),
    (1, 'Strålekilder', 'Radiation sources', 3),
    (1, 'Person-/yrkesskade', 'Personal/occupational injury', 4),
    (1, 'Ergonomi og arbeidsbelastning', 'Ergonomics and workload', 5),
    (1, 'Psykososialt arbeidsmiljø', 'Psychosocial working environment', 6),
    (2, 'VVS', 'HVAC and plumbing', 1),
    (2, 'Elektro', 'Electrical', 2),
    (2, 'IT', 'IT', 3),
    (2, 'Inneklima', 'Indoor climate', 4),
    (2, 'Bygning/konstruksjon', 'Building/structure', 5),
    (2, 'Maskiner og utstyr', 'Machines and equipment', 6),
    (3, 'Blokkert rømningsvei eller -dør', 'Blocked escape route or door', 1),
    (3, 'Unødvendig alarm', 'Unnecessary alarm', 2),
    (3, 'Brann eller branntilløp', 'Fire or incipient fire', 3),
    (3, 'Utslipp eller søl', 'Spill or release', 4),
    (4, 'Brudd på retningslinjer', 'Breach of guidelines', 1),
    (4, 'Tyveri eller innbrudd', 'Theft or break-in', 2),
    (4, 'Vold og trusler', 'Violence and threats', 3);

CREATE TABLE deviation (
    id                    INTEGER PRIMARY KEY,
    -- the id a row had in an imported file or another system (import matches on it)
    external_id           TEXT UNIQUE,
    type                  TEXT NOT NULL CHECK (type IN ('improvement', 'hazard', 'near_miss',
                              'accident')),
    title                 TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description           TEXT NOT NULL DEFAULT '',
    reported_at           TEXT NOT NULL CHECK (date(reported_at) IS reported_at),
    occurred_at           TEXT,              -- YYYY-MM-DDTHH:MM (or a date)
    room_id               INTEGER REFERENCES room(id) ON DELETE SET NULL,
    room_text             TEXT NOT NULL DEFAULT '',   -- a place not in the room register
    unit_id               INTEGER REFERENCES unit(id) ON DELETE SET NULL,
    reporter              TEXT,              -- may be left out (anonymous report)
    category              TEXT NOT NULL DEFAULT '',
    subcategory           TEXT NOT NULL DEFAULT '',
    actual_consequence    INTEGER CHECK (actual_consequence BETWEEN 1 AND 5),
    potential_consequence INTEGER CHECK (potential_consequence BETWEEN 1 AND 5),
    probability           INTEGER CHECK (probability BETWEEN 1 AND 5),
    immediate_action      TEXT NOT NULL DEFAULT '',
    cause                 TEXT NOT NULL DEFAULT '',
    status                TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered',
                              'accepted', 'rejected', 'transferred', 'in_progress', 'closed')),
    closing_deadline      TEXT CHECK (closing_deadline IS NULL
                                      OR date(closing_deadline) IS closing_deadline),
    rejected_reason       TEXT NOT NULL DEFAULT '',
    transferred_to        TEXT NOT NULL DEFAULT '',
    closed_at             TEXT CHECK (closed_at IS NULL OR date(closed_at) IS closed_at),
    -- The round finding this deviation was made from. A plain integer, not a foreign key:
    -- the findings table belongs to the rounds schema (0002) and may be absent or renamed.
    source_finding_id     INTEGER,
    created_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK ((status = 'closed') = (closed_at IS NOT NULL))
) STRICT;
CREATE INDEX deviation_status ON deviation(status);
CREATE INDEX deviation_type ON deviation(type, reported_at);
CREATE INDEX deviation_category_idx ON deviation(category, subcategory);
CREATE INDEX deviation_potential ON deviation(potential_consequence);
CREATE INDEX deviation_room ON deviation(room_id);
CREATE INDEX deviation_unit ON deviation(unit_id);
CREATE INDEX deviation_reported ON deviation(reported_at, title);
CREATE INDEX deviation_deadline ON deviation(closing_deadline);
CREATE INDEX deviation_closed ON deviation(closed_at);
CREATE INDEX deviation_finding ON deviation(source_finding_id);

-- Free text search over the words people type; prefix queries ("brann*") find "brannalarm".
CREATE VIRTUAL TABLE deviation_fts USING fts5(
    title, description, cause, immediate_action,
    content = 'deviation', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER deviation_fts_insert AFTER INSERT ON deviation BEGIN
    INSERT INTO deviation_fts (rowid, title, description, cause, immediate_action)
    VALUES (new.id, new.title, new.description, new.cause, new.immediate_action);
END;
CREATE TRIGGER deviation_fts_delete AFTER DELETE ON deviation BEGIN
    INSERT INTO deviation_fts (deviation_fts, rowid, title, description, cause,
                               immediate_action)
    VALUES ('delete', old.id, old.title, old.description, old.cause, old.immediate_action);
END;
CREATE TRIGGER deviation_fts_update
AFTER UPDATE OF title, description, cause, immediate_action ON deviation BEGIN
    INSERT INTO deviation_fts (deviation_fts, rowid, title, description, cause,
                               immediate_action)
    VALUES ('delete', old.id, old.title, old.description, old.cause, old.immediate_action);
    INSERT INTO deviation_fts (rowid, title, description, cause, immediate_action)
    VALUES (new.id, new.title, new.description, new.cause, new.immediate_action);
END;

-- At most one injury record per accident (seed table 2 and footnote 4 on H1/H2).
CREATE TABLE deviation_injury (
    deviation_id      INTEGER PRIMARY KEY REFERENCES deviation(id) ON DELETE CASCADE,
    nav_reported      INTEGER NOT NULL DEFAULT 0 CHECK (nav_reported IN (0, 1)),
    absence           TEXT NOT NULL DEFAULT 'none' CHECK (absence IN ('none', 'le3', 'gt3',
                          'unknown')),
    medical_treatment TEXT NOT NULL DEFAULT 'unknown' CHECK (medical_treatment IN ('yes', 'no',
                          'unknown')),
    reassigned        TEXT NOT NULL DEFAULT 'unknown' CHECK (reassigned IN ('yes', 'no',
                          'unknown')),
    fatality          INTEGER NOT NULL DEFAULT 0 CHECK (fatality IN (0, 1))
) STRICT;

-- Measures (tiltak): named responsible, deadline, status.
CREATE TABLE deviation_action (
    id                    INTEGER PRIMARY KEY,
    deviation_id          INTEGER NOT NULL REFERENCES deviation(id) ON DELETE CASCADE,
    description           TEXT NOT NULL CHECK (length(trim(description)) > 0),
    responsible_person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    responsible_name      TEXT NOT NULL DEFAULT '',
    deadline              TEXT CHECK (deadline IS NULL OR date(deadline) IS deadline),
    status                TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress',
                              'done')),
    done_at               TEXT CHECK (done_at IS NULL OR date(done_at) IS done_at),
    created_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK ((status = 'done') = (done_at IS NOT NULL))
) STRICT;
CREATE INDEX deviation_action_deviation ON deviation_action(deviation_id);
CREATE INDEX deviation_action_deadline ON deviation_action(status, deadline);
CREATE INDEX deviation_action_person ON deviation_action(responsible_person_id);

CREATE TABLE deviation_action_note (
    id        INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES deviation_action(id) ON DELETE CASCADE,
    at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    actor     TEXT NOT NULL,
    note      TEXT NOT NULL CHECK (length(trim(note)) > 0)
) STRICT;
CREATE INDEX deviation_action_note_action ON deviation_action_note(action_id);

-- Every status change: who, when, from what, to what, and why. What a change carried is
-- kept as data in its own columns (not as prose), so each reader sees it in their language;
-- ``note`` holds only the user's own words.
CREATE TABLE deviation_status_history (
    id               INTEGER PRIMARY KEY,
    deviation_id     INTEGER NOT NULL REFERENCES deviation(id) ON DELETE CASCADE,
    from_status      TEXT,
    to_status        TEXT NOT NULL,
    at               TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    actor            TEXT NOT NULL,
    -- how the entry came about: '' by hand, 'import' from a file, 'finding' from a round,
    -- 'measure' when adding the first measure started the work
    source           TEXT NOT NULL DEFAULT '' CHECK (source IN ('', 'import', 'finding',
                                                               'measure')),
    finding_id       INTEGER,           -- with source 'finding' (a plain id, see above)
    closing_deadline TEXT CHECK (closing_deadline IS NULL
                                 OR date(closing_deadline) IS closing_deadline),
    reason           TEXT NOT NULL DEFAULT '',   -- why it was rejected
    transferred_to   TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX deviation_status_history_deviation ON deviation_status_history(deviation_id, id);

-- Photos and files, content-addressed: stored as <data dir>/attachments/ab/cdef... (sha256).
CREATE TABLE deviation_attachment (
    id            INTEGER PRIMARY KEY,
    deviation_id  INTEGER NOT NULL REFERENCES deviation(id) ON DELETE CASCADE,
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    original_name TEXT NOT NULL DEFAULT '',
    media_type    TEXT NOT NULL DEFAULT '',
    size_bytes    INTEGER NOT NULL CHECK (size_bytes >= 0),
    added_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    added_by      TEXT NOT NULL DEFAULT '',
    UNIQUE (deviation_id, sha256)
) STRICT;
CREATE INDEX deviation_attachment_sha ON deviation_attachment(sha256);

-- Hours worked per year: the denominator of H1 and H2.
CREATE TABLE hours_worked (
    year       INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2999),
    hours      REAL NOT NULL CHECK (hours > 0),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
