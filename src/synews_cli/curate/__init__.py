"""Curation tools: finding quotations in text, checking quotes against sources, drafting
dataset TOML from an article."""
