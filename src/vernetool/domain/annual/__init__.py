"""Annual HSE reporting (DESIGN.md "Annual HSE reporting"): the yearly questionnaire as data,
a unit's answers and their aggregation into the annual report's tables."""
