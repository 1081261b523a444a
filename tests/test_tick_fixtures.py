"""One tiny file per tick-box mechanism the corpus oracles (tests/test_tick_oracles.py) found
misread; each test fails without the code that reads it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from extractor.docx.reader import read_docx
from extractor.model import FormDocument, Mark
from extractor.pdf.reader import read_pdf
from tests.docx_fixtures import CONTENT_TYPES, form_checkbox, make_docx, p, r, tbl, tc, tr


def marks(found: list[Mark]) -> list[tuple[bool, str, str | None]]:
    return [(m.checked, m.source, m.label) for m in found]


def paragraph_marks(doc: FormDocument) -> list[tuple[int | None, bool, str, str | None]]:
    return [
        (para.provenance.page, m.checked, m.source, m.label)
        for para in doc.paragraphs
        for m in para.marks
    ]


def block_checkbox(checked: str, content: str, states: str = "") -> str:
    """A check-box content control wrapping whole paragraphs, rows or cells."""
    return (
        f'<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="{checked}"/>{states}'
        f"</w14:checkbox></w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"
    )


# --- Word: check-box content controls wrapping a paragraph or a cell ------------------------


def test_block_checkbox_around_a_paragraph_is_its_mark(tmp_path: Path) -> None:
    """The state comes from w14:checked (the glyph shown says otherwise), the glyph is not a
    second mark, and the words beside it are its label."""
    body = block_checkbox("1", p(r("\u2610"), r(" I agree")))
    doc = read_docx(make_docx(tmp_path, body))
    assert [(p.text, marks(p.marks)) for p in doc.paragraphs] == [
        ("I agree", [(True, "content_control", "I agree")])
    ]


def test_block_checkbox_with_its_own_glyphs(tmp_path: Path) -> None:
    """A control that draws "X" and "O" (w14:checkedState / uncheckedState) shows no text."""
    states = '<w14:checkedState w14:val="0058"/><w14:uncheckedState w14:val="004F"/>'
    doc = read_docx(make_docx(tmp_path, block_checkbox("0", p(r("O")), states)))
    assert [(p.text, marks(p.marks)) for p in doc.paragraphs] == [
        ("", [(False, "content_control", None)])
    ]


@pytest.mark.parametrize(
    "row",
    [
        tr(block_checkbox("1", tc(p(r("\u2610")))), tc("Policy reviewed")),  # wraps the cell
        tr(tc(block_checkbox("1", p(r("\u2610")))), tc("Policy reviewed")),  # inside the cell
    ],
    ids=["around-the-cell", "around-the-cell-paragraph"],
)
def test_block_checkbox_in_a_table_is_its_cell_mark(tmp_path: Path, row: str) -> None:
    doc = read_docx(make_docx(tmp_path, tbl(row)))
    cells = doc.tables[0].rows[0].cells
    assert [(c.text, marks(c.marks)) for c in cells] == [
        ("", [(True, "content_control", None)]),
        ("Policy reviewed", []),
    ]
    assert doc.paragraphs == []


# --- Word: ISO Strict documents ---------------------------------------------------------------

STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
STRICT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def test_strict_document_is_read(tmp_path: Path) -> None:
    """A return saved as "Strict Open XML Document" (python-docx opens Transitional only)."""
    body = p(form_checkbox("<w:checked/>"), r(" Yes")) + block_checkbox("0", p(r("\u2610 No")))
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{STRICT_W}" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
        f'w:conformance="strict"><w:body>{body}</w:body></w:document>'
    )
    path = tmp_path / "strict.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", STRICT_RELS)
        zf.writestr("word/document.xml", document)
    doc = read_docx(path)
    assert [(p.text, marks(p.marks)) for p in doc.paragraphs] == [
        ("Yes", [(True, "form_field", "Yes")]),
        ("No", [(False, "content_control", "No")]),
    ]


# --- PDF: AcroForm widgets --------------------------------------------------------------------


def test_acroform_boxes_outside_tables_are_paragraph_marks(tmp_path: Path) -> None:
    """A check box and a radio group with their labels beside them, in no table."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "form.pdf"
    c = Canvas(str(path), pagesize=(300, 200))
    c.setFont("Helvetica", 10)
    c.acroForm.checkbox(name="agree", x=40, y=147, size=10, checked=True)
    c.drawString(55, 149, "Agreed")
    for x, value, selected in ((40, "yes", False), (120, "no", True)):
        c.acroForm.radio(name="q1", value=value, selected=selected, x=x, y=107, size=10)
        c.drawString(x + 15, 109, value.title())
    c.save()
    doc = read_pdf(path)
    assert paragraph_marks(doc) == [
        (1, True, "acroform", "Agreed"),
        (1, False, "acroform", "Yes"),
        (1, True, "acroform", "No"),
    ]
    assert [p.text for p in doc.paragraphs] == ["Agreed", "Yes No"]


