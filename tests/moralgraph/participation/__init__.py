"""Joining a deliberation, consent, and demographics."""
