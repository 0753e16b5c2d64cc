"""One scraped page dump -> typed blocks and the records derived from them.

A page is a plain-text dump: a head (navigation, title, standfirst, byline, date line, photo
caption), the article body, and furniture (inline ``Baca juga`` links, comment markers, video
items, "other articles" sidebars, ads). :func:`parse_page` assigns every non-blank line to exactly
one :class:`Block`, so nothing is dropped without a trace; lines it cannot place become
``kind="unknown"``.

Block kinds
-----------
``title`` headline; ``summary`` standfirst under the headline; ``byline`` author/editor lines;
``date`` date line; ``dateline`` an outlet/place prefix alone on a line (``TRIBUNNEWS.COM -``);
``caption`` photo caption and credit; ``paragraph`` body paragraph; ``subheading`` short heading
inside the body; ``duplicate`` a repeat of an earlier line; ``related`` inline related-article
link (``Baca juga: ...``, bullet lists); ``links`` a link-list heading (``Artikel Lainnya``);
``link`` one item of such a list; ``video`` one video item; ``comments`` comment-section furniture;
``source`` an explicit ``Sumber:`` line; ``signature`` closing initials (``(gil)``);
``summary`` also covers ``Ringkasan`` bullet summaries; ``navigation`` menus, tag clouds and
section labels; ``boilerplate`` ads, share/follow/subscribe prompts, widget text; ``unknown``.
"""

from __future__ import annotations

import functools
import operator
import re
from dataclasses import dataclass, field
from typing import NamedTuple

import ahocorasick_rs
import pandas as pd

from analysis.clean import HTML_DEBRIS_RE, clean_text
from analysis.dates import find_timestamps

__all__ = [
    "Block",
    "Link",
    "Page",
    "Paragraph",
    "Quote",
    "Video",
    "parse_page",
]


class Block(NamedTuple):
    """A run of lines of one kind (1-based, inclusive line numbers)."""

    kind: str
    line_start: int
    line_end: int
    text: str


class Paragraph(NamedTuple):
    """A body paragraph; ``prefix``/``trailer`` hold what cleaning cut from its ends."""

    n: int
    text: str
    line_start: int
    line_end: int
    prefix: str | None
    trailer: str | None


class Quote(NamedTuple):
    """A direct quotation in a body paragraph."""

    paragraph: int
    speaker: str | None
    text: str
    verb: str | None


class Link(NamedTuple):
    """A related or sidebar link."""

    block: str  # "sidebar" (a titled list) or "inline" (Baca juga, bullets)
    position: int
    headline: str
    section: str | None
    teaser: str | None
    teaser_truncated: bool | None
    published: pd.Timestamp | None
    line: int


class Video(NamedTuple):
    """A video item of the page furniture."""

    position: int
    program: str | None
    title: str
    date: pd.Timestamp | None
    line: int


# --------------------------------------------------------------------------------------------
# Line patterns. Each is matched against one cleaned, stripped line.

#: Exact furniture lines (lower-cased).
BOILERPLATE_LINES = frozenset({
    "advertisement", "iklan", "share", "bagikan", "follow", "halaman", "halaman:", "loading...",
    "loading", "tautan-tautan akses", "find us on social media :", "find us on social media",
    "button ai summarize", "ikuti kami", "ikuti kami di", "selanjutnya", "sebelumnya", "next",
    "prev", "read more", "baca selengkapnya", "baca selengkapnya di sini.", "scroll to continue",
    "scroll to continue with content", "lompat ke konten", "langsung ke konten", "skip to content",
    "skip to main content", "lewati podcast dan lanjutkan membaca", "akhir dari podcast",
    "kirim", "copy link", "salin tautan", "lihat semua", "load more", "tutup", "close", "lihat foto",
    "lihat video", "scroll to resume content", "halaman selanjutnya", "halaman berikutnya", "baca halaman berikutnya",
    "lanjut baca", "selengkapnya",
})
#: Furniture recognised by its wording anywhere in a short line.
BOILERPLATE_RE = re.compile(
    r"whatsapp|google news|telegram channel|berlangganan|klik di sini|baca berita tanpa iklan"
    r"|gabung(?:lah)? (?:ke|di|bersama)|ikuti (?:kami|berita|saluran|channel)|follow (?:us|kami|saluran)"
    r"|download (?:aplikasi|app)|unduh aplikasi|sebagian artikel (?:sudah|telah) tayang"
    r"|artikel ini (?:telah|sudah) tayang|nikmati berita|live report|^logo\b|^zoom-in\b|^via \S+\.\w+$"
    r"|^(?:sumber|source) ?: ?-?$|cek berita dan artikel|copyright|hak cipta|all rights reserved"
    r"|^\W*(?:share|bagikan)\W*(?:facebook|twitter|whatsapp|x)\b",
    re.IGNORECASE,
)
#: Furniture recognised by how a line starts (lower case), at any length.
BOILERPLATE_STARTS = (
    "sebagian artikel sudah tayang", "sebagian artikel telah tayang", "artikel ini telah tayang",
    "artikel ini sudah tayang", "ingin mendapatkan informasi", "simak breaking news", "dapatkan update berita",
    "download aplikasi", "unduh aplikasi", "baca berita tanpa iklan", "simak video", "saksikan video",
    "tonton video", "terima kasih telah membaca", "terima kasih sudah membaca", "konten ini sepenuhnya tanggung jawab",
    "tulisan ini sepenuhnya tanggung jawab",
)
#: Furniture glued to the end of a paragraph: "... keluar. AFP PHOTO/X Cek Berita dan Artikel yang lain di Google News".
TRAILING_FURNITURE_RE = re.compile(
    r"(?<=[.!?\"”’])\s+(?:[A-Z]{2,}\s+PHOTO/[^.!?]{0,80}?\s+)?(?:Cek Berita dan Artikel|Simak breaking news"
    r"|Dapatkan update berita|Baca berita (?:lainnya|selengkapnya)|Ikuti (?:berita|kami|saluran)|Download aplikasi"
    r"|Baca juga\s*:)\b.*$|(?<=[.!?\"”’])\s+[A-Z]{2,}\s+PHOTO/[^.!?]{0,80}$",
)
#: Literal parts of BOILERPLATE_RE's alternatives (lower case): a line BOILERPLATE_RE matches holds one
#: of BOILERPLATE_HINTS or starts with one of BOILERPLATE_LEADS (keep them in step with the pattern).
BOILERPLATE_HINTS = ("whatsapp", "google news", "telegram channel", "berlangganan", "klik di sini", "tanpa iklan",
                     "gabung", "ikuti ", "follow ", "download ", "unduh aplikasi", "tayang", "nikmati berita",
                     "live report", "cek berita", "copyright", "hak cipta", "rights reserved", "share", "bagikan")
BOILERPLATE_LEADS = ("logo", "zoom-in", "via ", "sumber", "source")
#: Words of which a line must hold one (as a whole word) to be boilerplate by BOILERPLATE_RE.
BOILERPLATE_WORDS = frozenset({
    "whatsapp", "google", "telegram", "berlangganan", "klik", "tanpa", "gabung", "gabunglah", "ikuti", "follow",
    "download", "unduh", "tayang", "nikmati", "live", "logo", "zoom", "via", "sumber", "source", "cek",
    "copyright", "hak", "rights", "share", "bagikan",
})
CREDIT_WORDS = frozenset({"foto", "photo", "getty", "dok", "reuters", "ilustrasi", "istimewa", "afp", "antara", "ist"})
RELATED_STARTS = ("baca", "lihat", "simak", "tonton", "klik", "berita terkait", "artikel terkait", "related",
                  "pilihan editor")
