"""The figures every page shares: the indicators' labels and formulas (formulas.py), the figure card
(templates/statistics/_indicator.html) and the open-data API /api/v1/statistics/* (api.py)."""
