"""The toolkit drafter: a board's blank form (its FormDocument) into a toolkit YAML to check.

It writes toolkits from the reading modules' vocabulary; it knows nothing of scores or the app.
"""
