"""The Word reader: a .docx (tables, paragraphs, tick boxes, shading) into the FormDocument.

Word's XML stays here; it knows nothing of toolkits, mappings or scores.
"""

from extractor.docx.reader import read_docx

__all__ = ["read_docx"]
