"""The application layer by role: cli/, batch/, reports/, review/, compare/, service/.

It drives the pipeline and keeps people's decisions; it never reaches into a reader's internals.
"""
