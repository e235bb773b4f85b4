"""The annual HSE reporting's tables (schema 12): reports, answers, and the reads of a unit's
facts the pre-filled answers come from."""
