"""Text cleaning: small pure functions, composed once by :func:`clean_text`.

Cleaning never changes the number or order of lines, so a value can always be traced back to its
line in the file on disk (which is never modified).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "LINE_BREAK_RE",
    "clean_line",
    "clean_text",
    "collapse_spaces",
    "decode_bytes",
    "normalize_unicode",
    "remove_html_debris",
    "remove_invisible",
    "split_lines",
]

#: Line breaks as a text editor sees them: CRLF, LF or a lone CR.
LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
#: Zero-width and other invisible format characters (soft hyphen, BOM, word joiner, bidi marks).
INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\u202a-\u202e\ufeff]")
#: Space-like characters (no-break, en/em/thin spaces, ideographic space, tab, odd separators).
ODD_SPACE_RE = re.compile("[\t\u000b\u000c\u001c-\u001f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
#: Other C0/C1 control characters (NUL included); they carry no text.
CONTROL_RE = re.compile("[\u0000-\u0008\u000e-\u001b\u007f-\u0084\u0086-\u009f]")
MULTISPACE_RE = re.compile(r" {2,}")
#: Fragments of HTML left by scrapers: tags and dangling attribute tails (`" target="_blank">`).
HTML_DEBRIS_RE = re.compile(
    r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"<>]{0,300}\"|'[^'<>]{0,300}'|[^\s\"'<>=`]{1,300}))?)*"
    r"\s*/?>"
    r"|\"(?:\s+[a-zA-Z-]+=\"[^\"<>]{0,300}\")+\s*/?>"
)
_ASCII_CLEAN_RE = re.compile(r"[ -~]*")
_ASCII_TEXT_RE = re.compile(r"[ -~\r\n]*")
#: One translation table for the common case: invisible and control characters dropped, odd spaces to " ".
_TRANSLATE = {
    **{c: None for c in range(0x20) if c not in (9, 10, 11, 12, 13)},
    **{c: None for c in range(0x7F, 0xA0) if c != 0x85},
    **dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064"
                             "\u202a\u202b\u202c\u202d\u202e\ufeff")),
    **dict.fromkeys(map(ord, "\t\u000b\u000c\u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u3000"), " "),
    **{c: " " for c in range(0x2000, 0x200B)},
    **{c: " " for c in range(0x1C, 0x20)},
}

_DROP_RE = re.compile("[" + "".join(re.escape(chr(c)) for c, v in _TRANSLATE.items() if v is None) + "]")
_TO_SPACE_RE = re.compile("[" + "".join(re.escape(chr(c)) for c, v in _TRANSLATE.items() if v == " ") + "]")
_ODD_CHAR_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in _TRANSLATE) + "]")


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode a page file; return the text and warnings about how it was decoded.

    UTF-8 (with or without BOM) is expected; UTF-16 with a BOM is accepted; anything else is read
    as Windows-1252 (the usual culprit), falling back to Latin-1, with a warning.
    """
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        warnings.append("UTF-8 byte-order mark removed")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ["decoded as UTF-16 (byte-order mark)"]
        except UnicodeDecodeError as exc:  # odd length or a broken surrogate: not UTF-16 after all
            warnings.append(f"UTF-16 byte-order mark, but not valid UTF-16 (byte {exc.start})")
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start}"
    try:
        text = data.decode("cp1252")
        warnings.append(f"not valid UTF-8 (first bad {where}); decoded as Windows-1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        warnings.append(f"not valid UTF-8 (first bad {where}); decoded as Latin-1")
    return text, warnings


def split_lines(text: str) -> list[str]:
    """Split on CRLF, LF or CR (not on the exotic separators `str.splitlines` also uses)."""
    return LINE_BREAK_RE.split(text)


def normalize_unicode(line: str) -> str:
    """Unicode NFC (composed accents), with an early return for plain ASCII."""
    if line.isascii():
        return line
    return unicodedata.normalize("NFC", line)


def remove_invisible(line: str) -> str:
    """Drop zero-width, bidi and control characters."""
    if line.isascii():
        return CONTROL_RE.sub("", line) if not _ASCII_CLEAN_RE.fullmatch(line) else line
    return CONTROL_RE.sub("", INVISIBLE_RE.sub("", line))


def collapse_spaces(line: str) -> str:
    """Odd spaces to plain spaces, runs of spaces to one, no leading/trailing space."""
    if not (line.isascii() and _ASCII_CLEAN_RE.fullmatch(line)):
        line = ODD_SPACE_RE.sub(" ", line)
    if "  " in line:
        line = MULTISPACE_RE.sub(" ", line)
    return line.strip()


def remove_html_debris(line: str) -> str:
    """Drop stray HTML tags and attribute tails that scrapers leave inside text."""
    if ">" not in line:
        return line
    return collapse_spaces(HTML_DEBRIS_RE.sub(" ", line))


def clean_line(line: str) -> str:
    """All line cleaners, in order: invisible characters, NFC, spaces, HTML debris.

    Equivalent to ``remove_html_debris(collapse_spaces(normalize_unicode(remove_invisible(line))))``,
    done in one translation pass with early returns for clean text.
    """
    if line.isascii() and _ASCII_CLEAN_RE.fullmatch(line):
        out = line.strip()
    else:
        out = line.translate(_TRANSLATE)
        if not out.isascii() and not unicodedata.is_normalized("NFC", out):
            out = unicodedata.normalize("NFC", out)
        out = out.strip()
    if "  " in out:
        out = MULTISPACE_RE.sub(" ", out)
    return remove_html_debris(out)


def clean_text(text: str) -> list[str]:
    """Split ``text`` into lines and clean each; the number of lines is preserved.

    Equal to ``[clean_line(x) for x in split_lines(text)]``. Every cleaner works character by
    character or within a line, so the translation, NFC and space collapsing run once over the whole
    text (a line break neither composes nor translates) and only stripping is left per line.
    """
    if "\r" in text:  # split on the original breaks first: a dropped character may sit inside "\r<x>\n"
        text = "\n".join(split_lines(text))
    if not (text.isascii() and _ASCII_TEXT_RE.fullmatch(text)):
        if _ODD_CHAR_RE.search(text):  # = text.translate(_TRANSLATE), much faster on long text
            text = _TO_SPACE_RE.sub(" ", _DROP_RE.sub("", text))
        if not text.isascii() and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
    if "  " in text:
        text = MULTISPACE_RE.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    if ">" in text:
        lines = [remove_html_debris(line) for line in lines]
    return lines
