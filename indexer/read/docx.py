"""DOCX records → text with python-docx: one line per paragraph, tables row by row."""
from __future__ import annotations

import io
import zipfile

from rapporteur.indexer.errors import UnreadableRecord


def docx_text(data: bytes, path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableRecord(path, f"not a valid DOCX document ({type(exc).__name__})") from None
    except Exception as exc:  # noqa: BLE001 - lxml and zip errors vary; all mean a broken file
        raise UnreadableRecord(path, f"not a valid DOCX document ({type(exc).__name__})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    text = "\n".join(lines)
    if not text.strip():
        raise UnreadableRecord(path, "empty DOCX document")
    return text
