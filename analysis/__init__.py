"""Helpers for analysing scraped (Indonesian) news pages as tidy pandas tables.

The public API is re-exported here and imported on first use (PEP 562), so ``import analysis`` stays
cheap for worker processes and command-line tools that need only the loader.
"""

from __future__ import annotations

import importlib

#: public name -> module that defines it
_EXPORTS = {
    "Corpus": "tables", "iter_chunks": "corpus", "load_corpus": "corpus", "read_page_file": "chunks",
    "DaskCorpus": "dask_engine", "map_pages": "dask_engine",
    "find_dates": "dates", "find_timestamps": "dates", "parse_timestamp": "dates",
    "consolidate_events": "events", "extract_events": "events", "furniture_times": "events",
    "page_references": "events",
    "Page": "page", "parse_page": "page",
    "article_dates": "related", "find_entities": "related", "on_topic_links": "related",
    "recommend_links": "related", "score_links": "related", "sidebar_verdicts": "related",
    "render_reports": "render",
    "open_corpus": "corpus", "read_corpus": "corpus", "write_corpus": "corpus",
    "HeadlineTopics": "topics", "assign_topics": "topics", "collect_headlines": "topics",
    "join_manifest": "urls", "parse_url": "urls", "read_manifest": "urls",
    "build_index": "explore", "events_for": "explore", "links_for": "explore",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"analysis.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))

