"""Benchmark: the consolidated conflict timeline against a reference chronology and our own labels.

    python benchmarks/bench_timeline.py [--scale N]

Data (ids, line numbers and dates only; no page text):

- ``benchmarks/data/karabakh_chronology.csv``: the reference chronology of the 2020 war, written from
  public knowledge (fighting begins 27 Sep; truces of 10 Oct, 17-18 Oct, 25-26 Oct; Shusha 8 Nov;
  trilateral statement 9 Nov in force 10 Nov; Russian peacekeepers from 10 Nov), each event with the
  event types that can stand for it.
- ``benchmarks/data/karabakh_mentions.csv``: every dated mention in the bodies of the Karabakh pages of
  ``../shared/corpus`` (manifest topic ``karabakh``), labelled by hand, before any tuning, by position
  (doc_id, 1-based line, 0-based column, length) with its true dates, its role (``event``,
  ``citation``: the date of a cited report, ``background``) and the real-world event it dates.

A mention of ``extract_events`` is matched to a label when it is on the label's line and its
expression overlaps the label's columns. Printed:

1. reference events found on the right day with a compatible type (a timeline event of the
   ``news`` era overlapping the reference event's days, one of its types among the reference's),
   against the reference events the pages date at all (some label dates them);
2. timeline events in the war window (27 Sep - 15 Nov 2020) against the real events behind them:
   consolidated events per real event;
3. pairwise precision / recall / F1 of the mention clustering against the labels' event ids;
4. events dated after their reports, and mentions that could not be checked;
5. citation dates taken as events (timeline mentions labelled ``citation``);
6. date accuracy of matched mentions (start day equals the label's; weekday typos apart);
7. with ``--scale N``: consolidating N generated mentions, seconds and peak memory.
"""

from __future__ import annotations

import argparse
import itertools
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

import analysis
from analysis.events import load_lexicon

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"
DATA = REPO / "benchmarks" / "data"
WAR = (pd.Timestamp("2020-09-27"), pd.Timestamp("2020-11-15 23:59:59"))


def load_labels() -> pd.DataFrame:
    labels = pd.read_csv(DATA / "karabakh_mentions.csv", dtype={"doc_id": str, "event_id": str, "note": str})
    labels["start"] = pd.to_datetime(labels["start"])
    labels["end"] = pd.to_datetime(labels["end"]) + pd.Timedelta(hours=23, minutes=59, seconds=59)
    labels["typo"] = labels["note"].fillna("").str.contains("weekday mismatch")
    return labels


def locate(mentions: pd.DataFrame, corpus: analysis.Corpus) -> pd.DataFrame:
    """Line and column of each mention's expression in its raw page file."""
    lines_of: dict[str, list[str]] = {}
    start_line = corpus.paragraphs.set_index(["doc_id", "n"])["line_start"]
    lines, cols = [], []
    for d, n, expr, off in zip(mentions["doc_id"], mentions["paragraph"], mentions["expression"],
                               mentions["offset"], strict=True):
        if d not in lines_of:
            path = Path(corpus.pages.set_index("doc_id").at[d, "path"])
            lines_of[d] = path.read_text(encoding="utf-8").splitlines()
        line = int(start_line[(d, n)])
        raw = lines_of[d][line - 1]
        hits = [i for i in range(len(raw)) if raw.startswith(expr, i)]
        lines.append(line)
        cols.append(min(hits, key=lambda i: abs(i - off)) if hits else -1)
    return mentions.assign(line=lines, col=cols)


def match(mentions: pd.DataFrame, labels: pd.DataFrame) -> pd.Series:
    """Index of the label each mention overlaps (-1 when none)."""
    out = []
    for d, line, col, expr in zip(mentions["doc_id"], mentions["line"], mentions["col"], mentions["expression"],
                                  strict=True):
        cand = labels[(labels["doc_id"] == d) & (labels["line"] == line)]
        hit = cand[(cand["col"] < col + len(expr)) & (cand["col"] + cand["length"] > col)] if col >= 0 else cand[:0]
        out.append(int(hit.index[0]) if len(hit) else -1)
    return pd.Series(out, index=mentions.index)


