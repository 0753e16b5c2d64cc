"""Helpers for analysing scraped (Indonesian) news pages as tidy pandas tables."""

from analysis.corpus import Corpus, iter_chunks, load_corpus, read_page_file
from analysis.dask_engine import DaskCorpus, map_pages
from analysis.dates import find_dates, find_timestamps, parse_timestamp
from analysis.events import extract_events, furniture_times
from analysis.page import Page, parse_page
from analysis.related import find_entities, recommend_links, score_links, sidebar_verdicts
from analysis.render import render_reports
from analysis.store import open_corpus, read_corpus, write_corpus
from analysis.topics import HeadlineTopics, collect_headlines
from analysis.urls import join_manifest, parse_url, read_manifest

__all__ = [
    "Corpus",
    "HeadlineTopics",
    "Page",
    "collect_headlines",
    "load_corpus",
    "parse_page",
    "read_page_file",
    "find_timestamps",
    "join_manifest",
    "parse_timestamp",
    "parse_url",
    "read_manifest",
    "find_entities",
    "recommend_links",
    "render_reports",
    "score_links",
    "sidebar_verdicts",
    "DaskCorpus",
    "iter_chunks",
    "map_pages",
    "open_corpus",
    "read_corpus",
    "write_corpus",
    "find_dates",
    "extract_events",
    "furniture_times",
]
