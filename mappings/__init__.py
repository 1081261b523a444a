"""Toolkits as data, the drafter, and reading: detection, alignment, answers, confidence.

It reads the FormDocument only: never a file format's XML or PDF objects, nor scores or the app.
"""
