-- vernetool schema 4: the file says it is a vernetool database. PRAGMA application_id
-- (https://sqlite.org/fileformat.html#application_id) is 0x766E746C, "vntl"; a restore and
-- every opening refuse an SQLite file of another program by it. No table changes.
PRAGMA application_id = 1986950252;
