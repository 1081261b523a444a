"""The application layer: command line, batch runner, worker pool, store, reports, board summary."""
