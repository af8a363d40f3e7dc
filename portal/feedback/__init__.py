"""Phản ánh, kiến nghị: submission, handling, deadlines, published answers and their figures."""
