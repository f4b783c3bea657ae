"""Upgrade stories: generated, written and selected for participants."""
