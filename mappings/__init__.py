"""Toolkits as data, normalisation, toolkit detection, row alignment and answer reading."""
