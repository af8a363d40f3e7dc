"""The annual administrative-reform plan (kế hoạch CCHC): structure, progress, live indicators, reports
(DOMAIN.md §7–8)."""
