-- vernetool schema 1: the organisation (units, campuses, buildings, rooms, persons),
-- room responsibilities with history, room cards, and the audit trail.
-- Released migrations are never edited; add 0002_... instead.

CREATE TABLE app_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE unit (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(code)) > 0),
    name       TEXT NOT NULL DEFAULT '',
    parent_id  INTEGER REFERENCES unit(id) ON DELETE RESTRICT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE INDEX unit_parent ON unit(parent_id);

CREATE TABLE campus (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0)
) STRICT;

CREATE TABLE building (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(code)) > 0),
    name       TEXT NOT NULL DEFAULT '',
    campus_id  INTEGER REFERENCES campus(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX building_campus ON building(campus_id);

CREATE TABLE room (
    id          INTEGER PRIMARY KEY,
    building_id INTEGER NOT NULL REFERENCES building(id) ON DELETE RESTRICT,
    number      TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(number)) > 0),
    name        TEXT NOT NULL DEFAULT '',
    type        TEXT NOT NULL DEFAULT 'other' CHECK (type IN ('office', 'lab', 'workshop',
                    'storage', 'exam_treatment', 'animal_room', 'greenhouse', 'common_area',
                    'other')),
    floor       TEXT NOT NULL DEFAULT '',
    area_m2     REAL CHECK (area_m2 IS NULL OR area_m2 >= 0),
    unit_id     INTEGER REFERENCES unit(id) ON DELETE SET NULL,
    -- case-folded building code/name, number, name, unit: what filter-as-you-type matches
    search_text TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (building_id, number)
) STRICT;
CREATE INDEX room_unit ON room(unit_id);
CREATE INDEX room_type ON room(type);

CREATE TABLE person (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    email       TEXT UNIQUE COLLATE NOCASE,
    phone       TEXT NOT NULL DEFAULT '',
    unit_id     INTEGER REFERENCES unit(id) ON DELETE SET NULL,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    left_on     TEXT,
    search_text TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX person_unit ON person(unit_id);
CREATE INDEX person_name ON person(name COLLATE NOCASE);

CREATE TABLE person_role (
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('safety_rep', 'room_responsible', 'line_manager',
                  'employee', 'student')),
    PRIMARY KEY (person_id, role)
) STRICT, WITHOUT ROWID;
CREATE INDEX person_role_role ON person_role(role);

-- Who is responsible (or deputy) for a room, and when. Rows are never deleted: ending a
-- responsibility sets valid_to, so the history stays.
CREATE TABLE room_responsibility (
    id         INTEGER PRIMARY KEY,
    room_id    INTEGER NOT NULL REFERENCES room(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
    kind       TEXT NOT NULL CHECK (kind IN ('responsible', 'deputy')),
    valid_from TEXT NOT NULL,
    valid_to   TEXT,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
) STRICT;
CREATE INDEX room_responsibility_room ON room_responsibility(room_id, valid_from);
CREATE INDEX room_responsibility_person ON room_responsibility(person_id);

CREATE TABLE room_card (
    room_id                   INTEGER PRIMARY KEY REFERENCES room(id) ON DELETE CASCADE,
    activity_type             TEXT NOT NULL DEFAULT '',
    special_hazards           TEXT NOT NULL DEFAULT '',
    unsafe_after_incident     TEXT NOT NULL DEFAULT '',
    gas_max_litres            REAL CHECK (gas_max_litres IS NULL OR gas_max_litres >= 0),
    gas_max_cylinders         INTEGER CHECK (gas_max_cylinders IS NULL OR gas_max_cylinders >= 0),
    central_gas_supply        INTEGER NOT NULL DEFAULT 0 CHECK (central_gas_supply IN (0, 1)),
    flammable_cat1_max_litres REAL CHECK (flammable_cat1_max_litres IS NULL
                                          OR flammable_cat1_max_litres >= 0),
    flammable_cat2_max_litres REAL CHECK (flammable_cat2_max_litres IS NULL
                                          OR flammable_cat2_max_litres >= 0),
    toxic_liquids             TEXT NOT NULL DEFAULT '',
    gas_alarm                 INTEGER NOT NULL DEFAULT 0 CHECK (gas_alarm IN (0, 1)),
    shared_with_other_org     INTEGER NOT NULL DEFAULT 0 CHECK (shared_with_other_org IN (0, 1)),
    coordination_agreement    TEXT NOT NULL DEFAULT '',
    alert_needs               TEXT NOT NULL DEFAULT '',
    other_info                TEXT NOT NULL DEFAULT '',
    pictograms                TEXT NOT NULL DEFAULT '',   -- comma-separated GHS01..GHS09
    updated_at                TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

-- Who changed what and when (registers, deviations, responsibilities, rooms).
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    action    TEXT NOT NULL,
    details   TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
