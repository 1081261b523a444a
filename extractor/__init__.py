"""Readers: Word, PDF, Excel and scanned returns into one FormDocument (a folder per format).

It knows file formats only: never a toolkit, an item, a score or the application.
"""
