"""The pages, one test module per web module."""
