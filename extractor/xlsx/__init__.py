"""The Excel readers: .xlsx (openpyxl) and legacy .xls (xlrd) sheets into the FormDocument.

Cell values, fills, lists and form controls stay here; it knows nothing of toolkits.
"""

from extractor.xlsx.reader import read_xlsx
from extractor.xlsx.xls import read_xls

__all__ = ["read_xls", "read_xlsx"]
