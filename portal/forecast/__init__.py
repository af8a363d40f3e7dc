"""Breach forecast for open one-stop cases (issue 18): the chance of missing the legal due day and a likely
finishing day, from the centre's own history, with its reasons in words; trained by `flask forecast train`,
measured by `flask forecast backtest`."""
