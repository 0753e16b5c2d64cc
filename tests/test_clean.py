import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analysis.clean import (
    clean_line,
    clean_text,
    collapse_spaces,
    decode_bytes,
    normalize_unicode,
    remove_html_debris,
    remove_invisible,
    split_lines,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Presiden  Rusia\tVladimir   Putin ", "Presiden Rusia Vladimir Putin"),
        ("Nagorno\u00a0Karabakh", "Nagorno Karabakh"),  # no-break space
        ("Ye\u200brevan\u200d", "Yerevan"),  # zero-width characters
        ("Cafe\u0301", "Café"),  # combining accent -> NFC
        ("\ufeffJudul", "Judul"),  # stray BOM
        ("a\x00b\x07c", "abc"),  # control characters
        ('kenaikan kasus" target="_blank"> DBD', "kenaikan kasus DBD"),  # scraper HTML debris
        ("teks <b>tebal</b> di sini", "teks tebal di sini"),
        ('a <img src=x onerror="alert(1)"> b', "a b"),  # tags with unquoted attributes too
        ("x <svg onload=alert(1)> y", "x y"),
        ("5 < 6 dan 7 > 3", "5 < 6 dan 7 > 3"),  # comparisons are not tags
        ("   ", ""),
        ("plain ascii line", "plain ascii line"),
    ],
)
def test_clean_line(raw, expected):
    assert clean_line(raw) == expected


def test_clean_text_keeps_line_count():
    raw = "a\r\nb\rc\n\n\u2028d"
    assert split_lines(raw) == ["a", "b", "c", "", "\u2028d"]
    assert clean_text(raw) == ["a", "b", "c", "", "d"]


@pytest.mark.parametrize(
    ("data", "text", "warned"),
    [
        (b"Jumat", "Jumat", False),
        (b"\xef\xbb\xbfJumat", "Jumat", True),  # UTF-8 BOM
        ("caf\u00e9 \u201cquote\u201d".encode("cp1252"), "caf\u00e9 \u201cquote\u201d", True),
        ("Jumat".encode("utf-16"), "Jumat", True),
    ],
)
def test_decode_bytes(data, text, warned):
    out, warnings = decode_bytes(data)
    assert out == text
    assert bool(warnings) is warned


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_fast_clean_line_equals_the_composed_cleaners(line):
    # clean_line is a one-pass version of the small cleaners; it must give the same result
    assert clean_line(line) == remove_html_debris(collapse_spaces(normalize_unicode(remove_invisible(line))))


_LINEY = st.sampled_from(["\n", "\r\n", "\r", " ", "  ", "\u00a0", "\u0301", "e", "<b>", "</p>", "\u2028", "\x85"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_LINEY, st.text(alphabet=st.characters(codec="utf-8"), max_size=12)), max_size=12))
@example(["\r", "\x1b\n"])  # a dropped control character between CR and LF once merged two line breaks
def test_whole_text_cleaning_equals_cleaning_each_line(parts):
    # clean_text cleans the whole text at once; it must equal cleaning line by line (combining
    # marks and odd separators next to line breaks included)
    text = "".join(parts)
    assert clean_text(text) == [clean_line(x) for x in split_lines(text)]
