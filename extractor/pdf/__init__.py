"""The PDF reader: characters, ruling lines, boxes, fills and form widgets into the FormDocument.

PDF objects stay here (image-only pages go to the scan reader); it knows nothing of toolkits.
"""

from extractor.pdf.reader import read_pdf

__all__ = ["read_pdf"]
