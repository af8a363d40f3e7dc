"""One-stop cases (hồ sơ một cửa): intake, work, returns, lateness, apologies and their figures."""
