-- vernetool schema 9: the room card's warning signs. Besides the GHS pictograms a door sign
-- carries the ionising-radiation, laser and biohazard signs; until now the card had no field
-- for them (a check searched the card's texts for words). `warning_signs` holds the signs as
-- comma-separated keys in this order: radiation,laser,biohazard ('' = none). The domain
-- (vernetool.domain.organisation.WARNING_SIGNS) validates the keys.
ALTER TABLE room_card ADD COLUMN warning_signs TEXT NOT NULL DEFAULT '';

-- Backfill: a card stored before this schema shows a sign when its special hazards, activity,
-- other information or hazards after an incident name it — the words the checks of schema 8
-- looked for (domain.checks.SIGN_WORDS of that version) — so a card that agreed with the
-- registers before the upgrade still agrees after it. LIKE folds ASCII letters only, so the
-- words with å/ø are also given with the capital letter (STRÅLING, RØNTGEN).
-- A sign is only backfilled where the room's registers also call for it (a held ionising
-- source, a held class 3B/4 laser, an agent of risk group 2 or more in use): words alone
-- ("UV-stråling", "laser pointer") must never put a sign on a printed door card.
UPDATE room_card SET warning_signs = 'radiation'
WHERE EXISTS (
    SELECT 1 FROM (VALUES ('radiation'), ('radioactiv'), ('ionising'), ('ionizing'),
                          ('isotop'), ('x-ray'), ('stråling'), ('strÅling'), ('strålekild'),
                          ('strÅlekild'), ('radioaktiv'), ('røntgen'), ('rØntgen'))
    WHERE (special_hazards || ' ' || activity_type || ' ' || other_info || ' '
           || unsafe_after_incident) LIKE '%' || column1 || '%')
  AND EXISTS (
    SELECT 1 FROM radiation_source s
    WHERE s.room_id = room_card.room_id AND s.disposed_on IS NULL
      AND s.kind NOT IN ('laser', 'ipl', 'mri'));

UPDATE room_card SET warning_signs = ltrim(warning_signs || ',laser', ',')
WHERE (special_hazards || ' ' || activity_type || ' ' || other_info || ' '
       || unsafe_after_incident) LIKE '%laser%'
  AND EXISTS (
    SELECT 1 FROM radiation_source s
    WHERE s.room_id = room_card.room_id AND s.disposed_on IS NULL
      AND s.kind = 'laser' AND s.laser_class IN ('3B', '4'));

UPDATE room_card SET warning_signs = ltrim(warning_signs || ',biohazard', ',')
WHERE EXISTS (
    SELECT 1 FROM (VALUES ('biohazard'), ('biological'), ('biologisk'), ('smitte'),
                          ('biosafety'), ('mikroorg'))
    WHERE (special_hazards || ' ' || activity_type || ' ' || other_info || ' '
           || unsafe_after_incident) LIKE '%' || column1 || '%')
  AND EXISTS (
    SELECT 1 FROM bio_agent_use u JOIN bio_agent a ON a.id = u.agent_id
    WHERE u.room_id = room_card.room_id AND u.ended_on IS NULL AND a.risk_group >= 2);
