"""No import circle anywhere, and no import against the layer order."""

from __future__ import annotations

from pathlib import Path

from tests.import_graph import against_layers, cycles, edges

ROOT = Path(__file__).resolve().parent.parent


def test_no_import_circle() -> None:
    assert cycles(edges(ROOT)) == []


def test_imports_follow_the_layers() -> None:
    assert against_layers(edges(ROOT)) == []


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_circle_is_found_through_lazy_and_type_checking_imports(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "extractor/__init__.py": "",
            "extractor/a.py": "def f():\n    from extractor.b import g\n",
            "extractor/b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from extractor import a\n",
            "extractor/c/__init__.py": "from .d import x\n",
            "extractor/c/d.py": "from extractor.c import e\n",
            "extractor/c/e.py": "from . import d\n",
        },
    )
    assert cycles(edges(tmp_path, ("extractor",))) == [
        ["extractor.a", "extractor.b"],
        ["extractor.c.d", "extractor.c.e"],
    ]


def test_an_arrow_against_the_layers_is_found(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "extractor/__init__.py": "",
            "extractor/m.py": "import mappings.n\n",
            "mappings/__init__.py": "",
            "mappings/n.py": "from extractor import m\n",
        },
    )
    assert against_layers(edges(tmp_path, ("extractor", "mappings")), ("extractor", "mappings")) == [
        "extractor.m imports mappings.n"
    ]
