"""Page URLs and crawl manifests: site, section and the date a URL encodes.

Scraped corpora usually come with a manifest (CSV/TSV) that lists, per fetched page, its file name
and URL. This module reads such a manifest (:func:`read_manifest`), derives metadata from each URL
(:func:`parse_url`) and joins it onto the ``pages`` table by file name (:func:`join_manifest`).

What a URL tells
----------------
``host``
    The host, lower-cased, with mobile/AMP/www variants folded: a leading ``www.``, ``m.``,
    ``mobile.`` or ``amp.`` label is dropped (``m.tribunnews.com`` -> ``tribunnews.com``).
    Regional and brand subdomains are kept (``jogja.tribunnews.com``, ``sosok.grid.id``).
``site``
    The registered domain (public suffix + one label) from the Public Suffix List as bundled by the
    ``publicsuffixlist`` package (no download at run time), so ``jogja.tribunnews.com`` ->
    ``tribunnews.com`` and ``internasional.republika.co.id`` -> ``republika.co.id`` (``.co.id``,
    ``.or.id``, ``.go.id``, ``.ac.id``, ``.web.id``, ``.my.id``, ``.sch.id`` ... are public suffixes).
    Regional subdomains therefore fold into one site; ``host`` keeps them apart.
``section``
    The newsroom desk when the URL shows one: the first leading path segment that is a word rather
    than an id, date or slug, after skipping generic markers (``read``, ``berita``, ``amp``, ``foto``
    ...; see :data:`GENERIC_SEGMENTS`), e.g. ``/internasional/2023/...`` -> ``internasional``,
    ``/berita/nasional/660bd.../`` -> ``nasional``. Otherwise a subdomain label from the known
    desk names :data:`SECTION_SUBDOMAINS` (``internasional.republika.co.id`` -> ``internasional``);
    regional subdomains (``jogja.``) and brands (``sosok.grid.id``) give none.
``url_date``, ``url_date_granularity``
    The publication date the path encodes, from the pattern table :data:`URL_DATE_PATTERNS`
    (first valid match wins), as naive WIB wall-clock time like the rest of :mod:`analysis.dates`;
    granularity ``"second"``, ``"day"`` or ``"month"``. Missing: ``NaT`` and ``None``.

Only ``http``/``https`` URLs (or scheme-less ``host/path``) are read; anything else (empty,
``mailto:``, ``ftp://``, unparsable) gives all-missing values instead of an error, so one bad
manifest row never stops a load.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path, PureWindowsPath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pandas as pd

from analysis.dates import WIB

if TYPE_CHECKING:
    from publicsuffixlist import PublicSuffixList

__all__ = [
    "FOLDED_HOST_LABELS",
    "GENERIC_SEGMENTS",
    "SECTION_SUBDOMAINS",
    "URL_COLUMNS",
    "URL_DATE_PATTERNS",
    "join_manifest",
    "parse_url",
    "read_manifest",
]

URL_COLUMNS = ("host", "site", "section", "url_date", "url_date_granularity")
"""Keys of :func:`parse_url`'s result, i.e. the columns :func:`read_manifest` adds."""

FOLDED_HOST_LABELS = frozenset({"www", "m", "mobile", "amp"})
"""Leading host labels that only mark a mobile/AMP/www variant of the same host."""

GENERIC_SEGMENTS = frozenset({
    # article markers: /read/..., /berita/<id>/, /a/<id>.html, /detail-news/<id>/
    "read", "baca", "berita", "artikel", "article", "news-detail", "detail", "detail-news", "a", "p",
    "post", "amp",
    # content formats, not desks: /foto/internasional/...
    "foto", "photo", "galeri", "gallery", "video", "videos", "infografis",
    # language switches
    "id", "en",
})
"""Leading path segments skipped when looking for a section."""

SECTION_SUBDOMAINS = frozenset({
    "internasional", "international", "dunia", "global", "world", "nasional", "news", "berita",
    "ekonomi", "economy", "bisnis", "business", "finance", "keuangan", "money", "market",
    "olahraga", "sport", "sports", "bola", "tekno", "tech", "teknologi", "inet", "otomotif", "oto",
    "hiburan", "entertainment", "seleb", "celebrity", "lifestyle", "gayahidup", "health", "sehat",
    "kesehatan", "travel", "food", "kuliner", "politik", "hukum", "megapolitan", "metro", "daerah",
    "regional", "nusantara", "edukasi", "sains",
})
"""Subdomain labels that name a desk (``internasional.republika.co.id``); any other label is a
region or brand (``jogja.tribunnews.com``, ``sosok.grid.id``) and gives no section."""