def pairwise(pred: list[object], gold: list[str]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for (p1, g1), (p2, g2) in itertools.combinations(zip(pred, gold, strict=True), 2):
        same_p, same_g = p1 == p2, g1 == g2
        tp += same_p and same_g
        fp += same_p and not same_g
        fn += same_g and not same_p
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def quality() -> None:
    manifest = pd.read_csv(SHARED / "manifest.tsv", sep="\t", dtype=str)
    files = [str(SHARED / f) for f in manifest.loc[manifest["topic"] == "karabakh", "file"]]
    corpus = analysis.load_corpus(files, metadata=SHARED / "manifest.tsv")
    events = analysis.extract_events(corpus)
    timeline, mentions = analysis.consolidate_events(events, with_mentions=True)
    labels = load_labels()
    chron = pd.read_csv(DATA / "karabakh_chronology.csv", parse_dates=["start", "end"])
    chron["end"] += pd.Timedelta(hours=23, minutes=59, seconds=59)
    mentions = locate(mentions, corpus)
    mentions["label"] = match(mentions, labels)
    print(f"{len(files)} Karabakh pages: {len(events)} mentions -> {len(timeline)} timeline events "
          f"({(timeline['era'] == 'news').sum()} news, {(timeline['era'] == 'background').sum()} background); "
          f"{len(labels)} labelled mentions, {int((mentions['label'] >= 0).sum())} of them matched by a mention.")

    # 1. reference events on their day. "Datable": a label on a page that gives a reference of some kind
    # (date line, URL, furniture, its own dates) or whose expression holds its year; on the other pages
    # only outside knowledge dates the event (page 001 prints no date at all; 005's only date is a typo).
    refs = analysis.page_references(corpus).set_index("doc_id")["reference_source"]
    has_year = [bool(re.search(r"(?:19|20)\d\d", Path(corpus.pages.set_index("doc_id").at[d, "path"]).read_text(
        encoding="utf-8").splitlines()[line - 1][col:col + n])) for d, line, col, n in
        zip(labels["doc_id"], labels["line"], labels["col"], labels["length"], strict=True)]
    labels["datable"] = (labels["doc_id"].map(refs).fillna("none") != "none") | pd.Series(has_year)
    usable = (labels["role"] == "event") & ~labels["typo"]
    dated = set(labels.loc[usable, "event_id"]) & set(chron["event_id"])
    datable = set(labels.loc[usable & labels["datable"], "event_id"]) & set(chron["event_id"])
    news = timeline[timeline["era"] == "news"]
    rows = []
    for r in chron.itertuples(index=False):
        types = set(r.event_types.split("|"))
        hit = news[(news["start"] <= r.end) & (news["end"] >= r.start)
                   & news["event_types"].map(lambda ts, types=types: bool(types & set(ts)))]
        rows.append({"event": r.event_id, "dated_by_pages": r.event_id in dated,
                     "datable_from_pages": r.event_id in datable, "found": len(hit) > 0,
                     "timeline_events": ", ".join(map(str, hit["event_id"]))})
    ref = pd.DataFrame(rows)
    found = int((ref["dated_by_pages"] & ref["found"]).sum())
    found_datable = int((ref["datable_from_pages"] & ref["found"]).sum())
    print(f"\n1. Reference events found on their day with a compatible type: {found_datable} of {len(datable)} "
          f"that the pages date themselves; {found} of {len(dated)} that the labels date (with outside "
          f"knowledge); {int(ref['found'].sum())} of {len(ref)} in the chronology")
    print(ref.to_string(index=False))

    # 2. fragmentation in the war window
    in_war = mentions[(mentions["event_id"].notna()) & (mentions["start"] <= WAR[1]) & (mentions["end"] >= WAR[0])]
    war_events = timeline[(timeline["start"] <= WAR[1]) & (timeline["end"] >= WAR[0]) & (timeline["era"] == "news")]
    lab = in_war[in_war["label"] >= 0]
    real = labels.loc[lab["label"], "event_id"]
    real = real[labels.loc[lab["label"], "role"].to_numpy() == "event"]
    n_real = real.nunique()
    print(f"\n2. War window {WAR[0]:%d %b} - {WAR[1]:%d %b %Y}: {len(war_events)} timeline events; the labelled "
          f"mentions behind them date {n_real} real events -> {len(war_events) / max(n_real, 1):.2f} "
          "consolidated events per real event (goal <= 1.2)")

    # 3. pairwise F1 over matched event mentions that reach the timeline
    ev = mentions[(mentions["label"] >= 0) & mentions["event_id"].notna()]
    ev = ev[labels.loc[ev["label"], "role"].to_numpy() != "citation"]
    p, r, f = pairwise(list(ev["event_id"]), list(labels.loc[ev["label"], "event_id"]))
    print(f"\n3. Mention clustering, {len(ev)} labelled mentions on the timeline: pairwise precision {p:.2f}, "
          f"recall {r:.2f}, F1 {f:.2f}")

    # 4. after their reports
    after = timeline[timeline["first_reported"].notna()
                     & (timeline["start"] > timeline["first_reported"].dt.normalize() + pd.Timedelta(days=1))]
    flagged = int(events["after_report"].fillna(False).sum())
    unchecked = int(events["after_report"].isna().sum())
    print(f"\n4. Timeline events dated after their first report: {len(after)}; mentions flagged after their "
          f"report and left out: {flagged}; mentions that could not be checked (page without an exact or "
          f"month report date): {unchecked} of {len(events)}")

    # 5. citation dates as events
    cit_labels = labels[labels["role"] == "citation"]
    on_timeline = mentions[(mentions["label"] >= 0) & mentions["event_id"].notna()]
    as_events = int((labels.loc[on_timeline["label"], "role"] == "citation").sum())
    tagged = mentions[(mentions["label"] >= 0) & mentions["citation"]]
    print(f"\n5. Citation dates taken as events: {as_events}; labelled citation dates {len(cit_labels)}, "
          f"of which mentions flagged citation: {int(labels.loc[tagged['label'], 'role'].eq('citation').sum())}; "
          f"flagged citations the labels call events: {int(labels.loc[tagged['label'], 'role'].ne('citation').sum())}")

    # 6. date accuracy
    m = mentions[(mentions["label"] >= 0)].copy()
    lab = labels.loc[m["label"]].reset_index(drop=True)
    m = m.reset_index(drop=True)
    usable = ~lab["typo"] & lab["start"].notna()
    resolved = usable & m["start"].notna()
    ok = (m["start"].dt.normalize() == lab["start"]) | ((m["start"] >= lab["start"]) & (m["end"] <= lab["end"]))
    print(f"\n6. Dates of matched mentions: {int((ok & resolved).sum())} right (inside the label's interval) of "
          f"{int(resolved.sum())} resolved ({(ok & resolved).sum() / max(resolved.sum(), 1):.2f}); "
          f"{int((usable & ~resolved).sum())} left unresolved (no reference to resolve against); "
          f"weekday typos apart: {int(lab['typo'].sum())}")
    wrong = m[resolved & ~ok]
    if len(wrong):
        print(wrong[["doc_id", "line", "col", "start", "end"]].assign(
            label_start=lab.loc[wrong.index, "start"].dt.date).to_string(index=False))
    unmatched = labels[~labels.index.isin(mentions["label"]) & (labels["role"] == "event")]
    print(f"\nLabelled event mentions no extracted mention matches: {len(unmatched)} of "
          f"{int((labels['role'] == 'event').sum())} (no trigger word, no date resolved, or outside the body)")


def generated_mentions(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` synthetic mentions over two years: 40 actors, 12 types, dates clustered around events."""
    rng = np.random.default_rng(seed)
    types = list(load_lexicon().table["event_type"])
    actors = [f"Actor {i}" for i in range(40)]
    n_events = max(n // 5, 1)
    days = pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 730, n_events), unit="D")
    which = rng.integers(0, n_events, n)
    start = days[which] + pd.to_timedelta(rng.integers(0, 2, n), unit="D")
    ev_type = np.array(types)[rng.integers(0, len(types), n_events)][which]
    acts = [tuple(actors[j] for j in rng.choice(40, 2, replace=False)) for _ in range(n)]
    return pd.DataFrame({
        "doc_id": [f"d{i // 4}" for i in range(n)], "paragraph": rng.integers(1, 10, n),
        "sentence": "", "expression": "", "start": start, "end": start + pd.Timedelta(hours=23, minutes=59),
        "granularity": "day", "event_type": ev_type, "actors": acts, "citation": False,
        "after_report": pd.array([False] * n, dtype="boolean"), "weekday_mismatch": pd.NA,
        "reported": start + pd.Timedelta(days=1), "resolution": "as written", "actors_source": "sentence",
    })


def scale(n: int) -> None:
    mentions = generated_mentions(n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    timeline = analysis.consolidate_events(mentions)
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"SCALE {n} generated mentions -> {len(timeline)} events in {secs:.1f} s "
          f"({n / secs:,.0f} mentions/s); peak RSS {peak:,.0f} MiB (before {before:,.0f} MiB); goal < 10 s, < 1 GB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=100_000, help="generated mentions to consolidate (0: skip)")
    parser.add_argument("--scale-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale_only:
        scale(args.scale)
        return
    if SHARED.exists():
        quality()
    else:
        print(f"{SHARED} is absent: quality figures skipped")
    if args.scale:  # in a fresh process, so its peak memory is the consolidation's own
        print()
        subprocess.run([sys.executable, __file__, "--scale", str(args.scale), "--scale-only"], check=True)


if __name__ == "__main__":
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        main()
