"""Reporting pages, one module per sub-domain (dashboard, statistics, criteria, api)."""