_SECTION_SEGMENT_RE = re.compile(r"^[a-z]+(?:-[a-z]+){0,2}$")  # internasional, gaya-hidup; not slugs/ids

# Each pattern is searched in "<folded host><path without amp segments>", e.g.
# "kompas.com/global/read/2022/08/23/061500570/-populer-global-...". Named groups: y, m, d and
# optionally H, M, S (wall-clock, WIB), or `uniqid` (8 hex digits of Unix seconds, UTC).
URL_DATE_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    # Kompas: date, then a 9-digit id whose first six digits are the time (hhmmss).
    # Example: kompas.com/global/read/2022/08/23/061500570/slug -> 2022-08-23 06:15:00
    ("kompas-read", re.compile(
        r"(?:^|\.)kompas\.com/(?:[\w-]+/)*read/(?P<y>(?:19|20)\d\d)/(?P<m>\d\d)/(?P<d>\d\d)/"
        r"(?P<H>[0-2]\d)(?P<M>[0-5]\d)(?P<S>[0-5]\d)\d{3}(?:/|$)"), "second"),
    # CNN/CNBC Indonesia: a 14-digit timestamp, then channel and id.
    # Example: cnnindonesia.com/internasional/20201010123015-113-557021/slug -> 2020-10-10 12:30:15
    ("timestamp-id", re.compile(
        r"/(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?P<H>[0-2]\d)(?P<M>[0-5]\d)(?P<S>[0-5]\d)"
        r"-\d+-\d+(?:/|$)"), "second"),
    # Katadata: the article id is PHP uniqid(): 8 hex digits of Unix seconds (UTC) + 5 of microseconds.
    # Example: katadata.co.id/berita/nasional/660bd88fdda16/slug -> 2024-04-02 17:06:07 (WIB)
    ("katadata-uniqid", re.compile(
        r"(?:^|\.)katadata\.co\.id/(?:[\w-]+/)*(?P<uniqid>[0-9a-f]{8})[0-9a-f]{5}(?:/|$)"), "second"),
    # Year/month/day directories (WordPress, Tribun, Okezone, Poskota, RMOL ...).
    # Example: sinarpost.com/2020/11/11/slug/ -> 2020-11-11;
    #          news.okezone.com/read/2021/02/11/18/2360302/slug -> 2021-02-11
    ("y/m/d", re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]\d)/(?P<d>[0-3]\d)(?:/|$)"), "day"),
    # Compact date, then channel and id (Bisnis.com).
    # Example: bisnis.com/read/20230921/19/1697222/slug -> 2023-09-21
    ("yyyymmdd/channel/id", re.compile(
        r"/(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)/\d{1,3}/\d+(?:/|$)"), "day"),
    # Year/month directories, then a numeric article id (Grid network).
    # Example: sosok.grid.id/read/2023/11/412387109/slug -> 2023-11
    ("y/m/id", re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]\d)/\d{5,}(?:/|$)"), "month"),
    # Year/month directories only (WordPress month permalinks).
    # Example: example.or.id/2020/10/slug/ -> 2020-10
    ("y/m", re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]\d)/(?!\d)"), "month"),
)
"""Ordered ``(name, regex, granularity)`` table of URL forms that encode a publication date."""


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    """The bundled Public Suffix List (ICANN and private sections), loaded once on first use."""
    from publicsuffixlist import PublicSuffixList  # imported here so `import analysis` never needs it

    return PublicSuffixList()


def _empty() -> dict[str, object]:
    return {"host": None, "site": None, "section": None, "url_date": pd.NaT, "url_date_granularity": None}


def _split(url: str) -> tuple[str, str] | None:
    """(host, path) of an http(s) or scheme-less URL, else None."""
    url = url.strip()
    if not url or any(c.isspace() for c in url):
        return None
    if "://" not in url and not url.startswith("//"):
        if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.IGNORECASE) and not re.match(r"^[^/:]+:\d", url):
            return None  # mailto:, javascript:, ... (but host:port is fine)
        url = "//" + url
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # e.g. "http://[::1"
        return None
    if parts.scheme not in ("", "http", "https") or not host:
        return None
    host = host.rstrip(".")
    if "." not in host and host != "localhost":
        return None
    return host, parts.path


def _registered_domain(host: str) -> str:
    if re.fullmatch(r"[\d.]+|[0-9a-f:]+", host):  # IP address
        return host
    return _psl().privatesuffix(host) or host


def _fold_host(host: str, site: str) -> str:
    labels = host[: -len(site)].rstrip(".").split(".") if host != site else []
    while labels and labels[0] in FOLDED_HOST_LABELS:
        labels.pop(0)
    return ".".join([*labels, site])


