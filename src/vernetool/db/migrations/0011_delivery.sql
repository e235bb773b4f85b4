-- vernetool schema 11: delivery to the central systems (DESIGN "Exports and sync to the
-- central systems"): targets, the change log the incremental bundles are cut from, the
-- outbox with its bundles (the zip itself) and receipts, and what each target's last
-- receipt covered.

-- The database's own id, made once (the identity vault may have made it already); it goes
-- into every bundle's manifest as source.database_id.
INSERT INTO app_meta (key, value) VALUES ('database_id',
    lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-'
    || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)
    || '-' || lower(hex(randomblob(6))))
ON CONFLICT (key) DO NOTHING;

-- A place the database delivers to. Its token is never here: it comes from the environment
-- variable token_env names, or from the OS keyring (token_in_keyring = 1). A target that has
-- bundles is never deleted, only marked removed (its bundles and receipts stay).
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
-- a name is unique among the targets in use; a removed one keeps it for its history
CREATE UNIQUE INDEX delivery_target_name ON delivery_target(name) WHERE removed_at IS NULL;

-- Every insert, update and delete of a record some kind sends, written by the triggers
-- below, so incremental bundles and tombstones work whoever writes the data. A change to a
-- child row is logged as an upsert of the record it belongs to.
CREATE TABLE change_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    op        TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX change_log_entity ON change_log(entity, seq);

-- A bundle: queued in the same transaction that read its records; the zip is kept as it was
-- made, so every retry sends the same bytes under the same bundle_id (the idempotency key).
-- It covers the change log's (since_seq, upto_seq]; since_bundle is the delivered bundle it
-- follows (manifest "since"). Delivered only with a receipt.
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
CREATE INDEX outbox_bundle_due ON outbox_bundle(status, next_attempt_at);
CREATE INDEX outbox_bundle_target ON outbox_bundle(target_id, kind, status);

-- What each target's last receipt covered, per kind: the change log up to seq.
CREATE TABLE target_watermark (
    target_id   INTEGER NOT NULL REFERENCES delivery_target(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq >= 0),
    bundle_id   TEXT,                  -- the delivered bundle whose receipt set it
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (target_id, kind)
) STRICT, WITHOUT ROWID;

-- The triggers -------------------------------------------------------------------------
-- deviations: the deviation, its injury, measures (and their notes) and status history
CREATE TRIGGER change_deviation_insert AFTER INSERT ON deviation BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', NEW.id, 'upsert');
END;
CREATE TRIGGER change_deviation_update AFTER UPDATE ON deviation BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', NEW.id, 'upsert');
END;
CREATE TRIGGER change_deviation_delete AFTER DELETE ON deviation BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', OLD.id, 'delete');
END;
CREATE TRIGGER change_deviation_injury_insert AFTER INSERT ON deviation_injury BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', NEW.deviation_id, 'upsert');
END;
CREATE TRIGGER change_deviation_injury_update AFTER UPDATE ON deviation_injury BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', NEW.deviation_id, 'upsert');
END;
CREATE TRIGGER change_deviation_injury_delete AFTER DELETE ON deviation_injury
WHEN EXISTS (SELECT 1 FROM deviation WHERE id = OLD.deviation_id) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', OLD.deviation_id, 'upsert');
END;
CREATE TRIGGER change_deviation_action_insert AFTER INSERT ON deviation_action BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', NEW.deviation_id, 'upsert');
END;
CREATE TRIGGER change_deviation_action_update AFTER UPDATE ON deviation_action BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', NEW.deviation_id, 'upsert');
    INSERT INTO change_log (entity, entity_id, op) SELECT 'deviation', OLD.deviation_id, 'upsert'
        WHERE OLD.deviation_id <> NEW.deviation_id;
