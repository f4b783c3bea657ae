"""Accounts and platform-wide roles (staff admin, moderator); per-deliberation roles live in the apps."""
