"""Conflict news as data."""
