"""Values cards: the checks a card must pass and the services that write cards."""
