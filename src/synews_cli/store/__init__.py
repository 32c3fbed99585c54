"""The one store: an SQLite database built from the TOML files, kept in step with them."""
