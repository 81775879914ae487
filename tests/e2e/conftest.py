"""The browser tests share the web tests' helpers (the real ``rapporteur serve`` in a subprocess)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
