"""Safe opening and format sniffing: hostile files refused in one line, never parsed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from extractor.dispatch import read_document
from extractor.errors import (
    DamagedFileError,
    EmptyFileError,
    PasswordProtectedError,
    UnsafeDocumentError,
    UnsupportedFormatError,
)
from extractor.files import sniff
from extractor.legacy import read_ole
from tests.docx_fixtures import make_docx, p, r

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_zip_bomb_refused_without_inflating(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<w:document/>")
        with zf.open("word/zeros.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):
                fh.write(chunk)
    with pytest.raises(UnsafeDocumentError) as info:
        read_document(bomb)
    assert str(info.value).startswith("bomb.docx: refused: part word/zeros.xml")


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>',
        '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["billion-laughs", "external-entity"],
)
def test_dtd_and_entities_refused(tmp_path: Path, doctype: str) -> None:
    path = make_docx(tmp_path, p(r("x")))
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["word/document.xml"].decode()
    parts["word/document.xml"] = xml.replace("?>", "?>" + doctype, 1).encode()
    hostile = tmp_path / "hostile.docx"
    with zipfile.ZipFile(hostile, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    with pytest.raises(UnsafeDocumentError) as info:
        read_document(hostile)
    assert "declares a DTD or entities" in str(info.value)


def test_too_many_parts_refused(tmp_path: Path) -> None:
    path = tmp_path / "parts.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        for n in range(20_001):
            zf.writestr(f"x/{n}", "")
    with pytest.raises(UnsafeDocumentError):
        read_document(path)


def test_encrypted_office_file_is_named_password_protected(tmp_path: Path) -> None:
    path = tmp_path / "locked.docx"  # a password-protected .docx is really an OLE file
    path.write_bytes(OLE_MAGIC + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64)
    assert sniff(path) == "ole"
    with pytest.raises(PasswordProtectedError) as info:
        read_ole(path)
    assert str(info.value) == (
        "locked.docx: the file is password-protected; ask the sender for an unprotected copy"
    )


def test_format_comes_from_bytes_not_extension(tmp_path: Path) -> None:
    docx_named_pdf = make_docx(tmp_path, p(r("x")), name="really-word.pdf")
    assert sniff(docx_named_pdf) == "docx"
    text = tmp_path / "notes.docx"
    text.write_text("just text", encoding="utf-8")
    with pytest.raises(UnsupportedFormatError):
        read_document(text)
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFileError):
        read_document(empty)


@pytest.mark.parametrize(
    ("sample", "named"),
    [
        ("excel/bscb2016-charity-box-glyphs.xlsx", "book.pdf"),
        ("word/wt2023-charity-wingdings-renumbered.docx", "letter.xlsx"),
        ("pdf/gp2014-pharmacy-shaded-export.pdf", "scan.docx"),
    ],
)
def test_every_reader_follows_the_sniffed_kind_whatever_the_suffix(
    tmp_path: Path, sample: str, named: str
) -> None:
    """A workbook named .pdf (openpyxl refuses any suffix but its own) reads as a workbook,
    through `s11 extract` as through the batch and the service."""
    source = Path(__file__).resolve().parents[1] / "samples" / sample
    renamed = tmp_path / named
    renamed.write_bytes(source.read_bytes())
    run = CliRunner().invoke(app, ["extract", str(renamed)])
    assert run.exit_code == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["source"]["format"] == sniff(source)
    assert (
        result["items"]
        == json.loads(CliRunner().invoke(app, ["extract", str(source)]).stdout)["items"]
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.docx", b"", "empty.docx: the file is empty (0 bytes)"),
        (
            "notes.pdf",
            b"hello",
            "notes.pdf: not a Word (.docx/.doc), PDF, Excel (.xlsx/.xls) or image (.png/.jpg/.tif) file",
        ),
        ("broken.pdf", b"%PDF-1.4\n garbage", "broken.pdf: "),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_1(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith(message)
    assert "Traceback" not in result.output


def test_member_failing_its_crc_is_named_damaged(tmp_path: Path) -> None:
    """Regression: a CRC error found while parsing was an 'unexpected error' in the corpus run."""
    good = make_docx(tmp_path, p(r("Organisation")) * 50, name="good.docx")
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo("word/document.xml")
    # Flip one byte of the stored CRC in the local header and in the central directory.
    for offset in (info.header_offset + 14, data.rfind(b"word/document.xml") - 46 + 16):
        data[offset] ^= 0xFF
    bad = tmp_path / "bad.docx"
    bad.write_bytes(bytes(data))
    with pytest.raises(DamagedFileError, match=r"bad\.docx: the file is damaged"):
        read_document(bad)


def test_unknown_document_names_closest_toolkits(tmp_path: Path) -> None:
    path = make_docx(tmp_path, p(r("Minutes of the parish council meeting")), name="minutes.docx")
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 1
    assert "minutes.docx: not recognised as a known Section 11 toolkit (closest: " in result.output


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for command in (
        ["extract"],
        ["inspect"],
        ["batch"],
        ["report"],
        ["compare"],
        ["toolkits", "list"],
        ["toolkits", "show"],
        ["toolkits", "check"],
        ["serve"],
        ["users", "add"],
        ["users", "list"],
        ["users", "remove"],
        ["users", "rotate"],
        ["toolkits", "draft"],
    ):
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0, command
        assert len(result.output) > 100


def test_load_error_is_one_line_whatever_the_library_said() -> None:
    """Regression: openpyxl's ValueError text spans two lines (corpus InvalidColors.xlsx)."""
    error = DamagedFileError("book.xlsx", "invalid XML.\nPlease see the exception.")
    assert str(error) == "book.xlsx: invalid XML. Please see the exception."
