"""Protecting personal data at rest (identity numbers): no Qt, no SQL."""
