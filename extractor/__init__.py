"""Readers: Word, PDF and Excel returns into one FormDocument."""
