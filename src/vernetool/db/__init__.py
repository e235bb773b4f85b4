"""The store: the only package with SQL in it."""
