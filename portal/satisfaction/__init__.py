"""Satisfaction: per-case ratings (tablet, QR/online, paper), TT 01/2018 scores, the manager dashboard and
the public figures (DOMAIN.md §6). Survey campaigns live in portal/surveys."""
