"""The working-day calendar: holidays, swapped days, counting."""