def test_page_of_widgets_without_text_is_a_form_not_a_scan(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "widgets.pdf"
    c = Canvas(str(path), pagesize=(300, 200))
    for x, checked in ((40, False), (80, True)):
        c.acroForm.checkbox(name=f"b{x}", x=x, y=100, size=12, checked=checked)
    c.showPage()
    c.save()
    doc = read_pdf(path)  # no ScannedDocumentError
    assert paragraph_marks(doc) == [(1, False, "acroform", None), (1, True, "acroform", None)]
    assert doc.unreadable == []
    assert any("no text layer" in w for w in doc.warnings)


def test_printed_square_under_a_widget_is_not_a_second_mark(tmp_path: Path) -> None:
    """Forms print a square and lay the widget over it: the widget's state is the one mark."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "printed.pdf"
    c = Canvas(str(path), pagesize=(300, 200))
    c.setFont("Helvetica", 10)
    c.rect(40, 147, 10, 10)
    c.acroForm.checkbox(name="agree", x=40, y=147, size=10, checked=True, borderWidth=0)
    c.drawString(55, 149, "Agreed")
    c.save()
    assert paragraph_marks(read_pdf(path)) == [(1, True, "acroform", "Agreed")]


def test_drawn_box_outside_tables_is_a_paragraph_mark(tmp_path: Path) -> None:
    """A crossed square beside a word, in no table (a Word form field exported outside tables)."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "drawn.pdf"
    c = Canvas(str(path), pagesize=(300, 200))
    c.setFont("Helvetica", 10)
    c.drawString(40, 149, "Self-rating:")
    for x, word, crossed in ((110, "Good", False), (170, "Exceptional", True)):
        c.rect(x, 147, 9, 9)
        if crossed:
            c.line(x, 147, x + 9, 156)
            c.line(x, 156, x + 9, 147)
        c.drawString(x + 13, 149, word)
    c.save()
    assert paragraph_marks(read_pdf(path)) == [
        (1, False, "vector", "Good"),
        (1, True, "vector", "Exceptional"),
    ]


def test_box_below_a_table_stays_on_its_page(tmp_path: Path) -> None:
    """Text and a box under page 1's last table are not the start of a row split by the page
    break when page 2's table comes after several lines of text."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "two-pages.pdf"
    c = Canvas(str(path), pagesize=(300, 300))
    c.setFont("Helvetica", 10)
    _ruled(c, top=280, rows=("Area", "Policy"))
    c.acroForm.checkbox(name="consent", x=40, y=197, size=10, checked=True)
    c.drawString(55, 199, "Consent given")
    c.showPage()
    c.setFont("Helvetica", 10)
    for n, y in enumerate((280, 265, 250, 235)):
        c.drawString(40, y, f"Guidance note line {n + 1}")
    _ruled(c, top=200, rows=("", "Signed"))
    c.save()
    doc = read_pdf(path)
    assert paragraph_marks(doc) == [(1, True, "acroform", "Consent given")]
    assert all(not cell.marks for t in doc.tables for row in t.rows for cell in row.cells)


def _ruled(c: object, top: float, rows: tuple[str, ...], height: float = 20) -> None:
    """A one-column table with a ruled row per text (an empty text: an empty row)."""
    left, right = 30.0, 270.0
    bottom = top - height * len(rows)
    for n in range(len(rows) + 1):
        c.line(left, top - n * height, right, top - n * height)  # type: ignore[attr-defined]
    c.line(left, top, left, bottom)  # type: ignore[attr-defined]
    c.line(right, top, right, bottom)  # type: ignore[attr-defined]
    for n, text in enumerate(rows):
        if text:
            c.drawString(left + 5, top - (n + 1) * height + 6, text)  # type: ignore[attr-defined]


# --- PDF: hand-written files (push buttons, choice fields, a broken page tree) ----------------


def hand_pdf(objects: list[bytes], drop_endobj: int | None = None, startxref: int | None = None) -> bytes:
    """A PDF from its objects (numbered from 1, the first the catalog) with a correct xref;
    `drop_endobj` and `startxref` damage it the way real files are damaged."""
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + (b"\n" if n == drop_endobj else b"\nendobj\n")
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    return out + b"startxref\n%d\n%%%%EOF\n" % (xref if startxref is None else startxref)


def one_page(text: bytes, widgets: list[bytes]) -> list[bytes]:
    """Catalog, pages, page, content, font, then the widgets (objects 6, 7, …)."""
    content = b"BT /F1 10 Tf " + text + b" ET"
    refs = b" ".join(b"%d 0 R" % (6 + n) for n in range(len(widgets)))
    return [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [" + refs + b"] >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Annots ["
        + refs
        + b"] /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *widgets,
    ]


def widget(rect: bytes, fields: bytes) -> bytes:
    return b"<< /Type /Annot /Subtype /Widget /P 3 0 R /Rect [" + rect + b"] " + fields + b" >>"


def test_push_button_is_not_a_tick_box(tmp_path: Path) -> None:
    objects = one_page(
        b"40 150 Td (Agreed) Tj 0 -40 Td (Print the form) Tj",
        [
            widget(b"20 147 32 159", b"/FT /Btn /T (agree) /V /Yes /AS /Yes"),
            widget(b"20 107 32 119", b"/FT /Btn /Ff 65536 /T (print)"),
        ],
    )
    path = tmp_path / "buttons.pdf"
    path.write_bytes(hand_pdf(objects))
    assert paragraph_marks(read_pdf(path)) == [(1, True, "acroform", "Agreed")]


def test_text_and_choice_fields_outside_tables_read_as_text(tmp_path: Path) -> None:
    """Filled fields beside their labels: a text field, and a drop-down whose /V is an export
    value shown as the text of its /Opt pair."""
    objects = one_page(
        b"20 150 Td (Organisation:) Tj 0 -40 Td (Rating:) Tj",
        [
            widget(b"100 147 250 159", b"/FT /Tx /T (org) /V (Acme Trust)"),
            widget(b"100 107 250 119", b"/FT /Ch /Ff 131072 /T (rating) /V (p) "
                   b"/Opt [[(y) (Fully met)] [(p) (Partially met)]]"),
        ],
    )
    path = tmp_path / "fields.pdf"
    path.write_bytes(hand_pdf(objects))
    assert [p.text for p in read_pdf(path).paragraphs] == [
        "Organisation: Acme Trust",
        "Rating: Partially met",
    ]


def test_pdf_whose_page_tree_pdfminer_cannot_follow_is_repaired(tmp_path: Path) -> None:
    """An object without its `endobj` and a wrong startxref: pdfminer's own repair loses the
    page (no pages at all), PDFium rebuilds the table and s11 reads the copy."""
    objects = one_page(
        b"40 150 Td (Agreed) Tj",
        [widget(b"20 147 32 159", b"/FT /Btn /T (agree) /V /Yes /AS /Yes")],
    )
    path = tmp_path / "broken.pdf"
    path.write_bytes(hand_pdf(objects, drop_endobj=2, startxref=9))
    doc = read_pdf(path)
    assert paragraph_marks(doc) == [(1, True, "acroform", "Agreed")]
    assert any("repaired" in w for w in doc.warnings)


def test_password_protected_pdf_is_named_so(tmp_path: Path) -> None:
    """pdfplumber wraps pdfminer's PDFPasswordIncorrect: the reason must still say password,
    not "damaged"."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    from extractor.errors import PasswordProtectedError

    path = tmp_path / "locked.pdf"
    c = Canvas(str(path), encrypt=StandardEncryption("secret", canPrint=0))
    c.drawString(40, 700, "Agreed")
    c.save()
    with pytest.raises(PasswordProtectedError, match="password-protected"):
        read_pdf(path)
