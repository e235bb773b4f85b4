"""Radiation register rules: nuclides and half-lives, activity and decay, source kinds and DSA
statuses, laser classes, leak tests, doses and dose limits. Plain Python, no Qt, no SQL."""
