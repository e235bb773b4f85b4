"""Report services: PDFs built with reportlab (no Qt), charts with matplotlib's Figure API."""
