"""Values cards: the pure checks, the LLM critique, drafts, submission, the information boundary."""
