"""Administrative units and their hierarchy."""
