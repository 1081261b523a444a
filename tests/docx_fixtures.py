"""Tiny .docx files built from a WordprocessingML body snippet, for per-mechanism tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def make_docx(
    folder: Path, body: str, name: str = "t.docx", extra: dict[str, str] | None = None
) -> Path:
    """A .docx whose body is `body` (w: and w14: prefixes available)."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}>'
        f"<w:body>{body}</w:body></w:document>"
    )
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", document)
        for part, data in (extra or {}).items():
            zf.writestr(part, data)
    return path


def p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def r(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def tc(content: str, props: str = "") -> str:
    tcpr = f"<w:tcPr>{props}</w:tcPr>" if props else ""
    inner = (
        content
        if content.startswith(("<w:p", "<w:tbl", "<w:sdt"))
        else p(r(content) if content else "")
    )
    return f"<w:tc>{tcpr}{inner}</w:tc>"


def tbl(*rows: str) -> str:
    return "<w:tbl>" + "".join(rows) + "</w:tbl>"


def tr(*cells: str, props: str = "") -> str:
    trpr = f"<w:trPr>{props}</w:trPr>" if props else ""
    return "<w:tr>" + trpr + "".join(cells) + "</w:tr>"


def sdt_checkbox(checked: str, shown: str) -> str:
    return (
        f'<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="{checked}"/></w14:checkbox>'
        f"</w:sdtPr><w:sdtContent>{r(shown)}</w:sdtContent></w:sdt>"
    )


def form_checkbox(inner: str) -> str:
    return (
        f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox>{inner}</w:checkBox>'
        '</w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMCHECKBOX '
        '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>\u2610</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
