"""synews: query a curated, sourced dataset of news events and attributed statements."""

__version__ = "0.1.0"
