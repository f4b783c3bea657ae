"""Moderation: flags, reports, moderators' decisions, the audit log, pages and API."""
