"""Tunables of `s11 batch --cluster`: the submission window, reader recycling, connecting, and
the per-format costs that order the work longest first."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClusterSettings:
    # Files in flight per worker thread: enough to keep every thread busy while a result
    # travels back (a round trip is 4 processes: driver, scheduler, worker, reader; on a busy
    # machine 2 a thread left threads idle, tests/bench/bench_cluster.py), few enough that the
    # driver never holds the whole folder's futures or results. The scheduler hands them out
    # in submission order (longest first) as threads free up.
    window_per_thread: int = 8
    min_window: int = 16
    # A reader child is replaced after this many files (what a long-lived reader leaks
    # in fragmented memory or caches is given back); 0 never.
    recycle_after: int = 200
    # Seconds to reach the scheduler and to see at least one worker there.
    connect_seconds: float = 20.0
    # Seconds a fresh reader child may take to start (and, with `warm_up`, to load the
    # readers, toolkits and lemmas) before its first file: not counted against --timeout.
    warm_seconds: float = 120.0
    warm_up: bool = True
    # Measured costs (tests/bench/bench_cluster.py, one core): the order of the work only.
    scan_page_seconds: float = 2.4
    pdf_page_seconds: float = 0.23
    office_seconds: float = 0.25
    # A PDF whose pages cannot be counted from its bytes (compressed object streams):
    # its pages guessed from its size.
    bytes_per_pdf_page: int = 60_000
    # Pages counted in a TIFF at most (a chain of image directories that loops ends here).
    max_tiff_pages: int = 1000

    def __post_init__(self) -> None:
        if self.window_per_thread < 1 or self.min_window < 1:
            raise ValueError("the submission window must hold at least one file")
        if self.recycle_after < 0:
            raise ValueError("recycle_after must be 0 (never) or more")


SETTINGS = ClusterSettings()
