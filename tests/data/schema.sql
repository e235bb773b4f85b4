PRAGMA application_id = 1986950252;
PRAGMA user_version = 12;
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
CREATE TRIGGER change_annual_report_delete AFTER DELETE ON annual_report
WHEN OLD.submitted_at IS NOT NULL BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('annual_report', OLD.id, 'delete');
END;
CREATE TRIGGER change_annual_report_insert AFTER INSERT ON annual_report
WHEN NEW.status = 'submitted' BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('annual_report', NEW.id, 'upsert');
END;
CREATE TRIGGER change_annual_report_update AFTER UPDATE ON annual_report
WHEN NEW.status = 'submitted' AND (NEW.submitted_at IS NOT OLD.submitted_at
                                   OR NEW.submitted_json IS NOT OLD.submitted_json) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('annual_report', NEW.id, 'upsert');
END;
CREATE TRIGGER change_chemical_component_delete AFTER DELETE ON chemical_component
WHEN EXISTS (SELECT 1 FROM chemical_product WHERE id = OLD.product_id) BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('chemical_product', OLD.product_id, 'upsert');
END;
CREATE TRIGGER change_chemical_component_insert AFTER INSERT ON chemical_component BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('chemical_product', NEW.product_id, 'upsert');
END;
CREATE TRIGGER change_chemical_component_update AFTER UPDATE ON chemical_component BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('chemical_product', NEW.product_id, 'upsert');
END;
CREATE TRIGGER change_chemical_holding_delete AFTER DELETE ON chemical_holding BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('chemical_holding', OLD.id, 'delete');
END;
CREATE TRIGGER change_chemical_holding_insert AFTER INSERT ON chemical_holding BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('chemical_holding', NEW.id, 'upsert');
END;
CREATE TRIGGER change_chemical_holding_update AFTER UPDATE ON chemical_holding BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('chemical_holding', NEW.id, 'upsert');
END;
CREATE TRIGGER change_chemical_product_delete AFTER DELETE ON chemical_product BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('chemical_product', OLD.id, 'delete');
END;
CREATE TRIGGER change_chemical_product_insert AFTER INSERT ON chemical_product BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('chemical_product', NEW.id, 'upsert');
END;
CREATE TRIGGER change_chemical_product_update AFTER UPDATE ON chemical_product BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('chemical_product', NEW.id, 'upsert');
END;
CREATE TRIGGER change_chemical_sds_delete AFTER DELETE ON chemical_sds
WHEN EXISTS (SELECT 1 FROM chemical_product WHERE id = OLD.product_id) BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('chemical_product', OLD.product_id, 'upsert');
END;
CREATE TRIGGER change_chemical_sds_insert AFTER INSERT ON chemical_sds BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('chemical_product', NEW.product_id, 'upsert');
END;
CREATE TRIGGER change_chemical_sds_update AFTER UPDATE ON chemical_sds BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('chemical_product', NEW.product_id, 'upsert');
END;
CREATE TRIGGER change_chemical_statement_delete AFTER DELETE ON chemical_statement
WHEN EXISTS (SELECT 1 FROM chemical_product WHERE id = OLD.product_id) BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('chemical_product', OLD.product_id, 'upsert');
END;
CREATE TRIGGER change_chemical_statement_insert AFTER INSERT ON chemical_statement BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('chemical_product', NEW.product_id, 'upsert');
END;
CREATE TRIGGER change_chemical_statement_update AFTER UPDATE ON chemical_statement BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('chemical_product', NEW.product_id, 'upsert');
END;
CREATE TRIGGER change_deviation_action_delete AFTER DELETE ON deviation_action
WHEN EXISTS (SELECT 1 FROM deviation WHERE id = OLD.deviation_id) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', OLD.deviation_id, 'upsert');
END;
CREATE TRIGGER change_deviation_action_insert AFTER INSERT ON deviation_action BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', NEW.deviation_id, 'upsert');
END;
CREATE TRIGGER change_deviation_action_note_delete AFTER DELETE ON deviation_action_note BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        SELECT 'deviation', deviation_id, 'upsert' FROM deviation_action WHERE id = OLD.action_id;
END;
CREATE TRIGGER change_deviation_action_note_insert AFTER INSERT ON deviation_action_note BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        SELECT 'deviation', deviation_id, 'upsert' FROM deviation_action WHERE id = NEW.action_id;
END;
CREATE TRIGGER change_deviation_action_note_update AFTER UPDATE ON deviation_action_note BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        SELECT 'deviation', deviation_id, 'upsert' FROM deviation_action WHERE id = NEW.action_id;
END;
CREATE TRIGGER change_deviation_action_update AFTER UPDATE ON deviation_action BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', NEW.deviation_id, 'upsert');
    INSERT INTO change_log (entity, entity_id, op) SELECT 'deviation', OLD.deviation_id, 'upsert'
        WHERE OLD.deviation_id <> NEW.deviation_id;
