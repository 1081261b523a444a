"""Scores, grades, gap rules, the per-item cycle rules and the JSON contract (Result, schema).

It is pure: it runs no process and touches no file but its schema, and knows nothing of the app.
"""
