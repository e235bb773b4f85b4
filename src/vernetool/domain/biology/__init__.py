"""Biological register rules: agents, risk groups and notes, notification, workers register,
vaccination, biosafety cabinets, and the built-in catalogue. Plain Python, no Qt, no SQL."""
