"""Vocational training documents: certificates."""
