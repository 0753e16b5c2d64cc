"""Helpers for analysing scraped (Indonesian) news pages as tidy pandas tables."""

from analysis.dates import find_timestamps, parse_timestamp

__all__ = [
    "find_timestamps",
    "parse_timestamp",
]
