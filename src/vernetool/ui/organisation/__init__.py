"""Organisation."""
