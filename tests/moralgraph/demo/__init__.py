"""The demo deliberation and its loader."""
