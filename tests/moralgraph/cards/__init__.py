"""Values cards: the pure checks, the LLM critique, drafts, submission and the information boundary."""
