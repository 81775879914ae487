"""Reading: bytes on disk → text (encodings, PDF, DOCX) and structured records (JSON Lines)."""
