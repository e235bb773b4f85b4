"""The Sync area: the central systems this database delivers to, the outbox of bundles with
their receipts or failures, and "Sync now" in the background (services.delivery)."""
