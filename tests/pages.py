"""A small hand-written page and a file writer shared by the loader and store tests."""

from pathlib import Path

#: Headline, a first paragraph with a dateline prefix, a second paragraph (our own words).
PAGE = (
    "Judul Berita Tentang Gencatan Senjata Di Kaukasus\n\n"
    "JAKARTA - Kedua negara sepakat menghentikan pertempuran pada Selasa malam waktu setempat.\n\n"
    "Perundingan berlangsung selama sepuluh jam di ibu kota dan dimediasi oleh negara tetangga.\n"
)


def write(folder: Path, name: str, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``folder/name`` and return the path."""
    p = folder / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p
