"""Delivery to the central systems: targets, the outbox, sync."""
