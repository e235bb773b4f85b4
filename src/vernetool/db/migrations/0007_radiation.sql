-- vernetool schema 7: the radiation register (strålekilder) and the workers register for
-- ionising radiation (§31-4) with the individually measured doses.
-- Rules live in vernetool.domain.radiation (nuclides, activity and decay, kinds, laser
-- classes, DSA statuses, notifiability, leak tests, doses and limits, retention); queries in
-- vernetool.db.radiation. Registers are legal records: a source is never deleted (it is
-- disposed, with its record, and keeps its DSA status history); a worker only after the
-- retention (60 years after the last exposure), with an audit entry.

-- A source. Natural key: make + serial number (when there is a serial number: open sources
-- often have none). The activity is kept as stated (`activity` text as entered, exact, and its
-- unit) with `activity_bq` at the reference date derived by the domain; the current activity
-- is computed on reading (A0 · 2^(−t/T½)). `notifiable_reason` is the domain's rule (always
-- for X-ray, accelerators, class 4 lasers, IPL, MRI; else the user's answer).
CREATE TABLE radiation_source (
    id                        INTEGER PRIMARY KEY,
    kind                      TEXT NOT NULL CHECK (kind IN ('sealed_source', 'open_source',
                                  'xray', 'accelerator', 'laser', 'ipl', 'mri', 'other')),
    name                      TEXT NOT NULL DEFAULT '',
    nuclide                   TEXT NOT NULL DEFAULT '',          -- "Cs-137", normalised
    activity                  TEXT NOT NULL DEFAULT '',          -- "370", as stated
    activity_unit             TEXT NOT NULL DEFAULT '',          -- "MBq", "µCi" …
    activity_bq               REAL CHECK (activity_bq IS NULL OR activity_bq >= 0),
    reference_date            TEXT CHECK (reference_date IS NULL
                                          OR date(reference_date) IS reference_date),
    make                      TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    model                     TEXT NOT NULL DEFAULT '',
    serial_number             TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    technical_specification   TEXT NOT NULL DEFAULT '',
    year                      INTEGER CHECK (year IS NULL OR year BETWEEN 1850 AND 2200),
    dealer                    TEXT NOT NULL DEFAULT '',
    use                       TEXT NOT NULL DEFAULT '',
    laser_class               TEXT NOT NULL DEFAULT '' CHECK (laser_class IN ('', '1', '1M',
                                  '1C', '2', '2M', '3R', '3B', '4')),
    room_id                   INTEGER REFERENCES room(id) ON DELETE RESTRICT,
    responsible_id            INTEGER REFERENCES person(id) ON DELETE SET NULL,
    responsible               TEXT NOT NULL DEFAULT '',          -- the name, as given
    location                  TEXT NOT NULL DEFAULT '',          -- "Blyskap 2", "Hall B"
    dsa_id                    TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    dsa_status                TEXT NOT NULL DEFAULT '' CHECK (dsa_status IN ('', 'pending',
                                  'in_use', 'stored', 'leased', 'sold', 'condemned',
                                  'deposited', 'returned', 'missing', 'stolen', 'failed')),
    notifiable                INTEGER CHECK (notifiable IS NULL OR notifiable IN (0, 1)),
    notifiable_stated         INTEGER CHECK (notifiable_stated IS NULL
                                             OR notifiable_stated IN (0, 1)),
    notifiable_reason         TEXT NOT NULL DEFAULT 'not_stated',
    -- the disposal record: when, how (returned to the dealer, deposited at IFE, …), receipt
    disposed_on               TEXT CHECK (disposed_on IS NULL OR date(disposed_on) IS disposed_on),
    disposal_method           TEXT NOT NULL DEFAULT '',
    disposal_receipt          TEXT NOT NULL DEFAULT '',
    -- sealed sources: the leak-test schedule
    leak_test_last            TEXT CHECK (leak_test_last IS NULL
                                          OR date(leak_test_last) IS leak_test_last),
    leak_test_interval_months INTEGER CHECK (leak_test_interval_months IS NULL
                                             OR leak_test_interval_months BETWEEN 1 AND 120),
    leak_test_next_due        TEXT CHECK (leak_test_next_due IS NULL
                                          OR date(leak_test_next_due) IS leak_test_next_due),
    -- open sources: the date the waste is picked up (its activity decayed to that date)
    waste_pickup_on           TEXT CHECK (waste_pickup_on IS NULL
                                          OR date(waste_pickup_on) IS waste_pickup_on),
    notes                     TEXT NOT NULL DEFAULT '',
    search_text               TEXT NOT NULL DEFAULT '',
    created_at                TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at                TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE UNIQUE INDEX radiation_source_serial ON radiation_source(make, serial_number)
    WHERE serial_number <> '';
CREATE UNIQUE INDEX radiation_source_dsa_id ON radiation_source(dsa_id) WHERE dsa_id <> '';
CREATE INDEX radiation_source_room ON radiation_source(room_id);

-- The DSA status history: every status a source has had, from when, who recorded it.
CREATE TABLE radiation_source_status (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES radiation_source(id) ON DELETE CASCADE,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'in_use', 'stored', 'leased',
                    'sold', 'condemned', 'deposited', 'returned', 'missing', 'stolen',
                    'failed')),
    changed_on  TEXT NOT NULL CHECK (date(changed_on) IS changed_on),
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    recorded_by TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX radiation_source_status_source ON radiation_source_status(source_id, id);

