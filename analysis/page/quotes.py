"""Direct quotations in body paragraphs and their speakers."""

from __future__ import annotations

from analysis.page.patterns import (
    AFTER_QUOTE_RE,
    BEFORE_QUOTE_RE,
    BEFORE_VERBS,
    JOB_TITLE_RE,
    NAME_RUN_RE,
    NOT_SUBJECT_WORDS,
    ORG_HEADS,
    ORG_WORDS,
    PRONOUNS,
    QUOTE_CHARS_RE,
    QUOTE_LEAD_PRONOUNS,
    SENTENCE_BREAK_RE,
    SPEAKER_AFTER_CLAUSE_RE,
    SUBJECT_RE,
)
from analysis.page.records import Quote

__all__ = ["Context", "ends_with_before_verb", "extract_quotes", "last_subject", "person_in", "speaker_after"]


#: What the next paragraph's quotes may refer back to, as a plain tuple (one per paragraph, so cheap):
#: ``(speaker, previous)``, the last named speaker and the previous paragraph's text when it held no quotation
#: (searched for a named subject only when a ``-nya`` verb or a pronoun needs it).
Context = tuple[str | None, str]


def person_in(run: str) -> str:
    """The person of a speaker run that names an organisation first: ``Bank Nusantara Dewi Sari`` ->
    ``Dewi Sari``, ``Indonesia Political Review (IPR) Ujang Komaruddin`` -> ``Ujang Komaruddin``."""
    if ")" in run:
        after = run.rsplit(")", 1)[1].strip()
        if after[:1].isupper():
            return after
    words = run.split()
    if len(words) < 3 or words[0] not in ORG_HEADS:
        return run
    i = 1
    while i < len(words) and words[i] in ORG_WORDS:
        i += 1
    i += i == 1  # no organisation word after the head: its name is one word ("Bank Nusantara")
    rest = words[i:]
    return " ".join(rest) if rest and not any(w in ORG_WORDS for w in rest) else run


def clip_name(run: str) -> str:
    """A name run cut at the end of its sentence: ``Rudi. Rapat`` -> ``Rudi`` (``H.M. Prasetyo``, ``Dr. Sari``:
    initials and short titles go on)."""
    if ". " in run:
        words = run.split()
        for i, w in enumerate(words[:-1]):
            if w.endswith(".") and len(w) > 4 and "." not in w[:-1]:
                return " ".join(words[: i + 1]).rstrip(".")
    return run.rstrip(".,")


def speaker_after(rest: str) -> str | None:
    """The speaker named right after a speech verb (``kata Peskov, seperti ...`` -> ``Peskov``;
    ``kata analis Bank Nusantara Dewi Sari`` -> ``Dewi Sari``)."""
    rest = rest.lstrip(" ,")
    first = rest.split(" ", 1)[0].lower().strip(",.")
    if first in PRONOUNS:
        return first
    m = NAME_RUN_RE.match(rest)
    if m:
        return person_in(clip_name(m.group(0)))
    m = JOB_TITLE_RE.match(rest)
    if m and (mn := NAME_RUN_RE.match(rest, m.end())):
        return person_in(clip_name(mn.group(0)))
    m = SPEAKER_AFTER_CLAUSE_RE.match(rest)
    if m:
        return m.group("who")
    return None


def ends_with_before_verb(window: str) -> bool:
    """Whether ``window`` ends like BEFORE_QUOTE_RE needs: a verb, then ``bahwa``, a pronoun, ``,``, ``:``
    or spaces."""
    tail = window.rstrip().rstrip(",:").rstrip().rstrip(",:").rstrip()
    head_last = tail.rsplit(None, 1)
    if len(head_last) == 2 and head_last[1] in QUOTE_LEAD_PRONOUNS:
        tail = head_last[0]
    if tail.endswith("bahwa"):
        tail = tail[:-5].rstrip()
    return tail.endswith(BEFORE_VERBS)


def last_subject(text: str) -> str | None:
    """The last sentence subject of ``text`` that names someone (``Menteri Keuangan Hendra Gunawan menyambut
    ...``, ``Hendra mengatakan ...``), or None; not a pronoun, not ``Pada Senin ...``."""
    for sentence in reversed(SENTENCE_BREAK_RE.split(text)):
        m = SUBJECT_RE.match(sentence)
        if m:
            who = m.group("who")
            if who.split(" ", 1)[0] not in NOT_SUBJECT_WORDS and who.lower() not in PRONOUNS:
                return who
    return None


def referent(text: str, a: int, context: Context, spoken_at: int) -> str | None:
    """Who a ``-nya`` verb or a pronoun means in a quote starting at ``a``: the last subject named earlier in
    the paragraph after the last attributed quote (which ended at ``spoken_at``), else that quote's speaker,
    else the previous paragraph's last subject, else the last speaker."""
    speaker, previous = context
    subject = last_subject(text[spoken_at + 1 : a])
    if subject is not None:
        return subject
    if spoken_at >= 0:
        return speaker
    subject = last_subject(previous) if previous else None
    return subject if subject is not None else speaker


def attribute(text: str, a: int, b: int, context: Context, spoken_at: int) -> tuple[str | None, str | None]:
    """The speaker and the verb of the quotation between the marks at ``a`` and ``b``."""
    speaker = verb = None
    m = AFTER_QUOTE_RE.match(text, b + 1)
    if m:
        verb = m.group("verb")
        nya = verb.lower().endswith("nya")
        speaker = referent(text, a, context, spoken_at) if nya else speaker_after(m.group("rest"))
    elif ends_with_before_verb(text[max(0, a - 150) : a]):
        mb = BEFORE_QUOTE_RE.search(text[max(0, a - 150) : a])
        if mb:
            speaker, verb = mb.group("who"), mb.group("verb")
    if speaker is not None and speaker.lower() in PRONOUNS:
        speaker = referent(text, a, context, spoken_at)
    return speaker, verb


def continues(text: str, b: int, a: int) -> bool:
    """Whether the text between a closing mark at ``b`` and the next opening mark at ``a`` is only the
    attribution of the first quote (``"...," kata X. "..."``): one clause, no sentence of its own."""
    gap = text[b + 1 : a].strip()
    return len(gap) < 120 and ". " not in gap.rstrip(".:, ")


def extract_quotes(
    n: int, text: str, last_speaker: str | Context | None
) -> tuple[list[Quote], Context]:
    """The direct quotations of paragraph ``n`` and what the next paragraph may refer back to (pronouns and
    ``-nya`` verbs resolve to the subject or speaker named last)."""
    context = last_speaker if last_speaker.__class__ is tuple else (last_speaker, "")
    if '"' not in text and "“" not in text and "”" not in text:
        return [], (context[0], text)
    marks = [m.start() for m in QUOTE_CHARS_RE.finditer(text)]
    quotes: list[Quote] = []
    spoken_at, prev_end, prev_speaker = -1, -1, None
    for a, b in zip(marks[::2], marks[1::2], strict=False):
        inner = text[a + 1 : b].strip()
        if len(inner.split()) < 4:
            continue  # scare quotes, titles
        speaker, verb = attribute(text, a, b, context, spoken_at)
        if speaker is None and prev_speaker is not None and continues(text, prev_end, a):
            speaker = prev_speaker  # '"...," kata X. "..."': the quotation goes on after its attribution
        if speaker is not None:
            context = (speaker, "")
            spoken_at = b
        prev_end, prev_speaker = b, speaker
        quotes.append(Quote(n, speaker, inner.rstrip(",").strip(), verb))
    return quotes, context
