"""The API: the same rules as the pages, JSON errors, exports, agents taking part."""
