"""Home pages, navigation, the language switch and the health check."""
