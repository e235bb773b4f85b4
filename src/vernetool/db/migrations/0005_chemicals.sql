-- vernetool schema 5: the chemical register (stoffkartotek) and the exposure register (§31-1).
-- Rules live in vernetool.domain.chemicals (CAS, H codes, pictograms, exposure trigger,
-- retention, SDS age, segregation, litres) and vernetool.domain.identity (identity numbers);
-- queries in vernetool.db.chemicals. Registers are legal records: rows are never deleted
-- silently (holdings are disposed, not deleted; exposure entries only after their retention).

-- A product: natural key name + supplier. The statements are stored in chemical_statement;
-- `pictograms` and `exposure_register` are derived from them by the domain when the product
-- is saved and kept here so the register filters and sorts on them in SQL.
CREATE TABLE chemical_product (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
    supplier          TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    signal_word       TEXT NOT NULL DEFAULT '' CHECK (signal_word IN ('', 'danger', 'warning')),
    pictograms        TEXT NOT NULL DEFAULT '',      -- "GHS02,GHS06,GHS08"
    exposure_register INTEGER NOT NULL DEFAULT 0 CHECK (exposure_register IN (0, 1)),
    sds_url           TEXT NOT NULL DEFAULT '',
    -- why a field cannot be filled (forskrift om utførelse av arbeid §2-3), and other notes
    notes             TEXT NOT NULL DEFAULT '',
    -- case-folded name, supplier, CAS numbers and codes: what filter-as-you-type matches
    search_text       TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (name, supplier)
) STRICT;