TRAILING_KEYS = ("PHOTO/", "Cek Berita", "Simak breaking", "Dapatkan update", "Baca berita", "Ikuti ",
                 "Download aplikasi", "Baca juga")
ATTRIBUTION_KEYS = ("dimuat", "dikutip", "dilansir", "melansir", "mengutip", "kantor berita", "menurut laporan",
                    "dilaporkan")
BODY_KEYS = TRAILING_KEYS + ATTRIBUTION_KEYS
COMMENTS_RE = re.compile(
    r"^(?:kolom komentar|komentar|tulis komentar|\d+ komentar|komentar \(\d+\)|lihat komentar"
    r"|limit \d+ karakter|berkomentarlah\b.*|komentar sepenuhnya menjadi tanggung jawab.*"
    r"|comments?|leave a comment|beri komentar|kirim komentar|belum ada komentar\.?)$",
    re.IGNORECASE,
)
#: Headings of link lists (sidebars, "related" boxes).
LINKS_HEADER_RE = re.compile(
    r"^(?:artikel lainnya|artikel terkait|berita terkait|berita lainnya|baca juga|berita populer"
    r"|terpopuler|artikel populer|rekomendasi|rekomendasi untuk anda|pilihan redaksi|berita pilihan"
    r"|lainnya dari \S+|recommended|related(?: articles| news)?|more stories|most popular|populer"
    r"|terkini|berita terkini|berita terbaru|artikel terbaru|video pilihan|video terkait"
    r"|lihat juga|simak juga|baca pula|berita \S+ lainnya|(?:berita|artikel) terpopuler"
    r"|most read|rekomendasi (?:artikel|berita)|artikel rekomendasi|(?:artikel|berita) selanjutnya|next article)\s*:?$",
    re.IGNORECASE,
)
VIDEO_MARK_RE = re.compile(r"^(?:video|videos|tonton video|video lainnya)$", re.IGNORECASE)
#: Link-list headers inside an article ("Baca juga:" alone on its line, the headline below it): their
#: links are inline, and the list ends where running text resumes.
INLINE_HEADER_RE = re.compile(r"^(?:baca|lihat|simak) (?:juga|pula)\s*:?$", re.IGNORECASE)
TOPIC_STARTS = ("tag", "topik", "kata kunci", "keyword")
#: Tags on the header's own line: "Tags: Armenia, Azerbaijan".
TOPIC_LINE_RE = re.compile(r"^(?:tags?|topik(?: terkait)?|kata kunci|keywords?)\s*:\s*\S", re.IGNORECASE)
#: A header of tags ("Topik terkait", "Tags:"): the short lines below it are tags, not links.
TOPIC_HEADER_RE = re.compile(r"^(?:tags?|topik|topik terkait|tag terkait|kata kunci|keywords?)\s*:?$", re.IGNORECASE)
#: Reading time: "Dibaca Normal 3 menit", "3 menit baca", "Waktu baca: 5 menit", "4 min read".
READING_TIME_RE = re.compile(
    r"^(?:(?:dibaca normal|waktu baca|estimasi (?:waktu )?baca)\s*:?\s*)?\d+\s*(?:menit|min)"
    r"(?:\s+(?:baca|membaca|read))?$",
    re.IGNORECASE,
)
#: BBC-style image lines: "Sumber gambar, EPA" (the credit), "Keterangan gambar, Warga ..." (the caption).
IMAGE_LABEL_RE = re.compile(r"^(?P<what>sumber|keterangan) (?:gambar|foto)\s*[,:]\s*", re.IGNORECASE)
IMAGE_LABELS = ("sumber gambar", "sumber foto", "keterangan gambar", "keterangan foto")
#: A breadcrumb trail: "Home » Internasional » Eropa", "Beranda > Dunia", "News / Internasional / Eropa".
BREADCRUMB_SEPARATORS = ("»", "›", ">", "→", " / ", " | ")
_CRUMB_SEP = r"(?:\s*[»›>→]\s*|\s+[/|]\s+)"  # "»" with or without spaces, "/" and "|" between spaces
_CRUMB = r"[^»›>→/|]"
BREADCRUMB_RE = re.compile(  # "Home" and one more crumb, or any three crumbs
    rf"^(?:(?:home|beranda|index)\s*[»›>→/|]\s*[^»›>→|]{{1,40}}"
    rf"|{_CRUMB}{{1,30}}{_CRUMB_SEP}{_CRUMB}{{1,40}}{_CRUMB_SEP}{_CRUMB}{{1,60}})(?:{_CRUMB_SEP}{_CRUMB}{{1,60}})*$",
    re.IGNORECASE,
)
#: A site name after a headline, as in an HTML <title>: "... - Kompas.com", "... | merdeka.com".
TITLE_SITE_SUFFIX_RE = re.compile(r"\s+[-|–—]\s+[A-Za-z][\w-]*(?:\.[A-Za-z]{2,3}){1,2}$")
#: Text-size buttons: "A A A", "Font: A- A+".
FONT_WIDGET_RE = re.compile(r"^(?:font\s*:?\s*)?(?:a[-+]?\s*){2,4}$", re.IGNORECASE)
#: A rank number on a line of its own in a "most popular" list.
RANK_RE = re.compile(r"^\d{1,2}\.?$")
#: Words around the name in a date line: "Oleh X pada 12 Nov 2020", "By X on ...".
DATE_LINE_WHO_RE = re.compile(r"^(?:by|oleh)\s*:?\s+|\s+(?:pada|on|at|diterbitkan|dipublikasikan)$", re.IGNORECASE)
#: A bare outlet name ("Kompas.com", "TEMPO.CO", "detikNews").
OUTLET_ONLY_RE = re.compile(r"^[\w-]+(?:\.[a-z]{2,3}){1,2}$|^[a-z]+[A-Z]\w*$", re.IGNORECASE)
#: A byline in the head as "Name Name - outlet" ("Rifki Pratama - detikNews").
BYLINE_OUTLET_RE = re.compile(r"^(?:[A-Z][\w'’.]*\s+){1,3}[A-Z][\w'’.]*\s+[-–|]\s+\S+$")
#: Inline related links: "Baca juga: Headline", "BACA JUGA : Headline", "Baca: Headline |".
RELATED_RE = re.compile(
    r"^(?:baca|lihat|simak|tonton|klik)(?: juga| pula)?(?: video| berita| artikel)?\s*(?::|-|»)\s*"
    r"(?P<headline>.+?)\s*\|?$"
    r"|^(?:berita terkait|artikel terkait|related|pilihan editor)\s*:\s*(?P<headline2>.+?)$",
    re.IGNORECASE,
)
BULLET_RE = re.compile(r"^[•·▪►●◦\-–*]\s+(?P<item>\S.*)$")
#: A trailing " - 2 Maret 2021" on a list item.
ITEM_DATE_TAIL_RE = re.compile(r"\s+[-–|•]\s+(?=[^-–|•]*$)")
#: First words of byline lines (lower case).
BYLINE_WORDS = ("penulis", "editor", "reporter", "pewarta", "kontributor", "redaktur", "penyunting", "editor bahasa",
                "fotografer", "laporan wartawan", "laporan", "oleh", "by", "writer", "author", "ditulis oleh",
                "video editor")
