"""Pure moral-graph computation (numpy only); nothing under this package ever imports Django."""
