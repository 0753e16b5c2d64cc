"""Regexes, word lists and cut-offs of the page parser, grouped by block kind; :class:`Kind`, the block kinds.

Every pattern is matched against one cleaned, stripped line. Most lines are text, so the parser tries
a pattern only after a cheap test (a first word, a character, a length) that every line the pattern
matches passes; the word lists beside a pattern are those tests (keep them in step with it).
"""

from __future__ import annotations

import enum
import re

from analysis.lexicon import TITLE_WORDS


class Kind(enum.StrEnum):
    """The kinds of block a page is split into, in reading order of a typical page.

    A member equals its string (``Kind.title == "title"``); the ``blocks`` table holds the plain strings.
    """

    navigation = "navigation"  # menus, tag clouds, section labels, breadcrumbs
    title = "title"  # the headline
    summary = "summary"  # standfirst under the headline; also "Ringkasan" bullet summaries
    byline = "byline"  # author/editor lines
    date = "date"  # the date line
    caption = "caption"  # photo caption and credit
    dateline = "dateline"  # an outlet/place prefix alone on a line ("TRIBUNNEWS.COM -")
    paragraph = "paragraph"  # body paragraph
    subheading = "subheading"  # short heading inside the body
    related = "related"  # inline related-article link ("Baca juga: ...", bullet lists)
    duplicate = "duplicate"  # a repeat of an earlier line
    source = "source"  # an explicit "Sumber:" line
    signature = "signature"  # closing initials ("(gil)")
    comments = "comments"  # comment-section furniture
    video = "video"  # one video item
    links = "links"  # a link-list heading ("Artikel Lainnya")
    link = "link"  # one item of such a list
    boilerplate = "boilerplate"  # ads, share/follow/subscribe prompts, widget text
    unknown = "unknown"  # a line no rule places


class Mark(enum.StrEnum):
    """Line marks of :func:`analysis.page.lines.classify` that are not block kinds: the furniture pass
    turns the lines they mark (and the lines after them) into blocks, or leaves them as text."""

    video_mark = "video_mark"  # "Video" above a video item
    topics = "topics"  # a tag header ("Topik terkait") above its tags
    summary_header = "summary_header"  # "Ringkasan" above bullet points
    bullet = "bullet"  # a bulleted line (an inline link when it is headline-like)


#: Kinds that sit between a headline and the body; a sentence followed by one is a standfirst/caption.
HEAD_FURNITURE = frozenset({Kind.byline, Kind.date, Kind.caption, Kind.boilerplate, Kind.navigation, Kind.dateline})
#: Kinds whose consecutive blocks merge into one (plain strings, as blocks hold them).
MERGE_KINDS = frozenset(map(str, (Kind.caption, Kind.byline, Kind.navigation, Kind.boilerplate, Kind.comments,
                                  Kind.unknown)))
#: Marks the head/body analysis reads as text (what the furniture pass did not take).
TEXT_MARKS = frozenset({Mark.bullet, Mark.video_mark, Mark.summary_header})

# Cut-offs (characters of a line unless named otherwise)

#: Longer lines are running text: only furniture recognisable by how it starts is looked for in them.
RUNNING_TEXT_CHARS = 200
#: A line of at most this many words is short (a menu item, a tag, a section label).
SHORT_LINE_WORDS = 3
#: Three or more consecutive short lines are a navigation run.
NAVIGATION_RUN_LINES = 3
#: Longest inline related link, and longest caption, among running-text lines.
LONG_RELATED_CHARS = 300
LONG_CAPTION_CHARS = 400
#: How far from its end a long caption's agency credit may start.
CREDIT_TAIL_CHARS = 100
#: Longest exact furniture line ("Bagikan:") and heading (link lists, tags, "Video", reading time).
FURNITURE_LINE_CHARS = 40
FONT_WIDGET_CHARS = 16
COMMENTS_LINE_CHARS = 160
#: Longest date line (a line that is nearly only a timestamp) and byline line.
DATE_LINE_CHARS = 120
BYLINE_LINE_CHARS = 120
SOURCE_LINE_CHARS = 100
SIGNATURE_CHARS = 44
#: Longest embed placeholder ("[Gambas:Video CNN]").
EMBED_CHARS = 80
BREADCRUMB_CHARS = 150
DATELINE_ALONE_CHARS = 60
#: Longest credit line without a caption ("Foto: Reuters").
CREDIT_LINE_CHARS = 80

