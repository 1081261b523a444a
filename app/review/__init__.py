"""Review decisions on gaps (status, comment, history; those typed into the workbook) and users.

It keeps what people decided; it neither reads returns nor renders pages.
"""
