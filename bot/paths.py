"""Where the bundled articles live, whether installed editable or as a wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_data_dir() -> Path:
    """The folder of bundled articles.

    A wheel carries them inside the package (``bot/_bundled_data``); a source checkout or an
    editable install reads the project's top-level ``data/`` folder.
    """
    inside = _PACKAGE_DIR / "_bundled_data"
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / "data"


def bundled_article_files() -> list[Path]:
    """Every bundled article file, in a stable order."""
    folder = bundled_data_dir()
    return sorted(p for p in folder.iterdir() if p.suffix in {".txt", ".md"} and p.is_file())
