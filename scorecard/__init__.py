"""Turn a year's evaluation-by-product spreadsheets into a Vietnamese intranet site."""

__version__ = "0.1.0"