END;
CREATE TRIGGER change_deviation_delete AFTER DELETE ON deviation BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', OLD.id, 'delete');
END;
CREATE TRIGGER change_deviation_injury_delete AFTER DELETE ON deviation_injury
WHEN EXISTS (SELECT 1 FROM deviation WHERE id = OLD.deviation_id) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', OLD.deviation_id, 'upsert');
END;
CREATE TRIGGER change_deviation_injury_insert AFTER INSERT ON deviation_injury BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', NEW.deviation_id, 'upsert');
END;
CREATE TRIGGER change_deviation_injury_update AFTER UPDATE ON deviation_injury BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', NEW.deviation_id, 'upsert');
END;
CREATE TRIGGER change_deviation_insert AFTER INSERT ON deviation BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', NEW.id, 'upsert');
END;
CREATE TRIGGER change_deviation_status_delete AFTER DELETE ON deviation_status_history
WHEN EXISTS (SELECT 1 FROM deviation WHERE id = OLD.deviation_id) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', OLD.deviation_id, 'upsert');
END;
CREATE TRIGGER change_deviation_status_insert AFTER INSERT ON deviation_status_history BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', NEW.deviation_id, 'upsert');
END;
CREATE TRIGGER change_deviation_status_update AFTER UPDATE ON deviation_status_history BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', NEW.deviation_id, 'upsert');
END;
CREATE TRIGGER change_deviation_update AFTER UPDATE ON deviation BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', NEW.id, 'upsert');
END;
CREATE TRIGGER change_finding_recheck_insert AFTER INSERT ON finding_recheck BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        SELECT 'hse_round', r.id, 'upsert' FROM round_finding f JOIN hse_round r ON r.id = f.round_id
        WHERE f.id = NEW.finding_id AND r.status IN ('completed', 'reported');
END;
CREATE TRIGGER change_hse_round_delete AFTER DELETE ON hse_round
WHEN OLD.status IN ('completed', 'reported') BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('hse_round', OLD.id, 'delete');
END;
CREATE TRIGGER change_hse_round_insert AFTER INSERT ON hse_round
WHEN NEW.status IN ('completed', 'reported') BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('hse_round', NEW.id, 'upsert');
END;
CREATE TRIGGER change_hse_round_update AFTER UPDATE ON hse_round
WHEN NEW.status IN ('completed', 'reported') OR OLD.status IN ('completed', 'reported') BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('hse_round', NEW.id, 'upsert');
END;
CREATE TRIGGER change_radiation_leak_test_delete AFTER DELETE ON radiation_leak_test
WHEN EXISTS (SELECT 1 FROM radiation_source WHERE id = OLD.source_id) BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('radiation_source', OLD.source_id, 'upsert');
END;
CREATE TRIGGER change_radiation_leak_test_insert AFTER INSERT ON radiation_leak_test BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('radiation_source', NEW.source_id, 'upsert');
END;
CREATE TRIGGER change_radiation_leak_test_update AFTER UPDATE ON radiation_leak_test BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('radiation_source', NEW.source_id, 'upsert');
END;
CREATE TRIGGER change_radiation_source_delete AFTER DELETE ON radiation_source BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('radiation_source', OLD.id, 'delete');
END;
CREATE TRIGGER change_radiation_source_insert AFTER INSERT ON radiation_source BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('radiation_source', NEW.id, 'upsert');
END;
CREATE TRIGGER change_radiation_source_update AFTER UPDATE ON radiation_source BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('radiation_source', NEW.id, 'upsert');
END;
CREATE TRIGGER change_radiation_status_delete AFTER DELETE ON radiation_source_status
WHEN EXISTS (SELECT 1 FROM radiation_source WHERE id = OLD.source_id) BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('radiation_source', OLD.source_id, 'upsert');
END;
CREATE TRIGGER change_radiation_status_insert AFTER INSERT ON radiation_source_status BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('radiation_source', NEW.source_id, 'upsert');
END;
CREATE TRIGGER change_radiation_status_update AFTER UPDATE ON radiation_source_status BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('radiation_source', NEW.source_id, 'upsert');
END;
CREATE TRIGGER change_round_answer_delete AFTER DELETE ON round_answer BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        SELECT 'hse_round', r.id, 'upsert' FROM round_room rr JOIN hse_round r ON r.id = rr.round_id
        WHERE rr.id = OLD.round_room_id AND r.status IN ('completed', 'reported');
