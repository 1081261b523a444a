"""What s11 writes for people: the gap workbook and CSV, HTML pages, board summary, trend, marker.

It renders results and decisions already in the store; it reads no return.
"""
