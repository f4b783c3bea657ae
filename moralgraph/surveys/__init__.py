"""Legitimacy surveys: what participants say of the process and of where their value landed."""
