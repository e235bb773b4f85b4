"""Deviations."""
