"""Qt item models over repository queries (paged for big tables; filtering done in SQL)."""
