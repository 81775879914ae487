"""UN document symbols: recovering them from headers, PDF artefacts and file names."""
from __future__ import annotations

import re
from pathlib import Path

from rapporteur.indexer import languages
from rapporteur.indexer.symbols import normalize_symbol

# S/AC.44/SR.74, A/AC.183/SR.413, S/PV.8699, A/77/895-S/2023/363, A/C.1/78/PV.3
SYMBOL = re.compile(r"\b(?:[A-Z]{1,6}(?:\.\d+)?/)(?:[A-Za-z0-9.\-]+/)*[A-Za-z0-9.\-]*\d[A-Za-z0-9.\-]*\b")
# The PDF-to-markdown artefact ``$S_{AC.44/SR.74}$``.
_LATEX = re.compile(r"\$?\s*([A-Z]{1,6})\s*_\s*\{\s*([^}$]+?)\s*\}\s*\$?")

# A file name in lower or mixed case (``s_pv.8700.TXT``) is read as a symbol when it has the
# look of one beyond SYMBOL's shape: a principal organ's series or an element such as ``PV.8``.
_UN_LOOK = re.compile(r"^[AEST]/|[A-Z]\.\d")

_RESUMPTION = re.compile(r"_Resumption\s*(\d+)$", re.I)

LANG_SUFFIXES = frozenset(languages.KNOWN)  # "X.zh.txt", and "X.pt.txt" for the languages beyond the six


def from_header_line(line: str) -> str | None:
    """The document symbol in a header line, if any."""
    m = _LATEX.search(line)
    if m:
        return f"{m.group(1)}/{m.group(2).replace(' ', '')}"
    m = SYMBOL.search(line)
    return m.group(0) if m else None


def from_filename(path: str | Path) -> tuple[str | None, str | None]:
    """``S_AC.44_SR.74.zh.txt`` → (``S/AC.44/SR.74``, ``zh``). Either may be None. Case does
    not matter (``s_ac.44_sr.74.ZH.TXT`` is the same); the symbol is written as the UN writes it
    (:func:`~rapporteur.indexer.symbols.normalize_symbol`)."""
    name = Path(path).name
    stem, _, _ext = name.rpartition(".")
    if not stem:
        stem = name
    lang = None
    head, dot, tail = stem.rpartition(".")
    if dot and tail.lower() in LANG_SUFFIXES:
        stem, lang = head, tail.lower()
    resumption = _RESUMPTION.search(stem)
    if resumption:
        stem = stem[: resumption.start()]
    candidate = stem.replace("_", "/")
    if not SYMBOL.fullmatch(candidate):
        upper = candidate.upper()
        if not (SYMBOL.fullmatch(upper) and _UN_LOOK.search(upper)):
            return None, lang
        candidate = upper
    if resumption:
        candidate += f" (Resumption {resumption.group(1)})"
    return normalize_symbol(candidate), lang
