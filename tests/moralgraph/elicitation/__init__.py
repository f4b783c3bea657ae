"""The LLM interview toward a values card."""
