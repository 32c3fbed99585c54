"""The dataset as people write it: TOML files, their fields, and the rules they follow."""
