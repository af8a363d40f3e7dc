"""Reorganisations (issue 15 point 1): merge, split and abolish units in one audited operation that moves the ceased
units' open work (cases, feedback, consultation legs), staff accounts and procedures to their successors."""
