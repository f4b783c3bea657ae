"""Moderation of a deliberation's content: flags, participants' reports, moderators' decisions."""
