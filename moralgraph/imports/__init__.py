"""Imports: MAI's raw dumps (values and votes) and published summaries, into a deliberation."""
