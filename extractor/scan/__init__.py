"""The scan reader: a scanned or photographed page (image or image-only PDF) into the FormDocument.

Pixels, grids, tick boxes and OCR stay here; it knows nothing of toolkits.
"""

from extractor.scan.reader import read_scan

__all__ = ["read_scan"]
