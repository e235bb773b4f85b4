"""The deviation statistics of a year: the numbers, the charts and the yearly report."""
