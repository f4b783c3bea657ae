"""Participation: joining a deliberation through its invite link, participants, demographics."""
