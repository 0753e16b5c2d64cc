"""Benchmark: analysis.find_dates against dateparser.search.search_dates on the hand-resolved set.

    /work/venv/bin/python benchmarks/bench_dates.py [--repeat N]

The set is tests/data/dates_gold.csv (expressions quoted from the seed and from ../shared/corpus,
each resolved by hand against the reference time given in the row). Both tools see the same texts
with the same reference time, in two modes: whole pages (one call per page) and single sentences
(one call per sentence holding a gold expression). For every gold expression:

- found: some returned expression overlaps it in the text;
- value correct: the overlapping result has the gold value. dateparser returns a datetime, which is
  compared at the gold's granularity and read generously: a day, month or year equal to the gold's,
  a date inside the gold week/weekend, the first day of a gold range, the date of a gold part of day.
  Durations (P6W) and vague references (PAST_REF) have no datetime, so dateparser can find them
  but never get their value.

Throughput is the best of ``--repeat`` timed passes over all texts (dateparser: best of 3, after
one warm-up call that loads its language data). ``iter_dates`` is the tagger itself;
``find_dates`` adds building a DataFrame per call; ``find_dates (batch)`` passes all texts at once.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import time
from pathlib import Path

import pandas as pd
from dateparser.search import search_dates

from analysis.dates import find_dates, iter_dates, sentence_spans

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD_CSV = REPO / "tests" / "data" / "dates_gold.csv"
HELDOUT_CSV = REPO / "benchmarks" / "data" / "dates_heldout.csv"  # positions in ../shared pages, frozen
HELDOUT_OWN_CSV = REPO / "benchmarks" / "data" / "dates_heldout_own.csv"  # our own sentences, frozen
DATEPARSER_SETTINGS = {"PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"}


def load_gold() -> tuple[list[dict], str]:
    """Gold rows whose page is available, each with its page text and character span."""
    rows, skipped = [], 0
    for row in csv.DictReader(GOLD_CSV.open(encoding="utf-8")):
        path = REPO / row["file"] if row["file"].startswith("seeds/") else SHARED / row["file"]
        if not path.exists():
            skipped += 1
            continue
        text = path.read_text(encoding="utf-8")
        context = row["context"] or row["expression"]
        pos = -1
        for _ in range(int(row["occurrence"])):
            pos = text.find(context, pos + 1)
        start = pos + context.index(row["expression"])
        row.update(page=text, span=(start, start + len(row["expression"])),
                   ref=dt.datetime.fromisoformat(row["reference"]), precision="exact")
        rows.append(row)
    note = f"{len(rows)} gold expressions" + (f" ({skipped} skipped: ../shared absent)" if skipped else "")
    return rows, note


def _reference(value: str, source: str) -> tuple[dt.datetime | None, str]:
    """A labelled reference (``2020-11-10``, ``2023-11`` or empty) and its precision."""
    if not value:
        return None, "exact"
    if len(value) == 7:
        return dt.datetime.fromisoformat(value + "-01"), "month"
    return dt.datetime.fromisoformat(value), "text" if source == "text" else "exact"


def load_heldout() -> tuple[list[dict], str]:
    """The frozen held-out expressions: positions in the shared pages, and our own sentences."""
    rows, skipped = [], 0
    for row in csv.DictReader(HELDOUT_CSV.open(encoding="utf-8")):
        path = SHARED / row["file"]
        if not path.exists():
            skipped += 1
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        start = sum(len(x) for x in lines[:int(row["line"]) - 1]) + int(row["col"])
        ref, precision = _reference(row["reference"], row["reference_source"])
        row.update(page=text, span=(start, start + int(row["length"])), ref=ref, precision=precision, part="pages")
        rows.append(row)
    for row in csv.DictReader(HELDOUT_OWN_CSV.open(encoding="utf-8")):
        start = row["sentence"].index(row["expression"])
        ref, precision = _reference(row["reference"], "")
        row.update(page=row["sentence"], span=(start, start + len(row["expression"])), ref=ref, precision=precision,
                   part="own sentences", file="own")
        rows.append(row)
    note = f"{len(rows)} held-out expressions" + (f" ({skipped} skipped: ../shared absent)" if skipped else "")
    return rows, note


def texts_for(rows: list[dict], mode: str) -> tuple[list[tuple], list[tuple[int, int, int]]]:
    """Unique (text, reference, precision) for a mode, and for each gold row (text index, start, end) in it."""
    texts: dict[tuple, int] = {}
    where = []
    for row in rows:
        s, e = row["span"]
        if mode == "page":
            key, off = (row["page"], row["ref"], row["precision"]), 0
        else:
            a, b = next((a, b) for a, b in sentence_spans(row["page"]) if a <= s < b)
            key, off = (row["page"][a:b], row["ref"], row["precision"]), a
        idx = texts.setdefault(key, len(texts))
        where.append((idx, s - off, e - off))
    return list(texts), where


def run_dateparser(text: str, ref: dt.datetime | None, _precision: str = "exact") -> list[tuple[int, int, dt.datetime]]:
    """dateparser's results as (start, end, datetime), located in order in the text."""
    settings = {**DATEPARSER_SETTINGS, **({"RELATIVE_BASE": ref} if ref is not None else {})}
    found = search_dates(text, languages=["id"], settings=settings) or []
    out, pos = [], 0
    for sub, value in found:
        i = text.find(sub, pos)
        if i < 0:
            i = text.find(sub)
        if i >= 0:
            out.append((i, i + len(sub), value.replace(tzinfo=None)))
            pos = i + len(sub)
    return out


