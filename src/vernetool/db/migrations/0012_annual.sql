-- vernetool schema 12: the annual HSE reporting (DESIGN "Annual HSE reporting"): a unit's
-- report for a year, answered together by the line manager and the safety rep, and its
-- answers, each with the pre-filled answer the data proposed when it was answered.

-- A unit's report for a year. status 'submitted': the answers file was submitted and nothing
-- has changed since; 'draft' with submitted_at set: changed since it was submitted (the
-- submitted file stays in submitted_json — what the outbox sends — until submitted again).
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
CREATE INDEX annual_report_unit ON annual_report(unit_id, year);

-- One answer: a code of the question or free text. prefill_*: what the data proposed when it
-- was answered (NULL: nothing); confirmed = the proposal taken as it was, changed = another
-- answer given where the data proposed one.
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

-- The change log (migration 11): a report is sent when it is submitted, and again when it is
-- submitted anew; drafts and their answers are never logged.
CREATE TRIGGER change_annual_report_insert AFTER INSERT ON annual_report
WHEN NEW.status = 'submitted' BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('annual_report', NEW.id, 'upsert');
END;
CREATE TRIGGER change_annual_report_update AFTER UPDATE ON annual_report
WHEN NEW.status = 'submitted' AND (NEW.submitted_at IS NOT OLD.submitted_at
                                   OR NEW.submitted_json IS NOT OLD.submitted_json) BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('annual_report', NEW.id, 'upsert');
END;
CREATE TRIGGER change_annual_report_delete AFTER DELETE ON annual_report
WHEN OLD.submitted_at IS NOT NULL BEGIN
    INSERT INTO change_log (entity, entity_id, op) VALUES ('annual_report', OLD.id, 'delete');
END;
