"""Wiser-than votes."""
