"""Scores, grades, gaps, the JSON contract, reports and the command line."""
