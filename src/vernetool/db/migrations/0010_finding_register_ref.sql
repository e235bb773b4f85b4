-- vernetool schema 10: a round finding can point at the register entry it concerns — a
-- chemical holding, a radiation source or a biological agent's use in a room. It touches only
-- round_finding (schema 2) and reads none of schema 9's changes.
-- `register_kind` ∈ holding | source | agent names the table (chemical_holding,
-- radiation_source, bio_agent_use), `register_id` the row. There is no foreign key: a register
-- entry may later be disposed of or (a holding) deleted, and the finding must keep saying what
-- it was about, so `register_label` keeps the entry's label as it was when the finding pointed
-- at it ("Acetone (Lab cupboard 2)", "Cs-137 Kilde A (1234)", "E. coli K-12").
ALTER TABLE round_finding ADD COLUMN register_kind TEXT
    CHECK (register_kind IS NULL OR register_kind IN ('holding', 'source', 'agent'));
ALTER TABLE round_finding ADD COLUMN register_id INTEGER;
ALTER TABLE round_finding ADD COLUMN register_label TEXT NOT NULL DEFAULT '';
CREATE INDEX round_finding_register ON round_finding(register_kind, register_id)
    WHERE register_kind IS NOT NULL;