BYLINE_RE = re.compile(rf"^(?:{'|'.join(BYLINE_WORDS)})\b\s*[:|]?", re.IGNORECASE)
SOURCE_LINE_RE = re.compile(r"^(?:sumber|source)\s*:\s*(?P<source>\S.{0,80})$", re.IGNORECASE)
SIGNATURE_RE = re.compile(r"^[(\[][\w .,'’/-]{1,40}[)\]]$")
#: Closing initials glued to the end of a paragraph: '..." [ka/pp]', '... (T/RI-1/P1)'.
TRAILER_RE = re.compile(r"(?<=[.!?\"”’])\s*(?P<trailer>[(\[][A-Za-z][\w/\- ]{0,20}[)\]])$")
#: A caption's photo credit: "(Foto: Reuters)", "(Dimas Ardian/Bloomberg)", "... /Net".
CREDIT_PAREN_RE = re.compile(
    r"[(\[](?P<credit>(?:foto|photo|dok|ilustrasi|istimewa|ist|sumber foto"
    r"|(?:ap|afp|antara|reuters|epa|xinhua)\s+(?:photo|foto))\b[^()\[\]]*"
    r"|(?=[^()\[\]]*(?-i:[a-z]))[^()\[\]]*(?:[^\W\d]\s*/\s*[^\W\d]|\b(?:reuters|afp|ap|antara|getty|epa|anadolu"
    r"|xinhua|bloomberg|tass|sputnik|shutterstock|handout)\b)[^()\[\]]*"
    r"|[^()\[\]]*(?-i:\b(?:AFP|AP|REUTERS|ANTARA|EPA|XINHUA|ANADOLU))\s*/[^()\[\]]*"  # "(AFP/DIMITAR DILKOFF)"
    r"|[^()\[\]]*/\s*(?-i:(?:AFP|AP|REUTERS|ANTARA|EPA|XINHUA|ANADOLU)\b)[^()\[\]]*)[)\]]\s*\.?$",
    re.IGNORECASE,
)
#: Closing initials of the newsroom, not a photo credit: "(ant/ka)", "[rdp/imk]", "(sef)".
CLOSING_INITIALS_RE = re.compile(r"[a-z]{1,6}(?:/[a-z]{1,6}){0,3}")
CREDIT_SLASH_RE = re.compile(r"^(?P<caption>[^/]{6,}?)/(?P<credit>[A-Z][\w.\- ]{1,40}(?:/[\w.\- ]{1,40}){0,3})$")
CREDIT_LINE_RE = re.compile(
    r"^(?:antara foto|afp photo|ap photo|reuters|foto|photo|dok\.?|kredit foto|photo credit|sumber foto)"
    r"\b\s*[:/]|^[A-Z][A-Z .'’-]{3,40}\s*/\s*(?:AFP|AP|REUTERS|ANTARA|EPA|ANADOLU|XINHUA)\b",
    re.IGNORECASE,
)
AGENCIES = ("ANTARA", "REUTERS", "AFP", "AP", "EPA", "XINHUA", "ANADOLU")
#: A credit closing a caption as an agency path: "... di Yerevan. ANTARA/REUTERS/Artem Mikryukov/aa."
TRAILING_CREDIT_RE = re.compile(
    r"(?:^|(?<=\s))(?P<credit>(?:ANTARA FOTO|ANTARA|REUTERS|AFP|AP|EPA|XINHUA|ANADOLU)(?:/[^/]{1,40}){1,4})$")
#: An outlet's domain just before a slash credit: "... tirto.id/Sabit".
CAPTION_OUTLET_RE = re.compile(r"\s[a-z][\w-]*\.(?:id|com|co\.id|net)$")
#: "Foto:" opening a caption.
PHOTO_LABEL_RE = re.compile(r"^(?:foto|photo)\s*:\s*", re.IGNORECASE)
PHOTO_LABEL_END_RE = re.compile(r"\s*\b(?:foto|photo)\s*:$", re.IGNORECASE)
#: Credit wording anywhere in a (short) line.
CREDIT_PHRASES = ("kolase foto", "foto ilustrasi", "ilustrasi foto")
#: A word of a dateline: a capitalised word, a parenthesised agency ("(ANTARA)", "(ANTARA/Reuters)"),
#: or a lower-case domain ("tirto.id").
_DATELINE_PART = r"(?:[A-Z][\w.’'&+]*|\([\w.]+(?:[ /][\w.]+)*\)|[a-z][\w-]*\.(?:id|com|co\.id|net)\b)"
#: The outlet/place prefix of a first paragraph: "REPUBLIKA.CO.ID, MOSKOW --", "Jakarta, IDN Times -".
DATELINE_RE = re.compile(
    rf"^(?P<dateline>{_DATELINE_PART}(?:[ ,]+{_DATELINE_PART}){{0,5}})"
    r"(?:(?:\s+(?:--|—|–|-)\s*|\s*(?:--|—|–)\s+)(?:(?P<city>[A-Z]{3,}(?: [A-Z]{3,})?)\.\s+)?"
    r"|\s*(?::|\.)\s+(?=[A-Z\"“]))"
    r"(?=\S)"
)
DATELINE_ALONE_RE = re.compile(r"^[A-Z][\w.]*(?:[ ,]+[A-Z][\w.]*){0,4}\s*(?:--|—|–|-)$")
#: A caption announced in its first words: "BERITA POPULER - Kolase foto: ...", "FOTO: ...".
PHOTO_LEAD_RE = re.compile(r"^.{0,60}?\b(?:kolase foto|foto ilustrasi|ilustrasi foto|foto|photo)\s*:", re.I)
OUTLET_HINT_RE = re.compile(r"[A-Z]{3,}|\.(?i:com|id|co|net|tv|org)\b|\b[A-Z][a-z]+ ?[A-Z]", re.UNICODE)
#: A place name alone before a plain hyphen, as detik.com writes it ("Jakarta - ...").
PLACE_WORD_RE = re.compile(r"[A-Z][a-z]{2,19}")
SECTION_NAMES = frozenset({
    "dunia", "internasional", "nasional", "ekonomi", "bisnis", "politik", "olahraga", "sport",
    "hiburan", "teknologi", "tekno", "otomotif", "kesehatan", "gaya hidup", "lifestyle", "news",
    "berita", "hukum", "daerah", "regional", "metro", "megapolitan", "opini", "sains", "edukasi",
    "pendidikan", "wisata", "travel", "kuliner", "global", "sepak bola", "bola", "market", "finansial",
    "keuangan", "properti", "seleb", "selebriti", "video", "foto", "humaniora", "peristiwa", "kriminal",
})
SUMMARY_HEADER_RE = re.compile(r"^(?:ringkasan berita|ringkasan|poin penting|intisari|highlights?)\s*:?$", re.I)
SENTENCE_END = frozenset('.!?:"”’)…')
TERMINAL_END = frozenset('.!?"”’…')
WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*")
#: The first letter of every WORD_RE word, as findall returns it (counts words without building them).
_WORD_INITIAL_RE = re.compile(r"([^\W\d_])[\w'’\-]*")
#: For ASCII lines (see :func:`_word_features`): letters -> ``U``/``l``, the other characters words
#: may hold (digits, ``_``, ``'``, ``-``) dropped, everything else -> space.
_ASCII_SHAPE = bytes(ord("U") if 65 <= b <= 90 else ord("l") if 97 <= b <= 122 else 32 for b in range(256))
_ASCII_WORD_OTHER = b"0123456789_'-"
#: ASCII digits and lower-case letters kept, every other byte -> space (see :func:`_norm_key`).
_ASCII_ALNUM = bytes(b if 48 <= b <= 57 or 97 <= b <= 122 else 32 for b in range(256))
#: Quotations: a double-quote pair (straight or curly) holding at least a few words.
QUOTE_CHARS_RE = re.compile(r"[\"“”]")
SPEECH_VERBS = (
    "kata|ujar|ucap|tutur|tegas|tekan|jelas|terang|ungkap|sebut|tambah|lanjut|pungkas|imbuh|cuit"
    "|tulis|papar|klaim|seru|sambung|timpal|beber|aku|katanya|ujarnya"
)
#: Speech verb right after a closing quote ('"...," kata Peskov'); matched at the quote's end.
AFTER_QUOTE_RE = re.compile(
    rf"\s*[,.]?\s*(?P<verb>(?:{SPEECH_VERBS})(?:nya)?)\b\s*(?P<rest>.{{0,120}})", re.IGNORECASE
)
#: Verbs that announce a quote ('Peskov mengatakan, "..."').
BEFORE_VERBS = ("mengatakan", "menambahkan", "berkata", "menegaskan", "menyatakan", "menuturkan", "mengungkapkan",
                "menjelaskan", "menyebut", "menyebutkan", "bertanya", "menulis", "mencuit", "berujar", "melanjutkan")
