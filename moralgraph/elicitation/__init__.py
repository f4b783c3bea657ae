"""Elicitation: the LLM interview that helps a participant find and word a values card."""
