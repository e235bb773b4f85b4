"""The registers: chemicals, exposure (and later radiation, biological agents)."""