BEFORE_QUOTE_RE = re.compile(
    r"(?P<who>(?:[A-Z][\w'’.\-]*)(?:\s+(?:[A-Z][\w'’.\-]*|al-\w+|bin|de|van))*|[Ii]a|[Dd]ia|[Mm]ereka)"
    rf"(?:\s+\w+){{0,3}}?\s+(?P<verb>{'|'.join(BEFORE_VERBS)})"
    r"(?:\s+bahwa)?\s*,?\s*:?\s*$"
)
NAME_RUN_RE = re.compile(r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|al-\w+|bin|de|van|\([A-Z]{2,}\)))*")
LIST_ITEM_RE = re.compile(r"^\d{1,2}[.)]\s")
PRONOUNS = frozenset({"ia", "dia", "mereka", "beliau"})
ATTRIBUTION_RE = re.compile(
    r"\b(?:dimuat|dikutip(?: dari)?|dikutip|dilansir(?: dari)?|melansir|mengutip|kantor berita"
    r"|menurut laporan|dilaporkan)\s+(?:kantor berita\s+|laman\s+|situs\s+|media\s+|harian\s+|dari\s+)?"
    r"(?P<source>[A-Z][\w.\-]*(?:\s+(?:[A-Z][\w.\-]*|News|Today|Times|Post)){0,3})"
)
EDITION_RE = re.compile(r"\bedisi\s+(?=\w)", re.IGNORECASE)
SHORT_LINE_WORDS = 3
_DIGIT_RE = re.compile(r"\d")
#: The core of any absolute date: "08 April 2021", "8 Agt. 2021", "23/08/2022".
_DATE_CORE_RE = re.compile(r"\d(?:\s+[^\W\d_]{3,9}\.?\s+|/[01]?\d/)(?:19|20)\d\d")
BULLET_CHARS = frozenset("•·▪►●◦-–*")
_NONWORD_RE = re.compile(r"[\W_]+")
_LINE_START = operator.attrgetter("line_start")
#: Kinds that sit between a headline and the body; a sentence followed by one is a standfirst/caption.
HEAD_FURNITURE = frozenset({"byline", "date", "caption", "boilerplate", "navigation", "dateline"})
#: Kinds whose consecutive blocks merge into one.
MERGE_KINDS = frozenset({"caption", "byline", "navigation", "boilerplate", "comments", "unknown"})


@dataclass
class Page:
    """The parsed form of one page dump."""

    doc_id: str | None
    n_lines: int
    title: str | None = None
    caption: str | None = None
    photo_credit: str | None = None
    summary: str | None = None
    byline: str | None = None
    dateline: str | None = None
    source: str | None = None
    published: pd.Timestamp | None = None
    crawled: pd.Timestamp | None = None
    truncated: bool = False
    blocks: list[Block] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    videos: list[Video] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The body paragraphs, separated by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def reference_time(self) -> pd.Timestamp | None:
        """What year-less and relative dates resolve against: ``published``, else ``crawled``."""
        return self.published if self.published is not None else self.crawled

    def frame(self, name: str) -> pd.DataFrame:
        """One record list (``blocks``, ``paragraphs``, ``quotes``, ``links``, ``videos``) as a DataFrame."""
        kinds = {"blocks": Block, "paragraphs": Paragraph, "quotes": Quote, "links": Link, "videos": Video}
        return pd.DataFrame(getattr(self, name), columns=list(kinds[name]._fields))


# --------------------------------------------------------------------------------------------
# Line-level helpers


def _words(s: str) -> list[str]:
    return WORD_RE.findall(s)


def _word_features(s: str) -> tuple[int, float]:
    """Number of :data:`WORD_RE` words in ``s`` and the share of them that start with a capital.

    A WORD_RE word is a maximal run of word characters, ``'``, ``’`` and ``-`` that holds a letter,
    starting at its first letter. For an ASCII line this is counted without a regex: mapped to
    letter shapes (digits and the like dropped, other characters to spaces), every word is a
    space followed by ``U`` or ``l`` (three times faster than finding the words).
    """
    if s.isascii():
        shape = b" " + s.encode("ascii").translate(_ASCII_SHAPE, _ASCII_WORD_OTHER)
        n_cap = shape.count(b" U")
        n = shape.count(b" l") + n_cap
    else:
        initials = _WORD_INITIAL_RE.findall(s)  # the words' first letters (no word strings built)
        n, n_cap = len(initials), sum(map(str.isupper, initials))
    return n, n_cap / n if n else 0.0


def _is_sentence(s: str, n_words: int) -> bool:
    """A line that reads as running text: ends like a sentence or is long."""
    return (s[-1] in SENTENCE_END and n_words >= 6) or n_words >= 35


def _timestamp_line(s: str, max_extra: int = 45, memo: dict | None = None):
    """The timestamp of a line that is (nearly) only a timestamp, else None.

    ``memo`` (one dict per page) keeps each line's :func:`find_timestamps` result for the next call.
    """
    if len(s) > 120 or ("19" not in s and "20" not in s) or not _DATE_CORE_RE.search(s):  # cheap tests first
        return None
    if memo is None:
        found = find_timestamps(s)
    elif s in memo:
        found = memo[s]
    else:
        found = memo[s] = find_timestamps(s)
    if not found:
        return None
    ts = found[0]
    extra = len(s) - (ts.end - ts.start)
    return ts if extra <= max_extra and len(_words(s[: ts.start] + s[ts.end :])) <= 5 else None


def _present(keys: tuple[str, ...], text: str) -> tuple[str, ...]:
    """The ``keys`` that occur in ``text``, in the order of ``keys``, so that per-line tests only
    try the keys a page holds.

    One Aho-Corasick scan finds every key at once (five times faster than a substring scan per
    key); text that cannot be encoded as UTF-8 (lone surrogates) gets the scan per key.
    """
    try:
        found = set(_matcher(keys).find_matches_as_strings(text, overlapping=True))
    except UnicodeEncodeError:
        return tuple(k for k in keys if k in text)
    return tuple(k for k in keys if k in found)


@functools.cache
def _matcher(keys: tuple[str, ...]) -> ahocorasick_rs.AhoCorasick:
    """An Aho-Corasick automaton of ``keys`` (built once per tuple of keys)."""
    return ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.Standard)


def _norm_key(s: str) -> str:
    """Lower-case words only: a key for spotting repeats and truncated copies.

    ``" ".join(_NONWORD_RE.split(s.lower())).strip()``; for ASCII text by a byte translation (4x faster).
    """
    low = s.lower()
    if low.isascii():
        return " ".join(low.encode("ascii").translate(_ASCII_ALNUM).decode("ascii").split())
    return " ".join(_NONWORD_RE.split(low)).strip()


