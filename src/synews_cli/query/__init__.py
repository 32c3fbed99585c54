"""Questions asked of a dataset: filters, links between items, overviews and search."""
