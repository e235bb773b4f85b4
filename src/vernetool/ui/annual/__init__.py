"""The Annual reporting area: the unit's questionnaire answered together, and the HSE
section's aggregate of the units' answers."""