END;
CREATE TRIGGER change_deviation_action_delete AFTER DELETE ON deviation_action
WHEN EXISTS (SELECT 1 FROM deviation WHERE id = OLD.deviation_id) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', OLD.deviation_id, 'upsert');
END;
CREATE TRIGGER change_deviation_action_note_insert AFTER INSERT ON deviation_action_note BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        SELECT 'deviation', deviation_id, 'upsert' FROM deviation_action WHERE id = NEW.action_id;
END;
CREATE TRIGGER change_deviation_action_note_update AFTER UPDATE ON deviation_action_note BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        SELECT 'deviation', deviation_id, 'upsert' FROM deviation_action WHERE id = NEW.action_id;
END;
CREATE TRIGGER change_deviation_action_note_delete AFTER DELETE ON deviation_action_note BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        SELECT 'deviation', deviation_id, 'upsert' FROM deviation_action WHERE id = OLD.action_id;
END;
CREATE TRIGGER change_deviation_status_insert AFTER INSERT ON deviation_status_history BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', NEW.deviation_id, 'upsert');
END;
CREATE TRIGGER change_deviation_status_update AFTER UPDATE ON deviation_status_history BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', NEW.deviation_id, 'upsert');
END;
CREATE TRIGGER change_deviation_status_delete AFTER DELETE ON deviation_status_history
WHEN EXISTS (SELECT 1 FROM deviation WHERE id = OLD.deviation_id) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('deviation', OLD.deviation_id, 'upsert');
END;

-- chemicals: holdings, and products (their components, statements and data sheets) as
-- 'chemical_product' — the chemicals payload sends the holdings of a changed product too
CREATE TRIGGER change_chemical_holding_insert AFTER INSERT ON chemical_holding BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('chemical_holding', NEW.id, 'upsert');
END;
CREATE TRIGGER change_chemical_holding_update AFTER UPDATE ON chemical_holding BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('chemical_holding', NEW.id, 'upsert');
END;
CREATE TRIGGER change_chemical_holding_delete AFTER DELETE ON chemical_holding BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('chemical_holding', OLD.id, 'delete');
END;
CREATE TRIGGER change_chemical_product_insert AFTER INSERT ON chemical_product BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('chemical_product', NEW.id, 'upsert');
END;
CREATE TRIGGER change_chemical_product_update AFTER UPDATE ON chemical_product BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('chemical_product', NEW.id, 'upsert');
END;
CREATE TRIGGER change_chemical_product_delete AFTER DELETE ON chemical_product BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('chemical_product', OLD.id, 'delete');
END;
CREATE TRIGGER change_chemical_component_insert AFTER INSERT ON chemical_component BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('chemical_product', NEW.product_id, 'upsert');
END;
CREATE TRIGGER change_chemical_component_update AFTER UPDATE ON chemical_component BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('chemical_product', NEW.product_id, 'upsert');
END;
CREATE TRIGGER change_chemical_component_delete AFTER DELETE ON chemical_component
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
CREATE TRIGGER change_chemical_statement_delete AFTER DELETE ON chemical_statement
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
CREATE TRIGGER change_chemical_sds_delete AFTER DELETE ON chemical_sds
WHEN EXISTS (SELECT 1 FROM chemical_product WHERE id = OLD.product_id) BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('chemical_product', OLD.product_id, 'upsert');
END;

-- sources: the source, its status history and leak tests
CREATE TRIGGER change_radiation_source_insert AFTER INSERT ON radiation_source BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('radiation_source', NEW.id, 'upsert');
END;
CREATE TRIGGER change_radiation_source_update AFTER UPDATE ON radiation_source BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('radiation_source', NEW.id, 'upsert');
END;
CREATE TRIGGER change_radiation_source_delete AFTER DELETE ON radiation_source BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('radiation_source', OLD.id, 'delete');
END;
CREATE TRIGGER change_radiation_status_insert AFTER INSERT ON radiation_source_status BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('radiation_source', NEW.source_id, 'upsert');
END;
CREATE TRIGGER change_radiation_status_update AFTER UPDATE ON radiation_source_status BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('radiation_source', NEW.source_id, 'upsert');
END;
CREATE TRIGGER change_radiation_status_delete AFTER DELETE ON radiation_source_status
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
CREATE TRIGGER change_radiation_leak_test_delete AFTER DELETE ON radiation_leak_test
WHEN EXISTS (SELECT 1 FROM radiation_source WHERE id = OLD.source_id) BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        VALUES ('radiation_source', OLD.source_id, 'upsert');
END;

