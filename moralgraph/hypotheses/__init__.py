"""Upgrade hypotheses: stories of someone moving from one value to a wiser one, and which to show."""