-- Leak tests of sealed sources (wipe tests): each test kept; the source's schedule follows
-- the latest.
CREATE TABLE radiation_leak_test (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES radiation_source(id) ON DELETE CASCADE,
    tested_on   TEXT NOT NULL CHECK (date(tested_on) IS tested_on),
    passed      INTEGER NOT NULL DEFAULT 1 CHECK (passed IN (0, 1)),
    tested_by   TEXT NOT NULL DEFAULT '',
    result      TEXT NOT NULL DEFAULT '',        -- "< 185 Bq", the report's figure
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    recorded_by TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX radiation_leak_test_source ON radiation_leak_test(source_id, tested_on);

-- The workers register for ionising radiation (§31-4). The identity number as in
-- exposure_entry: `identity_cipher` (the vault's), `identity_masked`, `identity_index`
-- (keyed hash). `retain_until` = the last exposure (the work ended, or a later dose) + 60
-- years; NULL while the person is still exposed (deletion refused).
CREATE TABLE radiation_worker (
    id              INTEGER PRIMARY KEY,
    person          TEXT NOT NULL CHECK (length(trim(person)) > 0),
    person_id       INTEGER REFERENCES person(id) ON DELETE SET NULL,
    identity_cipher BLOB,
    identity_masked TEXT NOT NULL DEFAULT '',
    identity_index  TEXT,
    address         TEXT NOT NULL DEFAULT '',
    work            TEXT NOT NULL DEFAULT '',        -- the current work
    sources         TEXT NOT NULL DEFAULT '',        -- the source(s) or kind of work
    employed_from   TEXT CHECK (employed_from IS NULL OR date(employed_from) IS employed_from),
    exposure_end    TEXT CHECK (exposure_end IS NULL OR date(exposure_end) IS exposure_end),
    retain_until    TEXT CHECK (retain_until IS NULL OR date(retain_until) IS retain_until),
    apprentice      INTEGER NOT NULL DEFAULT 0 CHECK (apprentice IN (0, 1)),
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK ((identity_cipher IS NULL) = (identity_index IS NULL))
) STRICT;
CREATE INDEX radiation_worker_identity ON radiation_worker(identity_index);
CREATE INDEX radiation_worker_person ON radiation_worker(person);

-- Individually measured doses (mSv), one reading per worker, date (the period's end) and
-- dosimeter position.
CREATE TABLE radiation_dose (
    id          INTEGER PRIMARY KEY,
    worker_id   INTEGER NOT NULL REFERENCES radiation_worker(id) ON DELETE CASCADE,
    dose_date   TEXT NOT NULL CHECK (date(dose_date) IS dose_date),
    position    TEXT NOT NULL DEFAULT 'body' CHECK (position IN ('body', 'extremity', 'eye')),
    hp10_msv    REAL CHECK (hp10_msv IS NULL OR hp10_msv >= 0),
    hp007_msv   REAL CHECK (hp007_msv IS NULL OR hp007_msv >= 0),
    hp3_msv     REAL CHECK (hp3_msv IS NULL OR hp3_msv >= 0),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (hp10_msv IS NOT NULL OR hp007_msv IS NOT NULL OR hp3_msv IS NOT NULL),
    UNIQUE (worker_id, dose_date, position)
) STRICT;
