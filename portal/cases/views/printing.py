"""printing views of one-stop cases."""