def _paren_credit(s: str) -> re.Match[str] | None:
    """The photo credit in parentheses or brackets closing a line, unless it is closing initials."""
    m = CREDIT_PAREN_RE.search(s)
    return None if m is None or CLOSING_INITIALS_RE.fullmatch(m.group("credit").strip()) else m


def _split_credit(s: str) -> tuple[str | None, str | None]:
    """Split a caption line into (caption, credit)."""
    m = IMAGE_LABEL_RE.match(s)
    if m:
        rest = s[m.end() :].strip() or None
        return (None, rest) if m.group("what").lower() == "sumber" else (rest, None)
    at = s.rfind("©")
    if at > 0 and s[at + 1 :].strip():  # "Presiden Rusia Vladimir Putin. ©REUTERS/Sputnik"
        return s[:at].strip() or None, s[at + 1 :].strip()
    m = _paren_credit(s)
    if m:  # "Foto: Warga di tempat perlindungan (AP Photo)": the "Foto:" label is not caption text
        return PHOTO_LABEL_RE.sub("", s[: m.start()].strip()) or None, m.group("credit").strip()
    m = TRAILING_CREDIT_RE.search(s)
    if m and m.start() > 0:
        return PHOTO_LABEL_END_RE.sub("", s[: m.start()].strip()) or None, m.group("credit").rstrip(".").strip()
    m = CREDIT_SLASH_RE.match(s)
    if m:
        caption, credit = m.group("caption").strip(), m.group("credit").strip()
        outlet = CAPTION_OUTLET_RE.search(caption)  # "Ilustrasi peta. tirto.id/Sabit": the outlet is credit
        if outlet and outlet.start() > 0:
            return caption[: outlet.start()].strip(), f"{outlet.group(0).strip()}/{credit}"
        return PHOTO_LABEL_END_RE.sub("", caption) or None, credit  # "... Stepanakert. Foto: REUTERS/Stringer"
    if CREDIT_LINE_RE.match(s) and len(s) < 80:
        return None, s
    return s, None


def _classify(s: str, hints: tuple[str, ...] = BOILERPLATE_HINTS, stamps: dict | None = None) -> str | None:
    """Furniture kind of one non-blank line, from its wording alone; ``None`` for plain text.

    Most lines are text, so each pattern is tried only after a cheap test that every line it matches
    passes (its first words, a word or character it needs). ``hints`` may narrow
    :data:`BOILERPLATE_HINTS` to those the page holds (see :func:`_classify_lines`); ``stamps`` is the
    page's ``memo`` for :func:`_timestamp_line`.
    """
    n = len(s)
    if n > 200:  # running text: only furniture recognisable by how it starts, captions, long links
        if n <= 300 and s[:16].lower().startswith(RELATED_STARTS) and RELATED_RE.match(s):
            return "related"
        if (n <= 400 and (")" in s[-3:] or "]" in s[-3:]) and _paren_credit(s)) or s.endswith("GETTY IMAGES") or (
                n <= 400 and "/" in s[-60:] and TRAILING_CREDIT_RE.search(s, n - 100)):
            return "caption"
        if s[:32].lower().startswith(BOILERPLATE_STARTS):
            return "boilerplate"
        head = s[:80].lower()
        if head.startswith(IMAGE_LABELS) and IMAGE_LABEL_RE.match(s):
            return "caption"
        if ("foto" in head or "photo" in head) and PHOTO_LEAD_RE.match(s):
            return "caption"
        return "bullet" if s[0] in BULLET_CHARS and BULLET_RE.match(s) else None
    low = s.lower()
    if n <= 40 and low.rstrip(" :") in BOILERPLATE_LINES:  # also "Bagikan:"
        return "boilerplate"
    if n <= 160 and ("koment" in low or "comment" in low or "karakter" in low) and COMMENTS_RE.match(s):
        return "comments"
    if n <= 40:
        if "video" in low and VIDEO_MARK_RE.match(s):
            return "video_mark"
        if n <= 16 and FONT_WIDGET_RE.match(s):
            return "boilerplate"
        if low.startswith(TOPIC_STARTS) and TOPIC_HEADER_RE.match(s):
            return "topics"
        if ("min" in low or "menit" in low) and READING_TIME_RE.match(s):
            return "boilerplate"
        if LINKS_HEADER_RE.match(s):
            return "links"
        if SUMMARY_HEADER_RE.match(s):
            return "summary_header"
    if low.startswith(RELATED_STARTS) and RELATED_RE.match(s):
        return "related"
    if low.startswith(BOILERPLATE_STARTS) or (
            (low.startswith(BOILERPLATE_LEADS) or any(map(low.__contains__, hints)))
            and BOILERPLATE_RE.search(s) and not BOILERPLATE_WORDS.isdisjoint(_NONWORD_RE.split(low))):
        return "boilerplate"
    if n <= 120 and ("19" in s or "20" in s) and _timestamp_line(s, memo=stamps) is not None:  # (its cheap tests)
        return "date"
    if n <= 120 and low.startswith(BYLINE_WORDS) and BYLINE_RE.match(s):
        return "byline"
    if low.startswith(IMAGE_LABELS) and IMAGE_LABEL_RE.match(s):
        return "caption"
    if n <= 100 and low.startswith(("sumber", "source")) and SOURCE_LINE_RE.match(s):
        return "source"
    if n <= 44 and s[0] in "([" and SIGNATURE_RE.match(s):
        return "signature"
    if s[0] == "[" and s[-1] == "]":
        if low.startswith(RELATED_STARTS, 1) and RELATED_RE.match(s[1:-1]):
            return "related"  # "[Baca Juga: ...]"
        if n <= 80 and ":" in s:
            return "boilerplate"  # an embed placeholder: "[Gambas:Video CNN]"
    if n <= 200 and low.startswith(TOPIC_STARTS) and TOPIC_LINE_RE.match(s):
        return "navigation"  # "Tags: Armenia, Azerbaijan"
    if n <= 150 and any(map(s.__contains__, BREADCRUMB_SEPARATORS)) and BREADCRUMB_RE.match(s):
        return "navigation"  # "Home » Internasional » Eropa"
    if n <= 60 and s[-1] in "-–—" and DATELINE_ALONE_RE.match(s):
        return "dateline"
    foto = "foto" in low or "photo" in low
    credit = ((s.rstrip(". ")[-1:] in (")", "]") and _paren_credit(s))
              or (("/" in s or (":" in s and (foto or low.startswith(("dok", "reuters"))))) and CREDIT_LINE_RE.match(s))
              or low.endswith("getty images") or (foto and any(map(low.__contains__, CREDIT_PHRASES)))
              or ("/" in s and any(map(s.__contains__, AGENCIES)) and TRAILING_CREDIT_RE.search(s)))
    if (credit and ("/" in s or not CREDIT_WORDS.isdisjoint(_NONWORD_RE.split(low)))) or (
            foto and PHOTO_LEAD_RE.match(s)):
        return "caption"
    if s[0] in BULLET_CHARS and BULLET_RE.match(s):
        return "bullet"
    return None


def _classify_lines(nonblank: list[tuple[int, str]]) -> tuple[dict[int, str], dict]:
    """Line number -> furniture kind, for the lines :func:`_classify` finds to be furniture; and the
    page's memo of line timestamps (see :func:`_timestamp_line`)."""
    short_low = "\n".join(s for _, s in nonblank if len(s) <= 200).lower()  # only short lines need hints
    hints = _present(BOILERPLATE_HINTS, short_low)
    kinds: dict[int, str] = {}
    stamps: dict = {}
    for ln, s in nonblank:
        k = _classify(s, hints, stamps)
        if k is not None:
            kinds[ln] = k
    return kinds, stamps


