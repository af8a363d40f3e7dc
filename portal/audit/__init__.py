"""The audit log: who did what, when (staff pages)."""
