"""lookup views of one-stop cases."""
