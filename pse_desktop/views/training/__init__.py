"""Vocational training screens."""
