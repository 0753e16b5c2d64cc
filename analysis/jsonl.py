"""JSON lines (Scrapy feed exports, news-please): one page per line.

A line is a JSON object in one of three documented forms, tried in this order:

- news-please: ``title``, ``maintext``, and optionally ``description`` (the lead), ``date_publish``
  and ``url``;
- text: ``text`` (the page as a text dump) and optionally ``title``, ``url``, ``published``;
- HTML: ``html`` (the page's markup, read like an ``.html`` file) and optionally ``url``.

:func:`index_jsonl` is the first pass (byte offsets of every :data:`LINES_PER_SLICE`-th line), so
workers read slices of one file on their own (:func:`read_jsonl_slice`); :func:`jsonl_record`
turns one line into what the loader parses, or says why it cannot.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import NamedTuple

__all__ = ["LINES_PER_SLICE", "JsonlRecord", "index_jsonl", "jsonl_record", "read_jsonl_slice"]

#: Lines per slice of a file (the unit a worker reads; chunks group slices).
LINES_PER_SLICE = 50
TEXT_FIELDS = ("maintext", "text")
TIME_FIELDS = ("date_publish", "published", "date")


class JsonlRecord(NamedTuple):
    """What one line gives: a text dump or HTML, and its URL and publication time as written."""

    text: str | None  # a text dump (title, blank line, lead, body)
    html: str | None  # markup, for the HTML form
    url: str | None
    published: str | None


def index_jsonl(path: str | os.PathLike, every: int = LINES_PER_SLICE) -> list[tuple[int, int, int]]:
    """``(first line number, byte offset, lines)`` of every slice of a JSON-lines file."""
    slices: list[list[int]] = []
    offset = 0
    with open(path, "rb") as f:
        for n, line in enumerate(f):
            if n % every == 0:
                slices.append([n + 1, offset, 0])
            slices[-1][2] += 1
            offset += len(line)
    return [tuple(s) for s in slices]


def read_jsonl_slice(path: str | os.PathLike, offset: int, count: int, first: int) -> Iterator[tuple[int, bytes]]:
    """``(line number, bytes)`` of the ``count`` lines from byte ``offset`` on, numbered from ``first``."""
    with open(path, "rb") as f:
        f.seek(offset)
        yield from zip(range(first, first + count), f, strict=False)


def _field(obj: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = obj.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def jsonl_record(line: bytes) -> tuple[JsonlRecord | None, str | None]:
    """One line -> ``(record, None)``, or ``(None, why not)``; a blank line is ``(None, None)``.

    The text dump of the news-please form is the title, the lead and the main text with each of
    their lines a paragraph (blank-line separated, as in the dumps); the text form's ``text`` is
    taken as it is, after its ``title`` when it does not start with it.
    """
    if not line.strip():
        return None, None
    try:
        obj = json.loads(line)
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 ({exc.reason} at byte {exc.start})"
    except json.JSONDecodeError as exc:
        return None, f"not JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(obj, dict):
        return None, f"a JSON {type(obj).__name__}, not an object"
    url = _field(obj, ("url", "source_url"))
    published = _field(obj, TIME_FIELDS)
    body = _field(obj, TEXT_FIELDS)
    if body is None:
        html = _field(obj, ("html",))
        if html is None:
            return None, "no 'maintext', 'text' or 'html' field with text"
        return JsonlRecord(None, html, url, published), None
    title = _field(obj, ("title",))
    if _field(obj, ("maintext",)) is None:  # the text form: a dump as it is, after its title
        first = body.lstrip().split("\n", 1)[0].strip()
        text = body if title is None or first == title else f"{title}\n\n{body}"
        return JsonlRecord(text, None, url, published), None
    parts = [title, _field(obj, ("description",)), body]
    paragraphs = [p.strip() for part in parts if part for p in part.splitlines() if p.strip()]
    return JsonlRecord("\n\n".join(paragraphs), None, url, published), None
