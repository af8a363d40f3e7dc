"""Realistic demo data for Gia Nghĩa town in 2019 (`flask seed-demo`): seed.py runs the loaders, one module per
domain (procedures, cases, cases_recent, satisfaction, feedback, feedback_close, surveys, plan) and constants.py
holds what they share. Dependencies point one way: demo imports the domains' services, no domain imports demo."""
