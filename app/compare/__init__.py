"""One audit cycle against the last: loads both folders' results and pairs agencies and items.

It touches files (results, stores, names files); the per-item rules are pure, in scoring.cycle.
"""
