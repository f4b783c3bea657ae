"""Running a deliberation: creating and editing it, its questions and situations, its lifecycle."""
