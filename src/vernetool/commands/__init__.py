"""One module per command of the scriptable interface (see cli.py)."""
