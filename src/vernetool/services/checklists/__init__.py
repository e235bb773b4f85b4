"""Checklist templates as use cases: list, open, save a new version, import/export JSON."""
