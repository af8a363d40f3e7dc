"""Warnings to staff before a case slips past its due day or its last apology day (issue 18), sent through
the outbox as one morning digest per person, each warning recorded once per case and step and in the case's
trail."""