def run_ours(text: str, ref: dt.datetime | None, precision: str = "exact") -> list[tuple[int, int, str]]:
    return [(t.offset, t.offset + len(t.text), t.value) for t in iter_dates(text, ref, precision)]


def dateparser_value_ok(gold: str, value: dt.datetime) -> bool:
    """Whether dateparser's datetime agrees with the gold TIMEX3 value (read generously)."""
    gold = gold.split("/")[0]  # ranges: the first day
    if gold.startswith(("P", "PAST", "PRESENT", "FUTURE")) or "X" in gold:
        return False
    if "-W" in gold:
        iso = value.isocalendar()
        same_week = f"{iso[0]:04d}-W{iso[1]:02d}" == gold[:8]
        return same_week and (not gold.endswith("-WE") or value.weekday() >= 5)
    if "T" in gold:
        day, clock = gold.split("T")
        if ":" in clock:
            return value.strftime("%Y-%m-%dT%H:%M") == gold
        return value.strftime("%Y-%m-%d") == day  # part of day: the date is enough
    fmt = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}[len(gold)]
    return value.strftime(fmt) == gold


def score(rows: list[dict], where: list[tuple[int, int, int]], results: list[list[tuple]], ours: bool) -> dict:
    found = correct = 0
    per_kind: dict[str, list[int]] = {}
    for row, (idx, s, e) in zip(rows, where, strict=True):
        hits = [r for r in results[idx] if r[0] < e and r[1] > s]
        ok = bool(hits) and any((r[2] == row["value"]) if ours else dateparser_value_ok(row["value"], r[2])
                                for r in hits)
        found += bool(hits)
        correct += ok
        k = per_kind.setdefault(row["kind"], [0, 0, 0])
        k[0] += 1
        k[1] += bool(hits)
        k[2] += ok
    n = len(rows)
    return {"recall": found / n, "value_accuracy": correct / n, "per_kind": per_kind}


