"""Statistics services: numbers with plain SQL, charts with matplotlib's Figure API (lazily)."""
