"""The batch machinery: the runner, its worker pool, the folder lock and the SQLite store.

It runs the pipeline over many files and keeps their outcomes; it renders no report.
"""
