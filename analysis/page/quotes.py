"""Direct quotations in body paragraphs and their speakers."""

from __future__ import annotations

from analysis.page.patterns import (
    ACCORDING_TO_RE,
    AFTER_QUOTE_RE,
    ANAPHORIC_SPEAKER_RE,
    ANAPHORIC_SUBJECT_RE,
    APPOSITION_SUBJECT_RE,
    BEFORE_QUOTE_RE,
    BEFORE_VERBS,
    HONORIFICS,
    INDEFINITE_RE,
    JOB_TITLE_LEAD_RE,
    JOB_TITLE_RE,
    LEADING_PHRASE_RE,
    NAME_AFTER_COMMA_RE,
    NAME_RUN_RE,
    NOT_SUBJECT_WORDS,
    ORG_HEADS,
    ORG_WORDS,
    OUTLET_SPEAKER_RE,
    PRONOUNS,
    QUOTE_CHARS_RE,
    QUOTE_LEAD_PRONOUNS,
    ROLE_WORDS,
    SAY_VERBS_RE,
    SENTENCE_BREAK_RE,
    SPEAKER_AFTER_CLAUSE_RE,
    SUBJECT_RE,
    TITLED_NAME_RE,
)
from analysis.page.records import Quote

__all__ = ["Context", "ends_with_before_verb", "extract_quotes", "last_subject", "person_in", "sentence_subject",
           "speaker_after"]


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
            if w.endswith(".") and len(w) > 4 and "." not in w[:-1] and w not in HONORIFICS:
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
        named = NAME_AFTER_COMMA_RE.match(rest, mn.end())  # 'kata juru bicara Kantor X (OCHA), Maria Lindqvist'
        return clip_name(named.group("who")) if named else person_in(clip_name(mn.group(0)))
    m = OUTLET_SPEAKER_RE.match(rest)
    if m:  # an agency, account or statement, or whom it cites
        cited = speaker_after(m.group("cited")) if m.group("cited") else None
        return cited if cited is not None else clip_name(m.group("outlet"))
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


def named_subject(sentence: str) -> str | None:
    """The name a sentence opens with, as its subject: a role and the name between commas (``Kapten tim, Fajar
    Nugroho, mengatakan``), a name and its apposition (``Tri Handayani, Kepala Badan X, mengatakan``), a name
    and a verb (``Menteri Keuangan Hendra Gunawan menyambut``, ``Cavusoglu menggarisbawahi``), or None."""
    if "," in sentence:
        m = TITLED_NAME_RE.match(sentence)
        if m and m.group("role").split(" ", 1)[0].lower() in ROLE_WORDS:
            return m.group("who")
        m = APPOSITION_SUBJECT_RE.match(sentence)
        if m and m.group("who").split(" ", 1)[0].lower() not in ROLE_WORDS:
            return m.group("who")
    m = SUBJECT_RE.match(sentence)
    if m and m.group("who").split(" ", 1)[0] not in NOT_SUBJECT_WORDS:
        return m.group("who")
    m = NAME_RUN_RE.match(sentence)
    if m is None or m.group(0).split(" ", 1)[0] in NOT_SUBJECT_WORDS:
        return None
    after = sentence[m.end() :].lstrip(", ")
    return m.group(0) if SAY_VERBS_RE.match(after) else None


def sentence_subject(sentence: str) -> str | None:
    """The subject of ``sentence`` when it names someone (see :func:`named_subject`) or is a pronoun (lower
    case); ``""`` for an unnamed person (``Seorang pengungsi ...``); else None. A leading phrase (``Pada Jumat
    (2/10/2020)``, ``Dalam pidatonya,``) and a lower-case job title (``Juru bicara kepresidenan Ibrahim
    Kalin ...``) are skipped; ``Menurut Aliyev, ...`` gives Aliyev."""
    sentence = sentence.lstrip()
    m = ACCORDING_TO_RE.match(sentence)
    if m:
        return m.group("who")
    if sentence.split(" ", 1)[0] in NOT_SUBJECT_WORDS:
        lead = LEADING_PHRASE_RE.match(sentence)
        if lead is None:
            return None
        sentence = sentence[lead.end() :]
    first = sentence.split(" ", 1)[0].lower()
    if first in PRONOUNS:
        return first
    if ANAPHORIC_SUBJECT_RE.match(sentence):
        return None  # 'Pengamat politik dari Universitas X ini menyebut': someone named before
    who = named_subject(sentence)
    if who is not None:
        return who
    if INDEFINITE_RE.match(sentence):
        return ""
    lead = JOB_TITLE_LEAD_RE.match(sentence)
    if lead is None:
        return None
    rest = sentence[lead.end() :]
    who = named_subject(rest)
    if who is None and (m := NAME_RUN_RE.match(rest)) and " " in m.group(0):
        who = m.group(0)  # 'Juru bicara ... Ibrahim Kalin "dengan keras" mengutuk'
    return who