END;
CREATE TRIGGER change_round_answer_insert AFTER INSERT ON round_answer BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        SELECT 'hse_round', r.id, 'upsert' FROM round_room rr JOIN hse_round r ON r.id = rr.round_id
        WHERE rr.id = NEW.round_room_id AND r.status IN ('completed', 'reported');
END;
CREATE TRIGGER change_round_answer_update AFTER UPDATE ON round_answer BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        SELECT 'hse_round', r.id, 'upsert' FROM round_room rr JOIN hse_round r ON r.id = rr.round_id
        WHERE rr.id = NEW.round_room_id AND r.status IN ('completed', 'reported');
END;
CREATE TRIGGER change_round_finding_delete AFTER DELETE ON round_finding
WHEN EXISTS (SELECT 1 FROM hse_round WHERE id = OLD.round_id
             AND status IN ('completed', 'reported')) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('hse_round', OLD.round_id, 'upsert');
END;
CREATE TRIGGER change_round_finding_insert AFTER INSERT ON round_finding
WHEN EXISTS (SELECT 1 FROM hse_round WHERE id = NEW.round_id
             AND status IN ('completed', 'reported')) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('hse_round', NEW.round_id, 'upsert');
END;
CREATE TRIGGER change_round_finding_update AFTER UPDATE ON round_finding
WHEN EXISTS (SELECT 1 FROM hse_round WHERE id = NEW.round_id
             AND status IN ('completed', 'reported')) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('hse_round', NEW.round_id, 'upsert');
END;
CREATE TRIGGER change_round_participant_delete AFTER DELETE ON round_participant
WHEN EXISTS (SELECT 1 FROM hse_round WHERE id = OLD.round_id
             AND status IN ('completed', 'reported')) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('hse_round', OLD.round_id, 'upsert');
END;
CREATE TRIGGER change_round_participant_insert AFTER INSERT ON round_participant
WHEN EXISTS (SELECT 1 FROM hse_round WHERE id = NEW.round_id
             AND status IN ('completed', 'reported')) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('hse_round', NEW.round_id, 'upsert');
END;
CREATE TRIGGER change_round_participant_update AFTER UPDATE ON round_participant
WHEN EXISTS (SELECT 1 FROM hse_round WHERE id = NEW.round_id
             AND status IN ('completed', 'reported')) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('hse_round', NEW.round_id, 'upsert');
END;
CREATE TRIGGER change_round_photo_delete AFTER DELETE ON round_photo BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        SELECT 'hse_round', r.id, 'upsert' FROM round_room rr JOIN hse_round r ON r.id = rr.round_id
        WHERE rr.id = OLD.round_room_id AND r.status IN ('completed', 'reported');
END;
CREATE TRIGGER change_round_photo_insert AFTER INSERT ON round_photo BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        SELECT 'hse_round', r.id, 'upsert' FROM round_room rr JOIN hse_round r ON r.id = rr.round_id
        WHERE rr.id = NEW.round_room_id AND r.status IN ('completed', 'reported');
END;
CREATE TRIGGER change_round_photo_update AFTER UPDATE ON round_photo BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        SELECT 'hse_round', r.id, 'upsert' FROM round_room rr JOIN hse_round r ON r.id = rr.round_id
        WHERE rr.id = NEW.round_room_id AND r.status IN ('completed', 'reported');