# --------------------------------------------------------------------------------------------
# Structured furniture: sidebars and videos


def _parse_link_list(
    items: list[tuple[int, str]], pos0: int, stamps: dict | None = None, block: str = "sidebar",
) -> tuple[list[Link], list[Block]]:
    """Parse the lines of a titled link list into items (headline, section, teaser, timestamp).

    A rank number on a line of its own ("1", "2.") belongs to the item below it. ``block`` is the
    links' ``block`` (``sidebar``, or ``inline`` for a list inside the article).
    """
    links: list[Link] = []
    blocks: list[Block] = []
    cur: dict | None = None
    ranks: list[tuple[int, str]] = []  # rank lines waiting for their item

    def close() -> None:
        nonlocal cur
        if cur is not None:
            links.append(Link(block, pos0 + len(links) + 1, cur["headline"], cur["section"],
                              cur["teaser"], cur["truncated"], cur["published"], cur["lines"][0]))
            blocks.append(Block("link", cur["lines"][0], cur["lines"][-1], "\n".join(cur["text"])))
            cur = None

    for ln, s in items:
        if RANK_RE.match(s):
            close()
            ranks.append((ln, s))
            continue
        ts = _timestamp_line(s, max_extra=12, memo=stamps)
        if cur is not None and ts is not None and cur["published"] is None:
            cur["published"] = ts.value
            cur["lines"].append(ln)
            cur["text"].append(s)
            close()
            continue
        if cur is not None and cur["section"] is None and cur["teaser"] is None and (
            s.lower() in SECTION_NAMES or (len(s) <= 25 and len(_words(s)) <= 2 and s[-1] not in ".!?")
        ):
            cur["section"] = s
            cur["lines"].append(ln)
            cur["text"].append(s)
            continue
        stripped = s.rstrip(".… ")
        if cur is not None and cur["teaser"] is None and (s.endswith("..") or s.endswith("…")):
            cur["teaser"] = s
            cur["truncated"] = _norm_key(cur["headline"]).startswith(_norm_key(stripped))
            cur["lines"].append(ln)
            cur["text"].append(s)
            continue
        close()
        bullet = BULLET_RE.match(s) if s[0] in BULLET_CHARS else None
        cur = {"headline": bullet.group("item") if bullet else s, "section": None, "teaser": None,
               "truncated": None, "published": None,
               "lines": [x for x, _ in ranks] + [ln], "text": [x for _, x in ranks] + [s]}
        ranks = []
    close()
    if ranks:  # rank numbers with no item after them
        blocks.append(Block("navigation", ranks[0][0], ranks[-1][0], "\n".join(x for _, x in ranks)))
    return links, blocks


# --------------------------------------------------------------------------------------------
# Quotes and attribution


def _speaker_after(rest: str) -> str | None:
    """The speaker named right after a speech verb (``kata Peskov, seperti ...`` -> ``Peskov``)."""
    rest = rest.lstrip(" ,")
    first = rest.split(" ", 1)[0].lower().strip(",.")
    if first in PRONOUNS:
        return first
    m = NAME_RUN_RE.match(rest)
    if m:
        return m.group(0).rstrip(".,")
    m = re.match(r"[^.,;\"“”]{0,60},\s*(?P<who>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)+)", rest)
    if m:
        return m.group("who")
    return None


def _ends_with_before_verb(window: str) -> bool:
    """Whether ``window`` ends like BEFORE_QUOTE_RE needs: a verb, then ``bahwa``, ``,``, ``:`` or spaces."""
    tail = window.rstrip().rstrip(",:").rstrip().rstrip(",:").rstrip()
    if tail.endswith("bahwa"):
        tail = tail[:-5].rstrip()
    return tail.endswith(BEFORE_VERBS)


def _extract_quotes(n: int, text: str, last_speaker: str | None) -> tuple[list[Quote], str | None]:
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
            speaker = last_speaker if verb.lower().endswith("nya") else _speaker_after(m.group("rest"))
        elif _ends_with_before_verb(text[max(0, a - 150) : a]):
            mb = BEFORE_QUOTE_RE.search(text[max(0, a - 150) : a])
            if mb:
                speaker, verb = mb.group("who"), mb.group("verb")
        if speaker is not None and speaker.lower() in PRONOUNS:
            speaker = last_speaker
        if speaker is not None:
            last_speaker = speaker
        quotes.append(Quote(n, speaker, inner.rstrip(",").strip(), verb))
    return quotes, last_speaker


# --------------------------------------------------------------------------------------------
# The parser


def parse_page(text: str, doc_id: str | None = None) -> Page:
    """Split one page dump into typed blocks and extract its records.

    Parameters
    ----------
    text : str
        The page as decoded text (any line ends). It is cleaned line by line (see
        :mod:`analysis.clean`); line numbers refer to the original lines.
    doc_id : str, optional
        Identifier stored on the result.

    Returns
    -------
    Page
        Title, caption and credit, body paragraphs, quotes, links, videos, dates, the lossless
        ``blocks`` list and parse warnings.
    """
    lines = clean_text(text)
    page = Page(doc_id=doc_id, n_lines=len(lines))
    if ">" in text:
        n_tags = len(HTML_DEBRIS_RE.findall(text))
        if n_tags:
            page.warnings.append(f"HTML markup removed from the text ({n_tags} tag(s))")
    nonblank = [(i + 1, s) for i, s in enumerate(lines) if s]
    if not nonblank:
        page.warnings.append("no text")
        return page
    if len(text) > 100_000 and any(len(s) > 100_000 for _, s in nonblank):
        page.warnings.append("very long line (over 100,000 characters)")

    kinds, stamps = _classify_lines(nonblank)
    blocks: list[Block] = []
    text_lines: list[tuple[int, str]] = []  # lines left for head/body analysis, in order
    _furniture_pass(page, nonblank, kinds, blocks, text_lines, stamps)
    attribution_keys = _head_body_pass(page, text_lines, kinds, blocks, stamps)

    blocks.sort(key=_LINE_START)
    page.blocks = _merge_blocks(blocks)
    _finish(page, attribution_keys)
    return page


