"""The delegation table: the bundled ``data/delegations.tsv`` (generated at dev time by
``tools/build_delegations.py``), loaded once per process and keyed by normalised name.

It lists the UN Member States, the observer States and common organisations, with their UN
short and formal names in the six UN languages and usual variants.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from rapporteur.indexer import languages
from rapporteur.indexer.delegations.names import normalize_name, russian_genitives

LANGS = languages.CODES
KINDS = ("state", "observer-state", "organisation")
DATA_FILE = Path(__file__).resolve().parent / "data" / "delegations.tsv"
# Each State's ISO 3166-1 alpha-2 code → its code in the table (alpha-3), written beside the
# table by the same generator.
ALPHA2_FILE = DATA_FILE.with_name("alpha2.tsv")


@dataclass(frozen=True, eq=True)
class Delegation:
    code: str
    kind: str
    names: dict[str, str] = field(compare=False)
    formal: dict[str, str] = field(compare=False)
    variants: tuple[str, ...] = field(default=(), compare=False)

    def __hash__(self) -> int:
        return hash(self.code)

    def label(self, lang: str | None = None) -> str:
        """The short name in a UI language (``zh``, ``en``, ``zh-CN``…), falling back to English."""
        if lang:
            base = lang.replace("_", "-").split("-")[0].lower()
            if self.names.get(base):
                return self.names[base]
        return self.names.get("en") or self.code

    def formal_label(self, lang: str | None = None) -> str:
        if lang:
            base = lang.replace("_", "-").split("-")[0].lower()
            if self.formal.get(base):
                return self.formal[base]
        return self.formal.get("en") or self.label(lang)


# -------------------------------------------------------------------- the table

_lock = threading.Lock()
_state: dict | None = None


def _parse(path: Path) -> list[Delegation]:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    col = {name: i for i, name in enumerate(header)}
    out = []
    for line in lines[1:]:
        if not line.strip():
            continue
        cells = line.split("\t")
        names = {lang: cells[col[f"name_{lang}"]] for lang in LANGS}
        formal = {lang: cells[col[f"formal_{lang}"]] or names[lang] for lang in LANGS}
        variants = tuple(v for v in cells[col["variants"]].split("|") if v) if len(cells) > col["variants"] else ()
        out.append(Delegation(cells[col["code"]], cells[col["kind"]], names, formal, variants))
    return out


def _build() -> dict:
    delegations = _parse(DATA_FILE)
    by_code = {d.code: d for d in delegations}
    keys: dict[str, set[str]] = {}
    lang_keys: dict[tuple[str, str], set[str]] = {}

    def add(text: str, code: str, lang: str | None = None) -> None:
        key = normalize_name(text)
        if not key:
            return
        keys.setdefault(key, set()).add(code)
        if lang:
            lang_keys.setdefault((lang, key), set()).add(code)

    for d in delegations:
        for lang in LANGS:
            for text in (d.names[lang], d.formal[lang]):
                add(text, d.code, lang)
        for v in d.variants:
            add(v, d.code)
        ru = {d.names["ru"], d.formal["ru"], *(v for v in d.variants if re.search("[а-яА-Я]", v))}
        for name in ru:
            for gen in russian_genitives(name):
                add(gen, d.code, "ru")
    alpha2 = {}
    for line in ALPHA2_FILE.read_text(encoding="utf-8").splitlines()[1:]:
        a2, _, a3 = line.partition("\t")
        if a3 in by_code:
            alpha2[a2] = by_code[a3]
    index = {k: next(iter(v)) for k, v in keys.items() if len(v) == 1}
    ambiguous = {k: v for k, v in keys.items() if len(v) > 1}
    return {"list": delegations, "by_code": by_code, "index": index,
            "ambiguous": ambiguous, "lang_keys": lang_keys, "alpha2": alpha2}


def _table() -> dict:
    global _state
    if _state is None:
        with _lock:
            if _state is None:
                _state = _build()
    return _state


def forget() -> None:
    """Forget the loaded table: the next use reads the file again."""
    global _state
    with _lock:
        _state = None


def ambiguous_keys() -> dict[str, set[str]]:
    """Normalised names that point at more than one delegation (they never match)."""
    return {k: set(v) for k, v in _table()["ambiguous"].items()}


def all_delegations(kind: str | None = None) -> list[Delegation]:
    items = _table()["list"]
    return [d for d in items if kind is None or d.kind == kind]


def get(code: str) -> Delegation | None:
    return _table()["by_code"].get(code.strip().upper()) if code else None


def from_alpha2(code: str) -> Delegation | None:
    """The State whose ISO 3166-1 alpha-2 code this is (``ad``, ``AD`` → Andorra), or None."""
    return _table()["alpha2"].get(code.strip().upper()) if code else None