def best_time(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def quality(rows: list[dict], dp: bool = True) -> dict:
    """Recall and value accuracy (ours, and dateparser's when ``dp``) on whole pages."""
    texts, where = texts_for(rows, "page")
    out = {"n": len(rows), "ours": score(rows, where, [run_ours(*t) for t in texts], True)}
    if dp:
        out["dateparser"] = score(rows, where, [run_dateparser(*t) for t in texts], False)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed passes for analysis (best is kept)")
    args = parser.parse_args()
    rows, note = load_gold()
    search_dates("9 November 2020", languages=["id"])  # warm-up: loads dateparser's language data
    table, kinds = [], []
    for mode in ("page", "sentence"):
        texts, where = texts_for(rows, mode)
        chars = sum(len(t[0]) for t in texts)
        dp_results = [run_dateparser(*t) for t in texts]
        our_results = [run_ours(*t) for t in texts]
        t_dp = best_time(lambda texts=texts: [run_dateparser(*t) for t in texts], 3)
        t_iter = best_time(lambda texts=texts: [list(iter_dates(*t)) for t in texts], args.repeat)
        t_frame = best_time(lambda texts=texts: [find_dates(*t) for t in texts], max(2, args.repeat // 2))
        t_batch = best_time(lambda texts=texts: find_dates([t[0] for t in texts], [t[1] for t in texts]),
                            max(2, args.repeat // 2))
        s_dp, s_ours = score(rows, where, dp_results, False), score(rows, where, our_results, True)
        for tool, s, secs in (("dateparser.search_dates", s_dp, t_dp), ("analysis.iter_dates", s_ours, t_iter),
                              ("analysis.find_dates", s_ours, t_frame),
                              ("analysis.find_dates (batch)", s_ours, t_batch)):
            table.append({"mode": mode, "tool": tool, "texts": len(texts), "chars": chars,
                          "recall": round(s["recall"], 3), "value_acc": round(s["value_accuracy"], 3),
                          "ms/text": round(secs / len(texts) * 1e3, 3),
                          "texts/s": round(len(texts) / secs), "kchars/s": round(chars / secs / 1e3),
                          "speed_x": round(t_dp / secs, 1)})
        for kind in sorted(s_ours["per_kind"]):
            n, f_o, c_o = s_ours["per_kind"][kind]
            _, f_d, c_d = s_dp["per_kind"][kind]
            kinds.append({"mode": mode, "kind": kind, "gold": n, "found_dateparser": f_d, "found_ours": f_o,
                          "correct_dateparser": c_d, "correct_ours": c_o})
    held, held_note = load_heldout()
    parts = [("tuned: tests/data/dates_gold.csv", rows)]
    parts += [(f"held-out: {part}", [r for r in held if r["part"] == part]) for part in ("pages", "own sentences")]
    parts.append(("held-out: all", held))
    honest = []
    for name, part in parts:
        q = quality(part)
        honest.append({"set": name, "expressions": q["n"],
                       "recall (ours)": round(q["ours"]["recall"], 3),
                       "value_acc (ours)": round(q["ours"]["value_accuracy"], 3),
                       "recall (dateparser)": round(q["dateparser"]["recall"], 3),
                       "value_acc (dateparser)": round(q["dateparser"]["value_accuracy"], 3)})
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(f"Load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (timings are noisy on a busy machine).")
        print(f"Hand-resolved set: {note}, {len({r['file'] for r in rows})} pages. "
              f"recall = share of gold expressions found; value_acc = share with the gold value; "
              f"speed_x = dateparser time / tool time on the same texts.\n")
        print(pd.DataFrame(table).to_string(index=False))
        print("\nBy kind:")
        print(pd.DataFrame(kinds).to_string(index=False))
        print(f"\nTuned against held out ({held_note}; labelled before any tuning and frozen; whole texts, "
              "each with its labelled reference):")
        print(pd.DataFrame(honest).to_string(index=False))
        held_kinds = quality(held, dp=False)["ours"]["per_kind"]
        print("\nHeld-out by kind (ours): " + "; ".join(
            f"{k} {c}/{n}" for k, (n, _, c) in sorted(held_kinds.items())))


if __name__ == "__main__":
    main()
