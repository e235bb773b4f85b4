"""The chemical register and the exposure register: types and rules (no Qt, no SQL)."""
