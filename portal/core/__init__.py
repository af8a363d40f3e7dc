"""Shared machinery that knows no domain."""
