"""Legitimacy surveys."""