END;
CREATE TRIGGER change_round_room_delete AFTER DELETE ON round_room
WHEN EXISTS (SELECT 1 FROM hse_round WHERE id = OLD.round_id
             AND status IN ('completed', 'reported')) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('hse_round', OLD.round_id, 'upsert');
END;
CREATE TRIGGER change_round_room_insert AFTER INSERT ON round_room
WHEN EXISTS (SELECT 1 FROM hse_round WHERE id = NEW.round_id
             AND status IN ('completed', 'reported')) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('hse_round', NEW.round_id, 'upsert');
END;
CREATE TRIGGER change_round_room_update AFTER UPDATE ON round_room
WHEN EXISTS (SELECT 1 FROM hse_round WHERE id = NEW.round_id
             AND status IN ('completed', 'reported')) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('hse_round', NEW.round_id, 'upsert');
END;
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
CREATE TRIGGER deviation_fts_delete AFTER DELETE ON deviation BEGIN
    INSERT INTO deviation_fts (deviation_fts, rowid, title, description, cause,
                               immediate_action)
    VALUES ('delete', old.id, old.title, old.description, old.cause, old.immediate_action);
END;
CREATE TRIGGER deviation_fts_insert AFTER INSERT ON deviation BEGIN
    INSERT INTO deviation_fts (rowid, title, description, cause, immediate_action)
    VALUES (new.id, new.title, new.description, new.cause, new.immediate_action);
END;
CREATE TRIGGER deviation_fts_update
AFTER UPDATE OF title, description, cause, immediate_action ON deviation BEGIN
    INSERT INTO deviation_fts (deviation_fts, rowid, title, description, cause,
                               immediate_action)
    VALUES ('delete', old.id, old.title, old.description, old.cause, old.immediate_action);
    INSERT INTO deviation_fts (rowid, title, description, cause, immediate_action)
    VALUES (new.id, new.title, new.description, new.cause, new.immediate_action);
