"""desk views of one-stop cases."""
