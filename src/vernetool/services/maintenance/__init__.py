"""Keeping the store healthy: opening it for a command, backup and restore, integrity checks."""
