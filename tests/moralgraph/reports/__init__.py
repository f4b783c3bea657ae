"""Reports on whose values win."""
