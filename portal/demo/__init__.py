"""Realistic demo data for Gia Nghĩa town in 2019."""
