"""PDF records → text with pypdf. Pages are joined with a blank line; the parser joins
paragraphs that a page break cut and drops the page furniture."""
from __future__ import annotations

import io
import logging

from rapporteur.indexer.errors import UnreadableRecord

MAX_PAGES = 2000


def pdf_text(data: bytes, path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed files are reported once, by us
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - any failure to decrypt means the same to the user
                ok = 0
            if not ok:
                raise UnreadableRecord(path, "encrypted PDF (a password is needed to read it)")
        if len(reader.pages) > MAX_PAGES:
            raise UnreadableRecord(path, f"PDF has {len(reader.pages)} pages; records over {MAX_PAGES} pages are refused")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableRecord:
        raise
    except FileNotDecryptedError:
        raise UnreadableRecord(path, "encrypted PDF (a password is needed to read it)") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise UnreadableRecord(path, f"malformed PDF ({type(exc).__name__}: {str(exc)[:120]})") from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise UnreadableRecord(path, "PDF has no text layer (scanned images need OCR first)")
    return text