def last_subject(text: str) -> str | None:
    """The last sentence subject of ``text`` that names someone (see :func:`sentence_subject`), or None; not a
    pronoun."""
    for sentence in reversed(SENTENCE_BREAK_RE.split(text)):
        who = sentence_subject(sentence)
        if who is not None and who not in PRONOUNS:
            return who  # "" for an unnamed person: no one named to point back to
    return None


def sentence_speaker(text: str, a: int, context: Context, spoken_at: int) -> tuple[str | None, str | None]:
    """The speaker and verb of a quotation at ``a`` inside a sentence of reported speech: the sentence's
    subject, when a verb of saying stands between it and the quote ('Cavusoglu menggarisbawahi, dia tiba
    "untuk ..."', 'Dia menuduh Armenia "..."'), or the X of 'Menurut X, "..."' (verb ``menurut``)."""
    start = 0
    for m in SENTENCE_BREAK_RE.finditer(text, 0, a):
        start = m.end()
    prefix = text[start:a]
    said = SAY_VERBS_RE.search(prefix)
    verb = "menurut" if prefix.lstrip().startswith("Menurut") else said.group(0) if said else None
    if verb is None:
        return None, None
    who = sentence_subject(prefix)
    if not who:
        return None, None
    return (referent(text, a, context, spoken_at) if who in PRONOUNS else person_in(clip_name(who))), verb


def referent(text: str, a: int, context: Context, spoken_at: int) -> str | None:
    """Who a ``-nya`` verb or a pronoun means in a quote starting at ``a``: the last subject named earlier in
    the paragraph after the last attributed quote (which ended at ``spoken_at``), else that quote's speaker,
    else the previous paragraph's last subject, else the last speaker."""
    speaker, previous = context
    subject = last_subject(text[spoken_at + 1 : a])
    if subject is not None:
        return subject or None
    if spoken_at >= 0:
        return speaker
    subject = last_subject(previous) if previous else None
    return (subject or None) if subject is not None else speaker


def attribute(text: str, a: int, b: int, context: Context, spoken_at: int) -> tuple[str | None, str | None]:
    """The speaker and the verb of the quotation between the marks at ``a`` and ``b``."""
    speaker = verb = None
    m = AFTER_QUOTE_RE.match(text, b + 1)
    if m:
        verb = m.group("verb")
        rest = m.group("rest")
        if verb.lower().endswith("nya"):
            speaker = referent(text, a, context, spoken_at)
        else:
            speaker = speaker_after(rest)
            if speaker is None and ANAPHORIC_SPEAKER_RE.match(rest.lstrip(" ,")):
                speaker = referent(text, a, context, spoken_at)  # 'ucap pelatih asal Korea itu'
    elif ends_with_before_verb(text[max(0, a - 150) : a]):
        mb = BEFORE_QUOTE_RE.search(text[max(0, a - 150) : a])
        if mb:
            speaker, verb = mb.group("who"), mb.group("verb")
            speaker = SENTENCE_BREAK_RE.split(speaker)[-1]  # 'Filipina. Dia menambahkan': the last sentence's
    if speaker is not None and speaker.lower() in PRONOUNS:
        speaker = referent(text, a, context, spoken_at)
    if speaker is None and not m:
        speaker, verb = sentence_speaker(text, a, context, spoken_at)
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
        elif speaker is verb is None and a == 0 and not quotes and context[0] is not None and not context[1]:
            speaker = context[0]  # a paragraph that opens with a quotation continues the one before
        if speaker is not None:
            context = (speaker, "")
            spoken_at = b
        prev_end, prev_speaker = b, speaker
        quotes.append(Quote(n, speaker, inner.rstrip(",").strip(), verb))
    return quotes, context
