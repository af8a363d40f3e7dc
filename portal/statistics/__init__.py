"""The figures that cross domains: the open-data API /api/v1/statistics/* (api.py) and QĐ 766's "unhappy" case
(cases_766.py), plus the figure card every page shares (templates/statistics/_indicator.html). Each indicator's
label and formula is written once in its domain (cases.formulas, feedback.formulas, satisfaction.formulas)."""