# Boilerplate: ads, share/follow prompts, widget text

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
    "lanjut baca", "selengkapnya", "menuju konten utama", "menuju ke konten utama", "loncat ke konten",
    "loncat ke konten utama", "lewati ke konten", "lewati ke konten utama", "langsung ke konten utama",
})
#: Furniture recognised by its wording anywhere in a short line.
BOILERPLATE_RE = re.compile(
    r"whatsapp|google news|telegram channel|berlangganan|klik di sini|baca berita tanpa iklan"
    r"|gabung(?:lah)? (?:ke|di|bersama)|ikuti (?:kami|berita|saluran|channel)|follow (?:us|kami|saluran)"
    r"|download (?:aplikasi|app)|unduh aplikasi|sebagian artikel (?:sudah|telah) tayang"
    r"|artikel ini (?:telah|sudah) tayang|nikmati berita|live report|^logo\b|^zoom-in\b|^via \S+\.\w+$"
    r"|^(?:sumber|source) ?: ?-?$|cek berita dan artikel|copyright|hak cipta|all rights reserved"
    r"|^\W*(?:share|bagikan)\W*(?:facebook|twitter|whatsapp|x)\b"
    r"|selengkapnya\b.{0,40}\bdi sini\W*$",  # a call to read on: "Cek selengkapnya di sini."
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
#: Literal parts of BOILERPLATE_RE's alternatives (lower case): a line BOILERPLATE_RE matches holds one
#: of BOILERPLATE_HINTS or starts with one of BOILERPLATE_LEADS (keep them in step with the pattern).
BOILERPLATE_HINTS = ("whatsapp", "google news", "telegram channel", "berlangganan", "klik di sini", "tanpa iklan",
                     "gabung", "ikuti ", "follow ", "download ", "unduh aplikasi", "tayang", "nikmati berita",
                     "live report", "cek berita", "copyright", "hak cipta", "rights reserved", "share", "bagikan",
                     "selengkapnya")
BOILERPLATE_LEADS = ("logo", "zoom-in", "via ", "sumber", "source")
#: Words of which a line must hold one (as a whole word) to be boilerplate by BOILERPLATE_RE.
BOILERPLATE_WORDS = frozenset({
    "whatsapp", "google", "telegram", "berlangganan", "klik", "tanpa", "gabung", "gabunglah", "ikuti", "follow",
    "download", "unduh", "tayang", "nikmati", "live", "logo", "zoom", "via", "sumber", "source", "cek",
    "copyright", "hak", "rights", "share", "bagikan", "selengkapnya",
})
#: Text-size buttons: "A A A", "Font: A- A+".
FONT_WIDGET_RE = re.compile(r"^(?:font\s*:?\s*)?(?:a[-+]?\s*){2,4}$", re.IGNORECASE)
#: Reading time: "Dibaca Normal 3 menit", "3 menit baca", "Waktu baca: 5 menit", "4 min read".
READING_TIME_RE = re.compile(
    r"^(?:(?:dibaca normal|waktu baca|estimasi (?:waktu )?baca)\s*:?\s*)?\d+\s*(?:menit|min)"
    r"(?:\s+(?:baca|membaca|read))?$",
    re.IGNORECASE,
)

# Paragraph: furniture glued to body paragraphs, list items

#: Furniture glued to the end of a paragraph: "... keluar. AFP PHOTO/X Cek Berita dan Artikel yang lain di Google News".
TRAILING_FURNITURE_RE = re.compile(
    r"(?<=[.!?\"”’])\s+(?:[A-Z]{2,}\s+PHOTO/[^.!?]{0,80}?\s+)?(?:Cek Berita dan Artikel|Simak breaking news"
    r"|Dapatkan update berita|Baca berita (?:lainnya|selengkapnya)|Ikuti (?:berita|kami|saluran)|Download aplikasi"
    r"|Baca juga\s*:)\b.*$|(?<=[.!?\"”’])\s+[A-Z]{2,}\s+PHOTO/[^.!?]{0,80}$"
    r"|(?<=[.!?\"”’])\s+(?P<link>Baca(?: juga)?\s*:\s*[A-Z0-9\"“].{8,200})$",  # "... ? Baca: Headline (agk)"
)
TRAILING_KEYS = ("PHOTO/", "Cek Berita", "Simak breaking", "Dapatkan update", "Baca berita", "Ikuti ",
                 "Download aplikasi", "Baca juga", "Baca:", "Baca :")
#: Closing initials after a trailing link's headline: "Baca: Headline (agk)".
LINK_INITIALS_RE = re.compile(r"\s*[(\[][a-z]{1,6}(?:/[a-z]{1,6}){0,3}[)\]]$")
ATTRIBUTION_KEYS = ("dimuat", "dikutip", "dilansir", "melansir", "mengutip", "kantor berita", "menurut laporan",
                    "dilaporkan")
BODY_KEYS = TRAILING_KEYS + ATTRIBUTION_KEYS
#: Closing initials glued to the end of a paragraph: '..." [ka/pp]', '... (T/RI-1/P1)'.
TRAILER_RE = re.compile(r"(?<=[.!?\"”’])\s*(?P<trailer>[(\[][A-Za-z][\w/\- ]{0,20}[)\]])$")
#: A list item: "1. Kota Bandung ...", or a time-led item of a schedule ("Pukul 18.15 WIB - Berita Malam").
TIME_ITEM_RE = re.compile(r"^(?:(?i:pukul|jam)\s+)?\d{1,2}[.:]\d{2}\b(?:\s*(?:WIB|WITA|WIT))?\s*(?:[-–:]|s/?d)")
LIST_ITEM_RE = re.compile(rf"^\d{{1,2}}[.)]\s|{TIME_ITEM_RE.pattern}")
#: A store's metadata stamp glued in front of a line: "date 2024-09-09 Judul ...", "date 2023-09 Pemerintah ...".
STORE_STAMP_RE = re.compile(r"^date \d{4}-\d\d(?:-\d\d)?(?:[ T]\d\d:\d\d(?::\d\d)?)?\s+(?=\S)")

# Related, links and link: inline links and link lists

RELATED_STARTS = ("baca", "lihat", "simak", "tonton", "klik", "berita terkait", "artikel terkait", "related",
                  "pilihan editor")
#: Inline related links: "Baca juga: Headline", "BACA JUGA : Headline", "Baca: Headline |".
RELATED_RE = re.compile(
    r"^(?:baca|lihat|simak|tonton|klik)(?: juga| pula)?(?: video| berita| artikel)?\s*"
    r"(?::|-|»|(?<=(?-i:JUGA|PULA)) (?=(?-i:[A-Z0-9\"“])))\s*"  # also "BACA JUGA Headline" (capitals, no colon)
    r"(?P<headline>.+?)\s*\|?$"
    r"|^(?:berita terkait|artikel terkait|related|pilihan editor)\s*:\s*(?P<headline2>.+?)$",
    re.IGNORECASE,
)
#: Two headlines glued in one link item: a word of five or more lower-case letters runs into a capitalised
#: word ("... Pimpin RevolusiIni Penyebab ..."); a split needs three words on each side (see furniture).
GLUED_HEADLINE_RE = re.compile(r"(?<=[a-z]{5})(?=[A-Z][a-z]+ )")
GLUED_SIDE_WORDS = 3
BULLET_RE = re.compile(r"^[•·▪►●◦\-–*]\s+(?P<item>\S.*)$")
BULLET_CHARS = frozenset("•·▪►●◦-–*")
#: A trailing " - 2 Maret 2021" on a list item.
ITEM_DATE_TAIL_RE = re.compile(r"\s+[-–|•]\s+(?=[^-–|•]*$)")
#: Headings of link lists (sidebars, "related" boxes).
LINKS_HEADER_RE = re.compile(
    r"^(?:artikel lainnya|artikel terkait|berita terkait|berita lainnya|baca juga|berita populer"
    r"|terpopuler|artikel populer|rekomendasi|rekomendasi untuk anda|pilihan redaksi|berita pilihan"
    r"|lainnya dari \S+|recommended|related(?: articles| news)?|more stories|most popular|populer"
    r"|terkini|berita terkini|berita terbaru|artikel terbaru|video pilihan|video terkait"
    r"|lihat juga|simak juga|baca pula|berita \S+ lainnya|(?:berita|artikel) terpopuler"
    r"|most read|rekomendasi (?:artikel|berita)|artikel rekomendasi|(?:artikel|berita) selanjutnya|next article"
    r"|headlines?|headline news|berita utama|(?:artikel|berita) sebelumnya)\s*:?$",
    re.IGNORECASE,
)
#: Link-list headers inside an article ("Baca juga:" alone on its line, the headline below it): their
#: links are inline, and the list ends where running text resumes.
INLINE_HEADER_RE = re.compile(r"^(?:baca|lihat|simak) (?:juga|pula)\s*:?$", re.IGNORECASE)
#: A link-list header glued to the tags before it: "inflasi harga-pangan bpsBerita Sebelumnya" (the tail is
#: then matched by LINKS_HEADER_RE).
GLUED_LINKS_HEADER_RE = re.compile(r"(?<=[a-z0-9])(?P<header>[A-Z][a-z]+(?: [A-Za-z]+){0,2})$")
#: Widget labels inside an article ("Headline" above another story's headline and teaser): a link list
#: that ends, like an inline one, where running text resumes.
WIDGET_HEADER_RE = re.compile(r"^(?:headlines?|headline news|berita utama)\s*:?$", re.IGNORECASE)
#: A rank number on a line of its own in a "most popular" list.
RANK_RE = re.compile(r"^\d{1,2}\.?$")
SECTION_NAMES = frozenset({
    "dunia", "internasional", "nasional", "ekonomi", "bisnis", "politik", "olahraga", "sport",
    "hiburan", "teknologi", "tekno", "otomotif", "kesehatan", "gaya hidup", "lifestyle", "news",
    "berita", "hukum", "daerah", "regional", "metro", "megapolitan", "opini", "sains", "edukasi",
    "pendidikan", "wisata", "travel", "kuliner", "global", "sepak bola", "bola", "market", "finansial",
    "keuangan", "properti", "seleb", "selebriti", "video", "foto", "humaniora", "peristiwa", "kriminal",
})

# Video and comments

VIDEO_MARK_RE = re.compile(r"^(?:video|videos|tonton video|video lainnya)$", re.IGNORECASE)
COMMENTS_RE = re.compile(
    r"^(?:kolom komentar|komentar|tulis komentar|\d+ komentar|komentar \(\d+\)|lihat komentar"
    r"|limit \d+ karakter|berkomentarlah\b.*|komentar sepenuhnya menjadi tanggung jawab.*"
    r"|comments?|leave a comment|beri komentar|kirim komentar|belum ada komentar\.?)$",
    re.IGNORECASE,
)

# Navigation: tags, breadcrumbs

TOPIC_STARTS = ("tag", "topik", "kata kunci", "keyword")
#: Tags on the header's own line: "Tags: Armenia, Azerbaijan".
TOPIC_LINE_RE = re.compile(r"^(?:tags?|topik(?: terkait)?|kata kunci|keywords?)\s*:\s*\S", re.IGNORECASE)
#: A header of tags ("Topik terkait", "Tags:"): the short lines below it are tags, not links.
TOPIC_HEADER_RE = re.compile(r"^(?:tags?|topik|topik terkait|tag terkait|kata kunci|keywords?)\s*:?$", re.IGNORECASE)
#: A breadcrumb trail: "Home » Internasional » Eropa", "Beranda > Dunia", "News / Internasional / Eropa".
BREADCRUMB_SEPARATORS = ("»", "›", ">", "→", " / ", " | ")
_CRUMB_SEP = r"(?:\s*[»›>→]\s*|\s+[/|]\s+)"  # "»" with or without spaces, "/" and "|" between spaces
_CRUMB = r"[^»›>→/|]"
BREADCRUMB_RE = re.compile(  # "Home" and one more crumb, or any three crumbs
    rf"^(?:(?:home|beranda|index)\s*[»›>→/|]\s*[^»›>→|]{{1,40}}"
    rf"|{_CRUMB}{{1,30}}{_CRUMB_SEP}{_CRUMB}{{1,40}}{_CRUMB_SEP}{_CRUMB}{{1,60}})(?:{_CRUMB_SEP}{_CRUMB}{{1,60}})*$",
    re.IGNORECASE,
)

# Title and summary

#: A site name after a headline, as in an HTML <title>: "... - Kompas.com", "... | merdeka.com".
TITLE_SITE_SUFFIX_RE = re.compile(r"\s+[-|–—]\s+[A-Za-z][\w-]*(?:\.[A-Za-z]{2,3}){1,2}$")
SUMMARY_HEADER_RE = re.compile(r"^(?:ringkasan berita|ringkasan|poin penting|intisari|highlights?)\s*:?$", re.I)

# Caption: photo captions and credits

#: BBC-style image lines: "Sumber gambar, EPA" (the credit), "Keterangan gambar, Warga ..." (the caption).
IMAGE_LABEL_RE = re.compile(r"^(?P<what>sumber|keterangan) (?:gambar|foto)\s*[,:]\s*", re.IGNORECASE)
IMAGE_LABELS = ("sumber gambar", "sumber foto", "keterangan gambar", "keterangan foto")
CREDIT_WORDS = frozenset({"foto", "photo", "getty", "dok", "reuters", "ilustrasi", "istimewa", "afp", "antara", "ist"})
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
#: A caption announced in its first words: "BERITA POPULER - Kolase foto: ...", "FOTO: ...".
PHOTO_LEAD_RE = re.compile(r"^.{0,60}?\b(?:kolase foto|foto ilustrasi|ilustrasi foto|foto|photo)\s*:", re.I)

# Byline

#: First words of byline lines (lower case).
BYLINE_WORDS = ("penulis", "editor", "reporter", "pewarta", "kontributor", "redaktur", "penyunting", "editor bahasa",
                "fotografer", "laporan wartawan", "laporan", "oleh", "by", "writer", "author", "ditulis oleh",
                "video editor")
BYLINE_RE = re.compile(rf"^(?:{'|'.join(BYLINE_WORDS)})\b\s*[:|]?", re.IGNORECASE)
#: A byline in the head as "Name Name - outlet" ("Rifki Pratama - detikNews").
BYLINE_OUTLET_RE = re.compile(r"^(?:[A-Z][\w'’.]*\s+){1,3}[A-Z][\w'’.]*\s+[-–|]\s+\S+$")

# Date: date lines, edition dates

#: The core of any absolute date: "08 April 2021", "8 Agt. 2021", "23/08/2022".
DATE_CORE_RE = re.compile(r"\d(?:\s+[^\W\d_]{3,9}\.?\s+|/[01]?\d/)(?:19|20)\d\d")
#: Words around the name in a date line: "Oleh X pada 12 Nov 2020", "By X on ...".
DATE_LINE_WHO_RE = re.compile(r"^(?:by|oleh)\s*:?\s+|\s+(?:pada|on|at|diterbitkan|dipublikasikan)$", re.IGNORECASE)
#: A bare outlet name ("Kompas.com", "TEMPO.CO", "detikNews").
OUTLET_ONLY_RE = re.compile(r"^[\w-]+(?:\.[a-z]{2,3}){1,2}$|^[a-z]+[A-Z]\w*$", re.IGNORECASE)
EDITION_RE = re.compile(r"\bedisi\s+(?=\w)", re.IGNORECASE)

# Dateline: the outlet/place prefix of the first paragraph

#: A word of a dateline: a capitalised word, a parenthesised agency ("(ANTARA)", "(ANTARA/Reuters)"),
#: or a lower-case domain ("tirto.id").
_DATELINE_PART = r"(?:[A-Z][\w.’'&+]*|\([\w.]+(?:[ /][\w.]+)*\)|[a-z][\w-]*\.(?:id|com|co\.id|net)\b)"
#: The outlet/place prefix of a first paragraph: "REPUBLIKA.CO.ID, MOSKOW --", "Jakarta, IDN Times -".
DATELINE_RE = re.compile(
    rf"^(?P<dateline>{_DATELINE_PART}(?:[ ,]+{_DATELINE_PART}){{0,5}})"
    r"(?:(?:\s+(?:--|—|–|-)\s*|\s*(?:--|—|–)\s+)(?:(?P<city>[A-Z]{3,}(?: [A-Z]{3,})?)\.\s+)?"
    r"|\s*(?::|\.)\s+(?=[A-Z\"“])"
    r"|(?<=[A-Z]{5})[-–—](?=[A-Z][a-z]))"  # glued to a capitalised place: "JAKARTA-Gencatan ..."
    r"(?=\S)"
)
DATELINE_ALONE_RE = re.compile(r"^[A-Z][\w.]*(?:[ ,]+[A-Z][\w.]*){0,4}\s*(?:--|—|–|-)$")
OUTLET_HINT_RE = re.compile(r"[A-Z]{3,}|\.(?i:com|id|co|net|tv|org)\b|\b[A-Z][a-z]+ ?[A-Z]|, [A-Z]{2}\b", re.UNICODE)
#: A place name alone before a plain hyphen, as detik.com writes it ("Jakarta - ...").
PLACE_WORD_RE = re.compile(r"[A-Z][a-z]{2,19}")

# Source and signature

SOURCE_LINE_RE = re.compile(r"^(?:sumber|source)\s*:\s*(?P<source>https?://\S+|\S.{0,80})$", re.IGNORECASE)
ATTRIBUTION_RE = re.compile(
    r"\b(?:dimuat|dikutip(?: dari)?|dikutip|dilansir(?: dari)?|melansir|mengutip|kantor berita"
    r"|menurut laporan|dilaporkan)\s+(?:kantor berita\s+|laman\s+|situs\s+|media\s+|harian\s+|dari\s+)?"
    r"(?P<source>[A-Z][\w.\-]*(?:\s+(?:[A-Z][\w.\-]*|News|Today|Times|Post)){0,3})"
)
SIGNATURE_RE = re.compile(r"^[(\[][\w .,'’/-]{1,40}[)\]]$")

# Quotes (see analysis.page.quotes)

#: Quotations: a double-quote pair (straight or curly) holding at least a few words.
QUOTE_CHARS_RE = re.compile(r"[\"“”]")
SPEECH_VERBS = (
    "kata|ujar|ucap|tutur|tegas|tekan|jelas|terang|ungkap|sebut|tambah|lanjut|pungkas|imbuh|cuit"
    "|tulis|papar|klaim|seru|sambung|timpal|beber|aku|katanya|ujarnya|demikian"
)
#: Speech verb right after a closing quote ('"...," kata Peskov'); matched at the quote's end.
AFTER_QUOTE_RE = re.compile(
    rf"\s*[,.]?\s*(?P<verb>(?:{SPEECH_VERBS})(?:nya)?)\b\s*(?P<rest>.{{0,120}})", re.IGNORECASE
)
#: Verbs that announce a quote ('Peskov mengatakan, "..."').
BEFORE_VERBS = ("mengatakan", "menambahkan", "berkata", "menegaskan", "menyatakan", "menuturkan", "mengungkapkan",
                "menjelaskan", "menyebut", "menyebutkan", "bertanya", "menulis", "mencuit", "berujar", "melanjutkan")
#: Pronouns between a BEFORE_VERBS verb (or its ``bahwa``) and a partial quote: 'X mengatakan bahwa dia "..."'.
QUOTE_LEAD_PRONOUNS = frozenset({"ia", "dia", "mereka", "pihaknya"})
BEFORE_QUOTE_RE = re.compile(
    r"(?P<who>(?:[A-Z][\w'’.\-]*)(?:\s+(?:[A-Z][\w'’.\-]*|al-\w+|bin|de|van))*|[Ii]a|[Dd]ia|[Mm]ereka|[Bb]eliau)"
    rf"(?:\s+\w+){{0,3}}?\s+(?P<verb>{'|'.join(BEFORE_VERBS)})"
    rf"(?:\s+bahwa)?(?:\s+(?:{'|'.join(sorted(QUOTE_LEAD_PRONOUNS))}))?\s*,?\s*:?\s*$"
)
#: A speaker named after a clause: "kata juru bicara itu, Dmitry Peskov" (after the speech verb).
SPEAKER_AFTER_CLAUSE_RE = re.compile(r"[^.,;\"“”]{0,60},\s*(?P<who>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*)+)")
NAME_RUN_RE = re.compile(r"[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|al-\w+|bin|de|van|drg?\.|\([A-Z]{2,}\)))*")
PRONOUNS = frozenset({"ia", "dia", "mereka", "beliau"})
_JOB_TITLES = (r"analis|ekonom|pengamat|peneliti|dosen|guru besar|pakar|ahli|juru bicara|jubir|kepala|direktur"
               r"|ketua|manajer|pejabat|staf|wakil|anggota|sekretaris|kepala ekonom|pelatih|kapten|pengacara"
               r"|kuasa hukum|koordinator|aktivis|lembaga|organisasi|kelompok")
#: Lower-case job titles before an organisation and a name: "kata analis Bank Nusantara Dewi Sari".
JOB_TITLE_RE = re.compile(
    rf"(?:{_JOB_TITLES})(?:\s+(?:senior|utama|eksekutif|politik"
    r"|ekonomi|hukum|pasar|kebijakan|riset))?\s+(?=[A-Z])"
)
#: A sentence that opens with a job title and lower-case words before the name: "Juru bicara kepresidenan
#: Ibrahim Kalin mengutuk ..." (the name is the subject, not "Juru").
JOB_TITLE_LEAD_RE = re.compile(rf"(?i:{_JOB_TITLES})(?:\s+[a-z][\w\-]*){{0,4}}\s+(?=[A-Z])")
#: Verbs of saying, claiming and judging that make the sentence's subject the speaker of a quotation inside it:
#: 'Cavusoglu menggarisbawahi, dia tiba "untuk ..."', 'Dia menuduh Armenia "menjadi ancaman ..."'.
SAY_VERBS = (
    *BEFORE_VERBS, "menyebutnya", "menggarisbawahi", "memuji", "menuduh", "mengkritik", "mengutuk", "mengecam",
    "menilai", "menekankan", "menyampaikan", "mengklaim", "memperingatkan", "mendesak", "menyerukan", "mengancam",
    "berjanji", "bersumpah", "menggambarkan", "membantah", "mengakui", "mengaku", "menganggap", "mengingatkan",
    "berharap", "menuntut", "meminta", "mengajak", "menyesalkan", "menolak", "mengumumkan", "melaporkan",
    "berpendapat", "menduga", "menyinggung", "menjanjikan", "menyoroti", "mengeluhkan",
)
#: Any of SAY_VERBS (the look-ahead skips, cheaply, every position where none can start).
SAY_VERBS_RE = re.compile(rf"\b(?=me|ber)(?:{'|'.join(SAY_VERBS)})\b")
#: A capitalised word, a run of them, and a name (a run with name particles: "Abdel Fattah al-Burhan").
_CAP = r"[A-Z][\w'’.\-]*"
_CAPS = rf"{_CAP}(?:\s+{_CAP})*"
_NAME = rf"{_CAP}(?:\s+(?:{_CAP}|al-\w+|bin|de|van))*"
#: "Menurut X, ..." at a sentence start: X is who speaks in the rest of the sentence.
ACCORDING_TO_RE = re.compile(rf"Menurut\s+(?P<who>{_CAPS})\s*,")
#: A name, an apposition between commas, then a verb: "Richard Giragosian, direktur lembaga X, mengatakan",
#: "Tri Handayani, Kepala Badan X, mengatakan" (the name is the one whose first word is not a role, see
#: ROLE_WORDS).
APPOSITION_SUBJECT_RE = re.compile(
    rf"(?P<who>{_NAME})(?:\s+\(\d{{1,3}}\))?,\s+[^.;\"“”]{{0,100}}?,\s+(?:juga\s+|pun\s+|telah\s+)?"
    r"(?:me|ber)[a-z]+\b"
)
#: A role, then the name between commas: "Kapten tim, Fajar Nugroho, mengatakan", "Direktur RSUD, dr. Bambang
#: Irawan, mengatakan", "Salah satu korban, Hendrik Gunawan (45), pengusaha ..., mengaku" (role checked by
#: ROLE_WORDS).
TITLED_NAME_RE = re.compile(
    rf"(?P<role>[A-Z][^,.;\"“”]{{0,80}}?),\s+(?P<who>(?:drg?\.\s+)?{_NAME})(?:\s+\(\d{{1,3}}\))?,\s+(?=[a-z])"
)
#: First words of a role before a name: lexicon.TITLE_WORDS (offices and ranks), the job titles' and these.
ROLE_WORDS = TITLE_WORDS | frozenset(t.split()[0] for t in _JOB_TITLES.split("|")) | frozenset({
    "salah", "kapolres", "kapolda", "kapolri", "kadis", "pimpinan", "pemimpin", "pendiri", "warga", "korban", "saksi",
    "relawan", "pedagang", "petani", "pihak", "kasat", "kasi", "kabid", "pemain", "penyerang", "kiper", "bek",
    "gelandang", "pebulu", "atlet",
})
#: A subject that points back by description: "Pengamat politik dari Universitas X ini menyebut ...".
ANAPHORIC_SUBJECT_RE = re.compile(
    r"[A-Za-z][^.,;\"“”]{0,80}?\s(?:ini|itu|tersebut)\s+(?:juga\s+|pun\s+)?(?:me|ber)[a-z]+"
)
#: Abbreviated honorifics, which end no name or sentence ("Prof. Dr. Hartati", "dr. Ratna").
HONORIFICS = frozenset({"Prof.", "Dr.", "dr.", "drg.", "Ir.", "H.", "Hj.", "KH.", "Drs.", "Dra."})
#: A name after the organisation of a job title: "juru bicara Kantor X (OCHA), Maria Lindqvist".
NAME_AFTER_COMMA_RE = re.compile(rf",\s+(?P<who>(?:drg?\.\s+)?{_NAME})\s*(?:[.,;]|$)")
#: An unnamed speaker ("Seorang pengungsi ...", "kata salah seorang warga"): no one to point back to.
INDEFINITE_RE = re.compile(r"(?i:seorang|salah seorang|salah satu|sejumlah|beberapa|para)\b")
#: A news agency as the subject of an attribution, and whom it cites: 'tulis kantor berita TASS, mengutip
#: Kementerian Pertahanan' (the ministry speaks; the agency relays).
OUTLET_SPEAKER_RE = re.compile(
    r"(?:kantor berita|media|surat kabar|harian|laman|situs|stasiun televisi|akun|pernyataan|keterangan|imbauan"
    rf"|unggahan)(?:\s+(?:resmi|tertulis|pers))?\s+(?P<outlet>{_CAPS})"
    r"(?:\s*,?\s+(?:yang\s+)?mengutip\s+(?P<cited>.{1,120}))?"
)
#: An attribution by description only, pointing back to someone named before: 'ucap pelatih asal Korea itu'.
ANAPHORIC_SPEAKER_RE = re.compile(
    r"(?!(?:seorang|salah|sejumlah|beberapa|para)\b)[a-z][\w\-]*(?:\s+[\w\-()]+){1,7}?\s+(?:tersebut|itu|ini)\b"
)
#: First words of an organisation's name: in "Bank Nusantara Dewi Sari" the person follows it.
ORG_HEADS = frozenset({"Bank", "PT", "Universitas", "Institut", "Institute", "Lembaga", "Badan", "Kementerian",
                       "Komisi", "Partai", "Dewan", "Pusat", "Center", "Centre", "Yayasan", "Asosiasi", "Kantor"})
#: Words that continue an organisation's name ("Kementerian Luar Negeri ..."), never a person's.
ORG_WORDS = frozenset({"Luar", "Dalam", "Negeri", "Keuangan", "Kesehatan", "Pertahanan", "Pusat", "Nasional",
                       "Negara", "Daerah", "Republik", "Indonesia", "Rakyat", "Umum", "Perdagangan", "Studi"})
#: The subject of a sentence, matched at its start, that names a person (capitalised words, then a verb):
#: "Menteri Keuangan Hendra Gunawan menyambut ...", "Hendra mengatakan ..."; the name a later -nya verb means.
SUBJECT_RE = re.compile(
    r"(?:Menurut\s+)?(?P<who>[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|al-\w+|bin|\([A-Z]{2,}\)))+"
    r"|[A-Z][\w'’\-]*(?=\s+(?:juga\s+|pun\s+|kembali\s+)?(?:me|ber)[a-z]+kan\b))"
    r"(?=\s+(?:[a-z]|\())"
)
#: Where a sentence ends (SUBJECT_RE is matched at the start of each).
SENTENCE_BREAK_RE = re.compile(
    r"[.!?](?<!\bdr\.)(?<!\bdrg\.)(?<!\bDr\.)(?<!\bProf\.)(?<!\bIr\.)(?<!\bH\.)(?<!\bHj\.)[\"”]?\s+"
)
#: First words of a sentence that are not a name ("Pada Senin ...", "Di Jakarta ...").
NOT_SUBJECT_WORDS = frozenset({"Pada", "Di", "Ke", "Dari", "Dalam", "Sementara", "Namun", "Selain", "Saat", "Setelah",
                               "Sebelum", "Sejak", "Hingga", "Kemudian", "Meski", "Karena", "Jika", "Bagi", "Untuk",
                               "Seperti", "Sebagai", "Kini", "Hari", "Tahun", "Sedangkan", "Adapun", "Bahkan",
                               "Terlepas", "Menanggapi", "Usai", "Seusai", "Menjelang", "Melalui", "Lewat", "Atas"})
#: A leading adverbial phrase before a sentence's subject: "Pada Jumat (2/10/2020) ", "Dalam pidatonya, ".
LEADING_PHRASE_RE = re.compile(r"[^,()\"“”]{0,60}?(?:\([^()]{0,30}\),?|,)\s+(?=\w)")

# Words and line ends (every kind)

SENTENCE_END = frozenset('.!?:"”’)…')
TERMINAL_END = frozenset('.!?"”’…')
WORD_RE = re.compile(r"[^\W\d_][\w'’\-]*")
#: The first letter of every WORD_RE word, as findall returns it (counts words without building them).
WORD_INITIAL_RE = re.compile(r"([^\W\d_])[\w'’\-]*")
#: For ASCII lines (see :func:`analysis.page.lines.word_features`): letters -> ``U``/``l``, the other characters words
#: may hold (digits, ``_``, ``'``, ``-``) dropped, everything else -> space.
ASCII_SHAPE = bytes(ord("U") if 65 <= b <= 90 else ord("l") if 97 <= b <= 122 else 32 for b in range(256))
ASCII_WORD_OTHER = b"0123456789_'-"
#: ASCII digits and lower-case letters kept, every other byte -> space (see :func:`analysis.page.lines.norm_key`).
ASCII_ALNUM = bytes(b if 48 <= b <= 57 or 97 <= b <= 122 else 32 for b in range(256))
DIGIT_RE = re.compile(r"\d")
NONWORD_RE = re.compile(r"[\W_]+")