-- The CAS numbers of the product's components (a mixture has several), check digit verified.
CREATE TABLE chemical_component (
    product_id    INTEGER NOT NULL REFERENCES chemical_product(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    cas           TEXT NOT NULL CHECK (cas GLOB '[0-9]*-[0-9][0-9]-[0-9]'),
    name          TEXT NOT NULL DEFAULT '',
    concentration TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (product_id, cas)
) STRICT;
CREATE INDEX chemical_component_cas ON chemical_component(cas);

-- H, EUH and P statements as normalised codes: "H225", "H360FD", "H350i", "H300+H330",
-- "EUH066", "P280", "P301+P310". kind: 'H' (H and EUH) or 'P'.
CREATE TABLE chemical_statement (
    product_id INTEGER NOT NULL REFERENCES chemical_product(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('H', 'P')),
    code       TEXT NOT NULL,
    PRIMARY KEY (product_id, code)
) STRICT;
CREATE INDEX chemical_statement_code ON chemical_statement(code);

-- Safety data sheets, newest last; a replaced sheet stays (the register's history). The
-- file itself is content-addressed in the data folder (vernetool.attachments), or only a URL.
CREATE TABLE chemical_sds (
    id            INTEGER PRIMARY KEY,
    product_id    INTEGER NOT NULL REFERENCES chemical_product(id) ON DELETE CASCADE,
    sha256        TEXT CHECK (sha256 IS NULL OR (length(sha256) = 64
                                                 AND sha256 NOT GLOB '*[^0-9a-f]*')),
    extension     TEXT NOT NULL DEFAULT '',
    original_name TEXT NOT NULL DEFAULT '',
    url           TEXT NOT NULL DEFAULT '',
    revised_on    TEXT CHECK (revised_on IS NULL OR date(revised_on) IS revised_on),
    language      TEXT NOT NULL DEFAULT '' CHECK (language IN ('', 'nb', 'nn', 'en', 'sv', 'da',
                                                               'de', 'other')),
    added_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    added_by      TEXT NOT NULL DEFAULT '',
    CHECK (sha256 IS NOT NULL OR length(url) > 0)
) STRICT;
CREATE INDEX chemical_sds_product ON chemical_sds(product_id, id);

-- A holding: a product in a room's storage place. Natural key product + room + place.
-- Disposed holdings stay, with their date; every change leaves its previous state in
-- chemical_holding_history (the trigger below), the actor in the audit trail.
CREATE TABLE chemical_holding (
    id          INTEGER PRIMARY KEY,
    product_id  INTEGER NOT NULL REFERENCES chemical_product(id) ON DELETE RESTRICT,
    room_id     INTEGER NOT NULL REFERENCES room(id) ON DELETE RESTRICT,
    place       TEXT NOT NULL DEFAULT '' COLLATE NOCASE,   -- storage place: "Syreskap 2"
    quantity    REAL CHECK (quantity IS NULL OR quantity >= 0),
    unit        TEXT NOT NULL DEFAULT '',                  -- normalised: "L", "mL", "g", "kg" …
    containers  INTEGER CHECK (containers IS NULL OR containers >= 0),
    status      TEXT NOT NULL DEFAULT 'in_use' CHECK (status IN ('in_use', 'disposed')),
    disposed_on TEXT CHECK (disposed_on IS NULL OR date(disposed_on) IS disposed_on),
    -- case-folded product name, supplier, CAS, codes, building, room, place: the filter
    search_text TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK ((status = 'disposed') = (disposed_on IS NOT NULL)),
    UNIQUE (product_id, room_id, place)
) STRICT;
CREATE INDEX chemical_holding_room ON chemical_holding(room_id, status);
CREATE INDEX chemical_holding_status ON chemical_holding(status, id);

CREATE TABLE chemical_holding_history (
    id          INTEGER PRIMARY KEY,
    holding_id  INTEGER NOT NULL REFERENCES chemical_holding(id) ON DELETE CASCADE,
    changed_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    quantity    REAL,
    unit        TEXT NOT NULL,
    containers  INTEGER,
    status      TEXT NOT NULL,
    disposed_on TEXT,
    place       TEXT NOT NULL,
    room_id     INTEGER NOT NULL
) STRICT;
CREATE INDEX chemical_holding_history_holding ON chemical_holding_history(holding_id, id);

CREATE TRIGGER chemical_holding_keeps_history
AFTER UPDATE OF quantity, unit, containers, status, disposed_on, place, room_id
ON chemical_holding
WHEN OLD.quantity IS NOT NEW.quantity OR OLD.unit IS NOT NEW.unit
  OR OLD.containers IS NOT NEW.containers OR OLD.status IS NOT NEW.status
  OR OLD.disposed_on IS NOT NEW.disposed_on OR OLD.place IS NOT NEW.place
  OR OLD.room_id IS NOT NEW.room_id
BEGIN
    INSERT INTO chemical_holding_history (holding_id, quantity, unit, containers, status,
                                          disposed_on, place, room_id)
    VALUES (OLD.id, OLD.quantity, OLD.unit, OLD.containers, OLD.status, OLD.disposed_on,
            OLD.place, OLD.room_id);
END;

-- The exposure register (arbeidsmiljøforskriften / forskrift om utførelse av arbeid §31-1),
-- exactly its fields. The identity number is never stored in clear: `identity_cipher` is
-- the encrypted number (vernetool.security), `identity_masked` what the screen shows
-- ("010190*****"), `identity_index` a keyed hash (HMAC) that lets an import find the same
-- person's entry without decrypting. `retain_until` is the exposure end plus the retention
-- years of the product's class (60 carcinogens/mutagens, 5 reprotoxic); NULL while ongoing.
CREATE TABLE exposure_entry (
    id              INTEGER PRIMARY KEY,
    product_id      INTEGER NOT NULL REFERENCES chemical_product(id) ON DELETE RESTRICT,
    person          TEXT NOT NULL CHECK (length(trim(person)) > 0),
    person_id       INTEGER REFERENCES person(id) ON DELETE SET NULL,
    identity_cipher BLOB,
    identity_masked TEXT NOT NULL DEFAULT '',
    identity_index  TEXT,
    position        TEXT NOT NULL DEFAULT '',
    workplace       TEXT NOT NULL DEFAULT '',
    room_id         INTEGER REFERENCES room(id) ON DELETE SET NULL,
    route           TEXT NOT NULL CHECK (route IN ('inhalation', 'skin', 'ingestion', 'other')),
    concentration   TEXT NOT NULL DEFAULT '',
    exposure_start  TEXT NOT NULL CHECK (date(exposure_start) IS exposure_start),
    exposure_end    TEXT CHECK (exposure_end IS NULL OR (date(exposure_end) IS exposure_end
                                                         AND exposure_end >= exposure_start)),
    duration        TEXT NOT NULL DEFAULT '',
    retain_until    TEXT CHECK (retain_until IS NULL OR date(retain_until) IS retain_until),
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK ((identity_cipher IS NULL) = (identity_index IS NULL))
) STRICT;
CREATE INDEX exposure_entry_product ON exposure_entry(product_id);
CREATE INDEX exposure_entry_identity ON exposure_entry(identity_index);

-- The register keeps its own settings (SDS age in years, …) beside app_meta's.
INSERT INTO app_meta (key, value) VALUES ('chemicals.sds_max_age_years', '3')
    ON CONFLICT (key) DO NOTHING;
