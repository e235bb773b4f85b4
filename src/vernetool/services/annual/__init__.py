"""Annual HSE reporting: the year's questionnaire, the units' answers, the aggregation."""