def _section(segments: list[str], host: str, site: str) -> str | None:
    for i, seg in enumerate(segments):
        if seg in GENERIC_SEGMENTS:
            continue
        if i < len(segments) - 1 and len(seg) <= 30 and _SECTION_SEGMENT_RE.match(seg):
            return seg
        break
    for label in host[: -len(site)].split("."):
        if label in SECTION_SUBDOMAINS:
            return label
    return None


def _url_date(target: str) -> tuple[pd.Timestamp, str | None]:
    for _name, pattern, granularity in URL_DATE_PATTERNS:
        for m in pattern.finditer(target):
            g = m.groupdict()
            try:
                if g.get("uniqid"):
                    value = pd.Timestamp(int(g["uniqid"], 16), unit="s") + WIB
                    if not 2000 <= value.year <= 2100:
                        continue
                else:
                    value = pd.Timestamp(
                        year=int(g["y"]), month=int(g["m"]), day=int(g.get("d") or 1),
                        hour=int(g.get("H") or 0), minute=int(g.get("M") or 0), second=int(g.get("S") or 0),
                    )
            except ValueError:  # 2020/13/45, 25:61 ...
                continue
            return value, granularity
    return pd.NaT, None


def parse_url(url: str) -> dict[str, object]:
    """Site, host, section and encoded publication date of one page URL.

    Parameters
    ----------
    url : str
        An ``http``/``https`` URL (or ``host/path`` without a scheme). Query string and fragment
        are ignored.

    Returns
    -------
    dict
        Keys :data:`URL_COLUMNS`: ``host`` (folded host), ``site`` (registered domain),
        ``section`` (str or None), ``url_date`` (pd.Timestamp, naive WIB, or NaT) and
        ``url_date_granularity`` (``"second"``, ``"day"``, ``"month"`` or None). A URL that cannot
        be read (empty, not http, no host) gives ``None``/``NaT`` everywhere; it never raises.

    Examples
    --------
    >>> r = parse_url("https://m.tribunnews.com/internasional/2023/09/21/demo-di-armenia")
    >>> r["host"], r["site"], r["section"], r["url_date"], r["url_date_granularity"]
    ('tribunnews.com', 'tribunnews.com', 'internasional', Timestamp('2023-09-21 00:00:00'), 'day')
    """
    out = _empty()
    split = _split(url) if isinstance(url, str) else None
    if split is None:
        return out
    raw_host, path = split
    site = _registered_domain(raw_host)
    host = _fold_host(raw_host, site)
    segments = [s for s in path.lower().split("/") if s and s != "amp"]
    url_date, granularity = _url_date(host + "/" + "/".join(segments) + ("/" if path.endswith("/") else ""))
    out.update(
        host=host, site=site, section=_section(segments, host, site),
        url_date=url_date, url_date_granularity=granularity,
    )
    return out


def _sniff_delimiter(text: str) -> str:
    header = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return csv.Sniffer().sniff(header, delimiters="\t,;|").delimiter
    except csv.Error:
        return "\t" if "\t" in header else ","


def _suffix_clashes(df: pd.DataFrame, taken: set[str], suffix: str = "_manifest") -> pd.DataFrame:
    """Rename columns of ``df`` whose names are in ``taken`` to ``<name>_manifest``."""
    return df.rename(columns={c: f"{c}{suffix}" for c in df.columns if c in taken})