def _furniture_pass(page: Page, nonblank, kinds, blocks, text_lines, stamps: dict) -> None:
    """Videos, link lists, comments, inline links; the rest goes on to head/body analysis."""
    i, n = 0, len(nonblank)
    while i < n:
        ln, s = nonblank[i]
        k = kinds.get(ln)
        if k == "video_mark" and i + 1 < n:
            j, title_parts = i + 1, []
            date = None
            while j < n and j <= i + 3:
                ts = _timestamp_line(nonblank[j][1], max_extra=0, memo=stamps)
                if ts is not None:
                    date = ts.value
                    break
                if kinds.get(nonblank[j][0]) in ("video_mark", "links", "comments"):
                    break
                title_parts.append(nonblank[j][1])
                j += 1
            if date is not None and len(title_parts) == 1:
                program, sep, title = title_parts[0].partition(" • ")
                if not sep:
                    program, title = None, title_parts[0]
                page.videos.append(Video(len(page.videos) + 1, program, title, date, nonblank[i + 1][0]))
                blocks.append(Block("video", ln, nonblank[j][0], "\n".join(x for _, x in nonblank[i : j + 1])))
                i = j + 1
                continue
            blocks.append(Block("video", ln, ln, s))
            i += 1
            continue
        if k == "links":
            blocks.append(Block("links", ln, ln, s))
            inline = INLINE_HEADER_RE.match(s) is not None
            j = i + 1
            items: list[tuple[int, str]] = []
            while j < n:
                lj, sj = nonblank[j]
                kj = kinds.get(lj)
                if kj in ("links", "video_mark", "comments", "related", "summary_header", "signature"):
                    break
                words = _words(sj)
                if kj in ("boilerplate", "navigation") or (len(words) < 3 and _timestamp_line(sj, memo=stamps) is None
                                                             and not items and not RANK_RE.match(sj)):
                    break
                if len(sj) > 250 or (_is_sentence(sj, len(words)) and len(words) > 25):
                    break  # running text: the list is over
                if inline and items and len(words) >= 6 and sj[-1] == "." and not sj.endswith(".."):
                    break  # a sentence after an inline list's headlines: the article goes on
                items.append((lj, sj))
                j += 1
            # keep an item list only when its lines look like link items
            links, link_blocks = _parse_link_list(items, len(page.links), stamps, "inline" if inline else "sidebar")
            page.links.extend(links)
            blocks.extend(link_blocks)
            i = j
            continue
        if k == "related":
            m = RELATED_RE.match(s[1:-1] if s[0] == "[" and s[-1] == "]" else s)
            headline = (m.group("headline") or m.group("headline2")).strip(" |")
            page.links.append(Link("inline", len(page.links) + 1, headline, None, None, None, None, ln))
            blocks.append(Block("related", ln, ln, s))
            i += 1
            continue
        if k == "comments":
            blocks.append(Block("comments", ln, ln, s))
            i += 1
            continue
        if k == "topics":  # the header and its tags: short lines, not sentences
            j = i + 1
            while j < n and kinds.get(nonblank[j][0]) is None and len(nonblank[j][1]) <= 40 \
                    and nonblank[j][1][-1] not in TERMINAL_END and len(_words(nonblank[j][1])) <= 4:
                j += 1
            blocks.append(Block("navigation", ln, nonblank[j - 1][0], "\n".join(x for _, x in nonblank[i:j])))
            i = j
            continue
        if k == "summary_header":
            j = i + 1
            while j < n and BULLET_RE.match(nonblank[j][1]):
                j += 1
            blocks.append(Block("summary", ln, nonblank[j - 1][0], "\n".join(x for _, x in nonblank[i:j])))
            i = j
            continue
        if k == "bullet":
            m = BULLET_RE.match(s)
            item = m.group("item").strip()
            published = None
            parts = ITEM_DATE_TAIL_RE.split(item)
            if len(parts) == 2:
                ts = _timestamp_line(parts[1], max_extra=0)
                if ts is not None:
                    item, published = parts[0].strip(), ts.value
            if len(_words(item)) >= 3:
                page.links.append(Link("inline", len(page.links) + 1, item, None, None, None, published, ln))
                blocks.append(Block("related", ln, ln, s))
                i += 1
                continue
        text_lines.append((ln, s))
        i += 1


