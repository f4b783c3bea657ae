"""Webhooks for labs: signed event deliveries with retries and a log (see README.md)."""