END;
CREATE TABLE annual_answer (
    report_id      INTEGER NOT NULL REFERENCES annual_report(id) ON DELETE CASCADE,
    question       TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 8
                                        AND question NOT GLOB '*[^0-9a-z]*'),
    answer         TEXT NOT NULL CHECK (length(trim(answer)) > 0 AND length(answer) <= 10000),
    prefill_answer TEXT,
    prefill_reason TEXT,
    prefill_params TEXT CHECK (prefill_params IS NULL OR json_valid(prefill_params)),
    confirmed      INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
    changed        INTEGER NOT NULL DEFAULT 0 CHECK (changed IN (0, 1)),
    answered_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    answered_by    TEXT NOT NULL DEFAULT '',
    CHECK (prefill_reason IS NOT NULL OR (prefill_answer IS NULL AND prefill_params IS NULL)),
    CHECK (confirmed = 0 OR (prefill_answer IS NOT NULL AND answer = prefill_answer)),
    CHECK (changed = 0 OR (prefill_answer IS NOT NULL AND answer <> prefill_answer)),
    PRIMARY KEY (report_id, question)
) STRICT, WITHOUT ROWID;
CREATE TABLE annual_report (
    id             INTEGER PRIMARY KEY,
    year           INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
    unit_id        INTEGER NOT NULL REFERENCES unit(id) ON DELETE RESTRICT,
    line_manager   TEXT NOT NULL DEFAULT '' CHECK (length(line_manager) <= 200),
    safety_rep     TEXT NOT NULL DEFAULT '' CHECK (length(safety_rep) <= 200),
    status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
    submitted_at   TEXT CHECK (submitted_at IS NULL
                               OR submitted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*'),
    submitted_by   TEXT NOT NULL DEFAULT '',
    submitted_json TEXT CHECK (submitted_json IS NULL OR json_valid(submitted_json)),
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (status = 'draft' OR submitted_at IS NOT NULL),
    CHECK ((submitted_at IS NULL) = (submitted_json IS NULL)),
    CHECK (status = 'draft' OR (length(trim(line_manager)) > 0
                                AND length(trim(safety_rep)) > 0)),
    UNIQUE (year, unit_id)
) STRICT;
CREATE TABLE app_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
CREATE TABLE attachment (
    sha256        TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    extension     TEXT NOT NULL DEFAULT '',
    original_name TEXT NOT NULL DEFAULT '',
    size_bytes    INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    action    TEXT NOT NULL,
    details   TEXT NOT NULL DEFAULT '{}'
) STRICT;
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
CREATE TABLE bio_agent_use_history (
    id                INTEGER PRIMARY KEY,
    use_id            INTEGER NOT NULL REFERENCES bio_agent_use(id) ON DELETE CASCADE,
    changed_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    containment_level INTEGER,
    notified_at       TEXT,
    first_use         TEXT,
    ended_on          TEXT
) STRICT;
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
CREATE TABLE bio_incident (
    id          INTEGER PRIMARY KEY,
    worker_id   INTEGER NOT NULL REFERENCES bio_worker(id) ON DELETE CASCADE,
    occurred_on TEXT NOT NULL CHECK (date(occurred_on) IS occurred_on),
    description TEXT NOT NULL CHECK (length(trim(description)) > 0),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
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
CREATE TABLE building (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(code)) > 0),
    name       TEXT NOT NULL DEFAULT '',
    campus_id  INTEGER REFERENCES campus(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE TABLE campus (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0)
) STRICT;
CREATE TABLE change_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    op        TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
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
CREATE TABLE checklist_section (
    id          INTEGER PRIMARY KEY,
    template_id INTEGER NOT NULL REFERENCES checklist_template(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title_nb    TEXT NOT NULL,
    title_en    TEXT NOT NULL,
    UNIQUE (template_id, position)
) STRICT;
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
CREATE TABLE chemical_component (
    product_id    INTEGER NOT NULL REFERENCES chemical_product(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    cas           TEXT NOT NULL CHECK (cas GLOB '[0-9]*-[0-9][0-9]-[0-9]'),
    name          TEXT NOT NULL DEFAULT '',
    concentration TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (product_id, cas)
) STRICT;
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
CREATE TABLE chemical_statement (
    product_id INTEGER NOT NULL REFERENCES chemical_product(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('H', 'P')),
    code       TEXT NOT NULL,
    PRIMARY KEY (product_id, code)
) STRICT;
CREATE TABLE delivery_target (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
    kind             TEXT NOT NULL CHECK (kind IN ('folder', 'http')),
    path             TEXT NOT NULL DEFAULT '',
    url              TEXT NOT NULL DEFAULT '',
    sends            TEXT NOT NULL CHECK (length(sends) > 0),  -- "deviations,sources"
    token_env        TEXT NOT NULL DEFAULT '',
    token_in_keyring INTEGER NOT NULL DEFAULT 0 CHECK (token_in_keyring IN (0, 1)),
    mapping_json     TEXT NOT NULL DEFAULT '',                 -- '' = the default mappings
    created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    removed_at       TEXT,
    CHECK ((kind = 'folder') = (length(path) > 0)),
    CHECK ((kind = 'http') = (length(url) > 0))
) STRICT;
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
CREATE TABLE deviation_action_note (
    id        INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES deviation_action(id) ON DELETE CASCADE,
    at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    actor     TEXT NOT NULL,
    note      TEXT NOT NULL CHECK (length(trim(note)) > 0)
) STRICT;
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
CREATE TABLE deviation_category (
    id         INTEGER PRIMARY KEY,
    parent_id  INTEGER REFERENCES deviation_category(id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_en    TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE VIRTUAL TABLE deviation_fts USING fts5(
    title, description, cause, immediate_action,
    content = 'deviation', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE 'deviation_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE TABLE 'deviation_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE 'deviation_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE 'deviation_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
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
CREATE TABLE hours_worked (
    year       INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2999),
    hours      REAL NOT NULL CHECK (hours > 0),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
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
CREATE TABLE outbox_bundle (
    bundle_id       TEXT PRIMARY KEY CHECK (length(bundle_id) = 36),
    target_id       INTEGER NOT NULL REFERENCES delivery_target(id) ON DELETE RESTRICT,
    kind            TEXT NOT NULL CHECK (kind IN ('deviations', 'chemicals', 'sources',
                        'rounds', 'annual')),
    created_at      TEXT NOT NULL,
    since_seq       INTEGER NOT NULL CHECK (since_seq >= 0),
    upto_seq        INTEGER NOT NULL CHECK (upto_seq >= since_seq),
    since_bundle    TEXT,
    rows            INTEGER NOT NULL CHECK (rows >= 0),
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    size_bytes      INTEGER NOT NULL CHECK (size_bytes > 0),
    zip             BLOB NOT NULL,
    status          TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'delivered',
                        'failed', 'discarded')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    attempted_at    TEXT,
    next_attempt_at TEXT,
    last_error      TEXT NOT NULL DEFAULT '',
    receipt_json    TEXT,
    delivered_at    TEXT,
    CHECK ((status = 'delivered') = (receipt_json IS NOT NULL AND delivered_at IS NOT NULL))
) STRICT;
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
CREATE TABLE person_role (
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('safety_rep', 'room_responsible', 'line_manager',
                  'employee', 'student')),
    PRIMARY KEY (person_id, role)
) STRICT, WITHOUT ROWID;
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
, warning_signs TEXT NOT NULL DEFAULT '') STRICT;
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
, register_kind TEXT
    CHECK (register_kind IS NULL OR register_kind IN ('holding', 'source', 'agent')), register_id INTEGER, register_label TEXT NOT NULL DEFAULT '') STRICT;
CREATE TABLE round_merge (
    id         INTEGER PRIMARY KEY,
    round_id   INTEGER NOT NULL REFERENCES hse_round(id) ON DELETE CASCADE,
    merged_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    source     TEXT NOT NULL DEFAULT '',
    summary    TEXT NOT NULL DEFAULT '{}'     -- JSON: counts and the list of conflicts
) STRICT;
CREATE TABLE round_participant (
    id        INTEGER PRIMARY KEY,
    round_id  INTEGER NOT NULL REFERENCES hse_round(id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role      TEXT NOT NULL CHECK (role IN ('line_manager', 'safety_rep', 'hse_coordinator',
                  'lab_engineer', 'radiation_coordinator', 'occupational_health', 'other')),
    position  INTEGER NOT NULL DEFAULT 0
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
CREATE TABLE round_template (
    round_id    INTEGER NOT NULL REFERENCES hse_round(id) ON DELETE CASCADE,
    room_type   TEXT NOT NULL,
    template_id INTEGER NOT NULL REFERENCES checklist_template(id) ON DELETE RESTRICT,
    PRIMARY KEY (round_id, room_type)
) STRICT, WITHOUT ROWID;
CREATE TABLE target_watermark (
    target_id   INTEGER NOT NULL REFERENCES delivery_target(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq >= 0),
    bundle_id   TEXT,                  -- the delivered bundle whose receipt set it
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (target_id, kind)
) STRICT, WITHOUT ROWID;
CREATE TABLE unit (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(code)) > 0),
    name       TEXT NOT NULL DEFAULT '',
    parent_id  INTEGER REFERENCES unit(id) ON DELETE RESTRICT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE INDEX annual_report_unit ON annual_report(unit_id, year);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX bio_agent_group ON bio_agent(risk_group, name);
CREATE INDEX bio_agent_history_agent ON bio_agent_history(agent_id, id);
CREATE INDEX bio_agent_use_history_use ON bio_agent_use_history(use_id, id);
CREATE INDEX bio_agent_use_room ON bio_agent_use(room_id, ended_on);
CREATE INDEX bio_cabinet_room ON bio_cabinet(room_id);
CREATE INDEX bio_incident_worker ON bio_incident(worker_id, occurred_on);
CREATE INDEX bio_worker_agent ON bio_worker(agent_id);
CREATE INDEX bio_worker_identity ON bio_worker(identity_index);
CREATE INDEX building_campus ON building(campus_id);
CREATE INDEX change_log_entity ON change_log(entity, seq);
CREATE INDEX checklist_item_code ON checklist_item(code);
CREATE INDEX chemical_component_cas ON chemical_component(cas);
CREATE INDEX chemical_holding_history_holding ON chemical_holding_history(holding_id, id);
CREATE INDEX chemical_holding_room ON chemical_holding(room_id, status);
CREATE INDEX chemical_holding_search ON chemical_holding(status, search_text);
CREATE INDEX chemical_holding_status ON chemical_holding(status, id);
CREATE INDEX chemical_sds_product ON chemical_sds(product_id, id);
CREATE INDEX chemical_statement_code ON chemical_statement(code);
CREATE UNIQUE INDEX delivery_target_name ON delivery_target(name) WHERE removed_at IS NULL;
CREATE INDEX deviation_action_deadline ON deviation_action(status, deadline);
CREATE INDEX deviation_action_deviation ON deviation_action(deviation_id);
CREATE INDEX deviation_action_note_action ON deviation_action_note(action_id);
CREATE INDEX deviation_action_person ON deviation_action(responsible_person_id);
CREATE INDEX deviation_attachment_sha ON deviation_attachment(sha256);
CREATE INDEX deviation_category_idx ON deviation(category, subcategory);
CREATE UNIQUE INDEX deviation_category_name
    ON deviation_category(coalesce(parent_id, 0), name COLLATE NOCASE);
CREATE INDEX deviation_closed ON deviation(closed_at);
CREATE INDEX deviation_deadline ON deviation(closing_deadline);
CREATE INDEX deviation_finding ON deviation(source_finding_id);
CREATE INDEX deviation_potential ON deviation(potential_consequence);
CREATE INDEX deviation_reported ON deviation(reported_at, title);
CREATE INDEX deviation_room ON deviation(room_id);
CREATE INDEX deviation_status ON deviation(status);
CREATE INDEX deviation_status_history_deviation ON deviation_status_history(deviation_id, id);
CREATE INDEX deviation_type ON deviation(type, reported_at);
CREATE INDEX deviation_unit ON deviation(unit_id);
CREATE INDEX exposure_entry_identity ON exposure_entry(identity_index);
CREATE INDEX exposure_entry_product ON exposure_entry(product_id);
CREATE INDEX hse_round_status ON hse_round(status);
CREATE INDEX hse_round_unit ON hse_round(unit_id, start_date);
CREATE INDEX outbox_bundle_due ON outbox_bundle(status, next_attempt_at);
CREATE INDEX outbox_bundle_target ON outbox_bundle(target_id, kind, status);
CREATE INDEX person_name ON person(name COLLATE NOCASE);
CREATE INDEX person_role_role ON person_role(role);
CREATE INDEX person_unit ON person(unit_id);
CREATE INDEX radiation_leak_test_source ON radiation_leak_test(source_id, tested_on);
CREATE UNIQUE INDEX radiation_source_dsa_id ON radiation_source(dsa_id) WHERE dsa_id <> '';
CREATE INDEX radiation_source_room ON radiation_source(room_id);
CREATE UNIQUE INDEX radiation_source_serial ON radiation_source(make, serial_number)
    WHERE serial_number <> '';
CREATE INDEX radiation_source_status_source ON radiation_source_status(source_id, id);
CREATE INDEX radiation_worker_identity ON radiation_worker(identity_index);
CREATE INDEX radiation_worker_person ON radiation_worker(person);
CREATE INDEX room_responsibility_person ON room_responsibility(person_id);
CREATE INDEX room_responsibility_room ON room_responsibility(room_id, valid_from);
CREATE INDEX room_type ON room(type);
CREATE INDEX room_unit ON room(unit_id);
CREATE INDEX round_finding_deadline ON round_finding(action_status, deadline);
CREATE INDEX round_finding_register ON round_finding(register_kind, register_id)
    WHERE register_kind IS NOT NULL;
CREATE INDEX round_finding_room ON round_finding(room_id, status);
CREATE INDEX round_finding_round ON round_finding(round_id);
CREATE INDEX round_participant_round ON round_participant(round_id);
CREATE INDEX round_photo_finding ON round_photo(finding_id);
CREATE INDEX round_room_order ON round_room(round_id, position);
CREATE INDEX round_room_room ON round_room(room_id);
CREATE UNIQUE INDEX round_room_unit ON round_room(round_id) WHERE room_id IS NULL;
CREATE INDEX unit_parent ON unit(parent_id);
