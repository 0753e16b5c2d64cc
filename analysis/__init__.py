"""Helpers for analysing scraped (Indonesian) news pages as tidy pandas tables."""

from analysis.dates import find_timestamps, parse_timestamp
from analysis.urls import join_manifest, parse_url, read_manifest

__all__ = [
    "find_timestamps",
    "join_manifest",
    "parse_timestamp",
    "parse_url",
    "read_manifest",
]