def _head_body_pass(page: Page, text_lines, kinds, blocks, stamps: dict) -> tuple[str, ...]:
    """Title, standfirst, byline, date, caption, body paragraphs and subheadings.

    Returns the :data:`ATTRIBUTION_KEYS` the body lines hold (for :func:`_finish`).
    """
    n = len(text_lines)
    feats: list[tuple[int, float]] = []  # (words, share of capitalised words)
    sentence: list[bool] = []
    label: list[str | None] = []
    for ln, s in text_lines:
        k = kinds.get(ln)
        if k in ("bullet", "video_mark", "summary_header"):
            k = None  # not furniture after all: treat as text
        if k is not None:  # features are read for unlabelled lines only
            nw, cap = 0, 0.0
        elif len(s) > 200:  # running text: only the (approximate) word count matters
            nw, cap = s.count(" ") + 1, 0.0
        else:
            nw, cap = _word_features(s)
        feats.append((nw, cap))
        sentence.append(_is_sentence(s, nw))
        # Photo captions with a slash credit ("Presiden Rusia Vladimir Putin/Net").
        if k is None and "/" in s and s[-1] not in TERMINAL_END and nw <= 30 and CREDIT_SLASH_RE.match(s):
            k = "caption"
        label.append(k)

    # Navigation runs: three or more consecutive very short lines (menus, tag clouds, "A A A").
    run: list[int] = []
    for idx in range(n + 1):
        if idx < n and label[idx] is None and feats[idx][0] <= SHORT_LINE_WORDS \
                and text_lines[idx][1][-1] not in TERMINAL_END:
            run.append(idx)
            continue
        if len(run) >= 3:
            for r in run:
                label[r] = "navigation"
        run = []
    # A caption repeated as alt text just before it (the repeat may lack the credit).
    for idx in range(n - 1):
        if label[idx] is None and label[idx + 1] == "caption" and _is_prefix_dup(text_lines[idx][1], text_lines, idx):
            label[idx] = "caption"

    def head_furniture_follows(idx: int) -> bool:
        nxt = idx + 1
        return nxt < n and label[nxt] in HEAD_FURNITURE

    # Title: the first headline-shaped line before any running text.
    title_idx = None
    for idx in range(n):
        if label[idx] is not None:
            continue
        nw = feats[idx][0]
        s = text_lines[idx][1]
        # a question or exclamation opening the page is a headline ("Apa isi kesepakatan damai itu?")
        if sentence[idx] and not (s[-1] in "?!" and nw <= 20 and len(s) <= 160):
            break
        if nw <= 2:
            label[idx] = "navigation"  # section labels above the headline ("Politik", "Berita")
            continue
        if nw >= 3 and len(s) <= 250:
            title_idx = idx
            label[idx] = "title"
        break

    # Body start: the first running text not followed by head furniture; an outlet/place prefix a
    # few lines further down moves it there (what lies between is still head).
    body_start = n
    for idx in range((title_idx or -1) + 1, n):
        if label[idx] is None and sentence[idx] and (title_idx is None or not head_furniture_follows(idx)
                                                     or _dateline_prefix(text_lines[idx][1]) is not None):
            body_start = idx  # (an ad or photo may follow the first paragraph: "Jakarta - ..." starts the body)
            break
    seen_text = 0
    for idx in range(body_start, n):
        if label[idx] is not None:
            continue
        if sentence[idx] and _dateline_prefix(text_lines[idx][1]) is not None:
            body_start = idx
            break
        seen_text += 1
        if seen_text > 3:
            break

    # Head lines between the title and the body.
    title_key = _norm_key(text_lines[title_idx][1]) if title_idx is not None else None
    for idx in range(body_start):
        if label[idx] is not None:
            continue
        s = text_lines[idx][1]
        nw, cap = feats[idx]
        prev_kind = label[idx - 1] if idx > 0 else None
        next_kind = label[idx + 1] if idx + 1 < n else None
        if prev_kind == "caption" or next_kind == "caption" or _is_prefix_dup(s, text_lines, idx):
            label[idx] = "caption"
        elif title_key is not None and _norm_key(s) == title_key:
            label[idx] = "duplicate"
        elif (2 <= nw <= 4 and cap == 1.0 and not _DIGIT_RE.search(s) and s[-1] not in TERMINAL_END) or (
                nw <= 6 and BYLINE_OUTLET_RE.match(s)):
            label[idx] = "byline"
        elif nw <= 2:
            label[idx] = "navigation"
        else:
            label[idx] = "summary"

    # Body: paragraphs and subheadings; repeats (same words, any case) become duplicates.
    seen: set[str] = set()
    body_lines: list[str] = []  # the paragraphs' lines
    last_par = -1
    for idx in range(n):
        kind = label[idx]
        if kind is not None or idx < body_start:
            if kind in ("title", "summary", "caption") and len(key := text_lines[idx][1].casefold()) > 20:
                seen.add(key)
            continue
        s = text_lines[idx][1]
        key = s.casefold()
        if len(key) > 20 and key in seen:
            label[idx] = "duplicate"
            continue
        nw, cap = feats[idx]
        heading_like = (nw <= 8 and s[-1] not in TERMINAL_END) or nw <= 2 or (nw <= 6 and s[-1] == "?") or (
            5 <= nw <= 25 and cap >= 0.65 and s[-1] not in ".,;:\"”’" and len(s) <= 200)
        if heading_like and LIST_ITEM_RE.match(s) and cap < 0.65:
            heading_like = False  # "1. Kota Bandung dengan 1.741 kasus" is list content
        if heading_like:
            label[idx] = "subheading"
        else:
            label[idx] = "paragraph"
            body_lines.append(s)
            last_par = idx
        if len(key) > 20:
            seen.add(key)
    # Subheadings after the last paragraph are not headings of anything.
    for idx in range(last_par + 1, n):
        if label[idx] == "subheading":
            label[idx] = "unknown"

    para_n = 0
    last_speaker = None
    date_who = ""  # who the date line names ("Oleh X pada 12 Nov 2020"): the byline unless a byline line says
    body_keys = _present(BODY_KEYS, "\n".join(body_lines))  # one scan for both sets of keys
    trailing_keys = tuple(k for k in body_keys if k in TRAILING_KEYS)
    for idx in range(n):
        ln, s = text_lines[idx]
        kind = label[idx] or "unknown"
        blocks.append(Block(kind, ln, ln, s))
        if kind == "paragraph":  # (most lines: tested first)
            para_n += 1
            ptext, prefix, trailer = s, None, None
            if para_n == 1:
                m = _dateline_prefix(s)
                if m is not None:
                    prefix = m.group(0).strip()
                    ptext = s[m.end() :]
                    if page.dateline is None:
                        page.dateline = m.group("dateline").strip(" ,")
            mf = TRAILING_FURNITURE_RE.search(ptext) if any(map(ptext.__contains__, trailing_keys)) else None
            if mf:
                trailer = mf.group(0).strip()
                ptext = ptext[: mf.start()].rstrip()
            mt = TRAILER_RE.search(ptext) if ptext[-1:] in (")", "]") else None
            if mt:
                trailer = mt.group("trailer") if trailer is None else f"{mt.group('trailer')} {trailer}"
                ptext = ptext[: mt.start()].rstrip()
            page.paragraphs.append(Paragraph(para_n, ptext, ln, ln, prefix, trailer))
            qs, last_speaker = _extract_quotes(para_n, ptext, last_speaker)
            page.quotes.extend(qs)
        elif kind == "title" and page.title is None:
            page.title = TITLE_SITE_SUFFIX_RE.sub("", s)  # "Headline - Kompas.com": the block keeps the suffix
        elif kind == "summary" and page.summary is None:
            page.summary = s
        elif kind == "caption":
            cap_text, credit = _split_credit(s)
            if page.caption is None and cap_text:
                page.caption = cap_text
            if page.photo_credit is None and credit:
                page.photo_credit = credit
        elif kind == "byline" and page.byline is None:
            if s.lower().rstrip(" :") not in BYLINE_WORDS:  # not a bare label ("Penulis" below the name)
                page.byline = s
        elif kind == "date":
            ts = _timestamp_line(s, memo=stamps)
            if page.published is None and ts is not None:
                page.published = ts.value
                if ts.weekday_ok is False:
                    page.warnings.append(f"date line {ln}: day name does not match the date")
                who = s[: ts.start].strip(" ,|-•–")
                who = DATE_LINE_WHO_RE.sub("", who)
                if not OUTLET_ONLY_RE.match(who):  # "Kompas.com - 11/11/2020": the outlet, not a byline
                    date_who = who
        elif kind == "source" and page.source is None:
            page.source = SOURCE_LINE_RE.match(s).group("source").strip()
        elif kind == "dateline" and page.dateline is None:
            page.dateline = s.strip(" -–—")
    if page.byline is None and date_who:
        page.byline = date_who
    return tuple(k for k in body_keys if k in ATTRIBUTION_KEYS)


def _merge_blocks(blocks: list[Block]) -> list[Block]:
    """Merge neighbouring blocks of the same furniture kind (a caption and its repeat, an ad run)."""
    out: list[Block] = []
    for b in blocks:
        if out and b.kind in MERGE_KINDS and out[-1].kind == b.kind:
            a = out.pop()
            b = Block(b.kind, a.line_start, b.line_end, a.text + "\n" + b.text)
        out.append(b)
    return out


def _is_prefix_dup(s: str, text_lines, idx: int) -> bool:
    """A caption repeated as alt text: the next line repeats this one (or extends it)."""
    if idx + 1 >= len(text_lines):
        return False
    a, b = _norm_key(s), _norm_key(text_lines[idx + 1][1])
    return len(a) > 20 and (b.startswith(a) or a.startswith(b))


def _dateline_prefix(s: str) -> re.Match[str] | None:
    """The outlet/place prefix opening a first paragraph, if the line has one."""
    m = DATELINE_RE.match(s)
    if m is None or len(s) - m.end() < 25:
        return None
    dl = m.group("dateline")
    if len(dl) > 45:
        return None
    sep = s[m.end("dateline") : m.end()].strip()
    if sep == ".":
        return m if dl.isupper() else None  # "JAKARTA. Beberapa ..."
    if sep == ":":
        return m if " " not in dl else None  # "Jakarta: Kepala ..."
    if sep[:1] in "–—" or sep[:2] == "--":
        return m if len(dl.split()) <= 4 else None  # "Telegraf – Jatuh ...", "Ankara, MINA – ..."
    # plain hyphen: "Sosok.ID -", "JAKARTA -", "Jakarta -"
    return m if OUTLET_HINT_RE.search(dl) or PLACE_WORD_RE.fullmatch(dl) else None


def _finish(page: Page, attribution_keys: tuple[str, ...]) -> None:
    """Page-level values derived from the blocks and records.

    ``attribution_keys``: the :data:`ATTRIBUTION_KEYS` that the paragraphs' lines hold (a key in
    a paragraph is in its line, so only these keys need a test per paragraph).
    """
    stamps = [x.published for x in page.links if x.published is not None]
    stamps += [v.date for v in page.videos if v.date is not None]
    page.crawled = max(stamps) if stamps else None
    keys = attribution_keys if page.source is None else ()
    for p in page.paragraphs if keys else ():
        if any(map(p.text.__contains__, keys)) and (m := ATTRIBUTION_RE.search(p.text)):
            page.source = m.group("source").rstrip(".,")
            break
    if page.published is None and page.paragraphs and "edisi" in page.paragraphs[0].text.lower():
        m = EDITION_RE.search(page.paragraphs[0].text)
        if m:
            found = find_timestamps(page.paragraphs[0].text[m.end() - 1 : m.end() + 40])
            if found:
                page.published = found[0].value
    if page.paragraphs:
        last = page.paragraphs[-1].text
        page.truncated = last[-1] not in TERMINAL_END and not last.endswith(":") and not LIST_ITEM_RE.match(last)
    else:
        page.warnings.append("no article body found")
