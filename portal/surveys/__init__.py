"""Periodic anonymous satisfaction surveys (SIPAS style, DOMAIN.md §6 item 2)."""
