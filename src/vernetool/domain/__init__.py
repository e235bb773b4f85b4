"""Plain-Python domain: dataclasses, enums and rules. No Qt, no SQL."""
