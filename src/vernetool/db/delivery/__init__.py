"""Delivery's tables (migration 11): targets, the change log, the outbox, watermarks."""
