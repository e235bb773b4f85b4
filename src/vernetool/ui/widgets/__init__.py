"""Reusable widgets and helpers shared by the screens."""
