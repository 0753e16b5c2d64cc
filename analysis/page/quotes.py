"""Direct quotations in body paragraphs and their speakers."""

from __future__ import annotations

from analysis.page.patterns import (
    AFTER_QUOTE_RE,
    BEFORE_QUOTE_RE,
    BEFORE_VERBS,
    NAME_RUN_RE,
    PRONOUNS,
    QUOTE_CHARS_RE,
    SPEAKER_AFTER_CLAUSE_RE,
)
from analysis.page.records import Quote

__all__ = ["ends_with_before_verb", "extract_quotes", "speaker_after"]


def speaker_after(rest: str) -> str | None:
    """The speaker named right after a speech verb (``kata Peskov, seperti ...`` -> ``Peskov``)."""
    rest = rest.lstrip(" ,")
    first = rest.split(" ", 1)[0].lower().strip(",.")
    if first in PRONOUNS:
        return first
    m = NAME_RUN_RE.match(rest)
    if m:
        return m.group(0).rstrip(".,")
    m = SPEAKER_AFTER_CLAUSE_RE.match(rest)
    if m:
        return m.group("who")
    return None


def ends_with_before_verb(window: str) -> bool:
    """Whether ``window`` ends like BEFORE_QUOTE_RE needs: a verb, then ``bahwa``, ``,``, ``:`` or spaces."""
    tail = window.rstrip().rstrip(",:").rstrip().rstrip(",:").rstrip()
    if tail.endswith("bahwa"):
        tail = tail[:-5].rstrip()
    return tail.endswith(BEFORE_VERBS)


def extract_quotes(n: int, text: str, last_speaker: str | None) -> tuple[list[Quote], str | None]:
    """The direct quotations of paragraph ``n`` and the last speaker named (pronouns resolve to it)."""
    if '"' not in text and "“" not in text and "”" not in text:
        return [], last_speaker
    marks = [m.start() for m in QUOTE_CHARS_RE.finditer(text)]
    quotes: list[Quote] = []
    for a, b in zip(marks[::2], marks[1::2], strict=False):
        inner = text[a + 1 : b].strip()
        if len(inner.split()) < 4:
            continue  # scare quotes, titles
        speaker = verb = None
        m = AFTER_QUOTE_RE.match(text, b + 1)
        if m:
            verb = m.group("verb")
            speaker = last_speaker if verb.lower().endswith("nya") else speaker_after(m.group("rest"))
        elif ends_with_before_verb(text[max(0, a - 150) : a]):
            mb = BEFORE_QUOTE_RE.search(text[max(0, a - 150) : a])
            if mb:
                speaker, verb = mb.group("who"), mb.group("verb")
        if speaker is not None and speaker.lower() in PRONOUNS:
            speaker = last_speaker
        if speaker is not None:
            last_speaker = speaker
        quotes.append(Quote(n, speaker, inner.rstrip(",").strip(), verb))
    return quotes, last_speaker