-- rounds: a round is sent once it is completed or reported, and again when it (its
-- findings — the action plan —, answers, rooms, participants, photos, rechecks) changes
-- after that. A round going back from completed is logged too (its new state goes out).
CREATE TRIGGER change_hse_round_insert AFTER INSERT ON hse_round
WHEN NEW.status IN ('completed', 'reported') BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('hse_round', NEW.id, 'upsert');
END;
CREATE TRIGGER change_hse_round_update AFTER UPDATE ON hse_round
WHEN NEW.status IN ('completed', 'reported') OR OLD.status IN ('completed', 'reported') BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('hse_round', NEW.id, 'upsert');
END;
CREATE TRIGGER change_hse_round_delete AFTER DELETE ON hse_round
WHEN OLD.status IN ('completed', 'reported') BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('hse_round', OLD.id, 'delete');
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
CREATE TRIGGER change_round_finding_delete AFTER DELETE ON round_finding
WHEN EXISTS (SELECT 1 FROM hse_round WHERE id = OLD.round_id
             AND status IN ('completed', 'reported')) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('hse_round', OLD.round_id, 'upsert');
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
CREATE TRIGGER change_round_answer_delete AFTER DELETE ON round_answer BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        SELECT 'hse_round', r.id, 'upsert' FROM round_room rr JOIN hse_round r ON r.id = rr.round_id
        WHERE rr.id = OLD.round_room_id AND r.status IN ('completed', 'reported');
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
CREATE TRIGGER change_round_room_delete AFTER DELETE ON round_room
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
CREATE TRIGGER change_round_participant_delete AFTER DELETE ON round_participant
WHEN EXISTS (SELECT 1 FROM hse_round WHERE id = OLD.round_id
             AND status IN ('completed', 'reported')) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('hse_round', OLD.round_id, 'upsert');
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
CREATE TRIGGER change_round_photo_delete AFTER DELETE ON round_photo BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        SELECT 'hse_round', r.id, 'upsert' FROM round_room rr JOIN hse_round r ON r.id = rr.round_id
        WHERE rr.id = OLD.round_room_id AND r.status IN ('completed', 'reported');
END;
CREATE TRIGGER change_finding_recheck_insert AFTER INSERT ON finding_recheck BEGIN
    INSERT INTO change_log (entity, entity_id, op)
        SELECT 'hse_round', r.id, 'upsert' FROM round_finding f JOIN hse_round r ON r.id = f.round_id
        WHERE f.id = NEW.finding_id AND r.status IN ('completed', 'reported');
END;

-- What exists today is logged once, so a target's first bundle of a kind (since 0) holds
-- every record of it, and every later bundle only what changed.
INSERT INTO change_log (entity, entity_id, op) SELECT 'deviation', id, 'upsert' FROM deviation ORDER BY id;
INSERT INTO change_log (entity, entity_id, op)
    SELECT 'chemical_product', id, 'upsert' FROM chemical_product ORDER BY id;
INSERT INTO change_log (entity, entity_id, op)
    SELECT 'chemical_holding', id, 'upsert' FROM chemical_holding ORDER BY id;
INSERT INTO change_log (entity, entity_id, op)
    SELECT 'radiation_source', id, 'upsert' FROM radiation_source ORDER BY id;
INSERT INTO change_log (entity, entity_id, op)
    SELECT 'hse_round', id, 'upsert' FROM hse_round
    WHERE status IN ('completed', 'reported') ORDER BY id;