def read_manifest(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a crawl manifest (CSV or TSV) and add the URL metadata of :func:`parse_url`.

    Parameters
    ----------
    path : str or path-like
        A delimited text file (tab, comma, semicolon or pipe: sniffed from the header line) with a
        header row. It needs a ``file`` column naming each page's file (``001.txt``; when no column
        is called ``file``, the first column is taken, unless it is ``url``) and a ``url`` column.
        Column names are matched case-insensitively; a UTF-8 BOM, CRLF line ends and blank lines
        are tolerated.

    Returns
    -------
    pandas.DataFrame
        One row per manifest row, in file order: ``file``, ``url``, every other column of the file
        (a column that clashes with :data:`URL_COLUMNS`, e.g. the manifest's own ``site``, is kept
        as ``<name>_manifest``), then :data:`URL_COLUMNS`. Dtypes match the loader's tables:
        ``url_date`` is ``datetime64[ns]``, every other column ``string``.

    Raises
    ------
    ValueError
        When the file has no ``url`` column, or no column that can be the ``file`` column.
    """
    text = Path(path).read_text(encoding="utf-8-sig")
    df = pd.read_csv(
        io.StringIO(text), sep=_sniff_delimiter(text), dtype=str, keep_default_na=False,
        skip_blank_lines=True, skipinitialspace=True,
    )
    df.columns = [str(c).strip() for c in df.columns]
    lower = {c.lower(): c for c in df.columns}
    if "url" not in lower:
        raise ValueError(f"manifest {path}: no 'url' column (columns: {list(df.columns)})")
    file_col = lower.get("file")
    if file_col is None:
        if df.columns[0] == lower["url"]:
            raise ValueError(f"manifest {path}: no 'file' column (columns: {list(df.columns)})")
        file_col = df.columns[0]
    df = df.rename(columns={file_col: "file", lower["url"]: "url"})
    df = df.apply(lambda col: col.str.strip())
    df = df[(df != "").any(axis=1)].reset_index(drop=True)  # whitespace-only lines
    df = _suffix_clashes(df, set(URL_COLUMNS))
    meta = pd.DataFrame([parse_url(u) for u in df["url"]], columns=list(URL_COLUMNS), index=df.index)
    others = [c for c in df.columns if c not in ("file", "url")]
    out = pd.concat([df[["file", "url", *others]], meta], axis=1).astype("string")
    out["url_date"] = pd.to_datetime(meta["url_date"]).astype("datetime64[ns]")
    return out


def _file_name(value: str) -> str:
    return PureWindowsPath(value).name  # handles "/" and "\" separators


def _shown_name(name: str, doc_id: object) -> str:
    """How a page is named in a mismatch report: its file name, or in a subfolder its relative path."""
    if isinstance(doc_id, str) and "/" in doc_id:
        return doc_id.rsplit("/", 1)[0] + "/" + name
    return name


def join_manifest(pages: pd.DataFrame, manifest: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Attach manifest columns to ``pages`` by file name, and report what did not match.

    Parameters
    ----------
    pages : pandas.DataFrame
        The ``pages`` table; needs ``doc_id`` (the file stem, or in subfolders the path relative to
        the corpus folder without ``.txt``: ``kompas/001``) and ``path``.
    manifest : pandas.DataFrame
        As returned by :func:`read_manifest` (needs a ``file`` column). A manifest file matches the
        page whose ``doc_id`` it names, with or without ``.txt`` and with ``/`` or ``\\``
        separators (``kompas/001.txt``, ``001``); folders in front of that are ignored
        (``crawl/kompas/001.txt``). Otherwise it matches the one page whose file has the same name
        (``001.txt`` for ``kompas/001``), when only one has.

    Returns
    -------
    pages_with_meta : pandas.DataFrame
        ``pages``, same rows and order, plus every manifest column except ``file`` (missing values
        where a page has no manifest row). A manifest column whose name ``pages`` already has is
        added as ``<name>_manifest``; the page's own value is never overwritten.
    report : pandas.DataFrame
        Columns ``problem, file, doc_id``, one row per mismatch: ``"no_page"`` (manifest row whose
        file is not among the pages), ``"no_manifest_row"`` (page not in the manifest),
        ``"duplicate_manifest_row"`` (a later row for a file already listed; the first row is
        used). Empty when everything matches. Mismatches are never an error.
    """
    page_names = pages["path"].astype(str).map(_file_name)
    name_counts = Counter(page_names)
    by_name = {n: d for n, d in zip(page_names, pages["doc_id"], strict=True) if name_counts[n] == 1}
    ids = set(pages["doc_id"].dropna())

    def key(value: str) -> str | None:
        parts = [p for p in value.replace("\\", "/").split("/") if p and p != "."]
        if not parts:
            return None
        last = parts[-1]
        parts[-1] = last[:-4] if last.lower().endswith(".txt") and len(last) > 4 else last
        for i in range(len(parts)):  # the longest tail of the path that is a doc_id
            candidate = "/".join(parts[i:])
            if candidate in ids:
                return candidate
        return by_name.get(last)

    keys = manifest["file"].astype(str).map(key)
    dup = keys.notna() & keys.duplicated()
    report = [("no_page", f, None) for f, k in zip(manifest["file"], keys, strict=True) if pd.isna(k)]
    report += [("duplicate_manifest_row", f, k)
               for f, k in zip(manifest["file"][dup], keys[dup], strict=True)]
    matched = set(keys.dropna())
    report += [("no_manifest_row", _shown_name(n, d), d) for n, d in zip(page_names, pages["doc_id"], strict=True)
               if d not in matched]

    meta = manifest[keys.notna() & ~dup].drop(columns="file")
    meta = _suffix_clashes(meta, set(pages.columns))
    meta.insert(0, "_doc_id", keys[keys.notna() & ~dup])
    merged = pages.merge(meta, how="left", left_on="doc_id", right_on="_doc_id", validate="many_to_one")
    merged = merged.drop(columns="_doc_id")
    merged.index = pages.index
    return merged, pd.DataFrame(report, columns=["problem", "file", "doc_id"], dtype="string")
