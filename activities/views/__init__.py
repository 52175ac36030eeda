"""The logbook's pages, split by sub-domain."""
