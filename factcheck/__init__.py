"""factcheck: claim-level cross-checking of news articles."""

__version__ = "0.1.0"
