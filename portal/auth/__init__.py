"""Staff accounts, roles, sign-in and password rules."""
