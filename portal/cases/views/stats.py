"""stats views of one-stop cases."""
