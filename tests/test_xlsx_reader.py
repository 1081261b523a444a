"""Excel reader mechanisms, one tiny workbook each."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.colors import Color

from extractor.xlsx import reader as xlsx_reader
from extractor.xlsx.colours import apply_tint
from extractor.xlsx.reader import read_xlsx


def book(tmp_path: Path, rows: list[list[object]], name: str = "t.xlsx") -> tuple[Path, object]:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Audit"
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    return path, (wb, ws)


def test_values_refs_booleans_and_glyphs(tmp_path: Path) -> None:
    path, (wb, _ws) = book(tmp_path, [["1.1", "Criterion", True, False, "x", "\u2612 Yes", 3.0]])
    wb.save(path)  # type: ignore[attr-defined]
    row = read_xlsx(path).tables[0].rows[0]
    assert [c.provenance.cell_ref for c in row.cells][:3] == ["A1", "B1", "C1"]
    assert row.cells[0].provenance.locator == "Audit!A1"
    assert [(m.checked, m.source) for m in row.cells[2].marks] == [(True, "cell_checkbox")]
    assert [(m.checked, m.source) for m in row.cells[3].marks] == [(False, "cell_checkbox")]
    assert [(m.checked, m.source) for m in row.cells[4].marks] == [(True, "glyph")]
    assert [(m.checked, m.label) for m in row.cells[5].marks] == [(True, "Yes")]
    assert row.cells[6].text == "3"


def test_fills_rgb_indexed_theme_and_pattern(tmp_path: Path) -> None:
    path, (wb, ws) = book(tmp_path, [["a", "b", "c", "d"]])
    ws["A1"].fill = PatternFill("solid", fgColor="FF00B050")  # type: ignore[index]
    ws["B1"].fill = PatternFill("solid", fgColor=Color(indexed=10))  # type: ignore[index]
    ws["C1"].fill = PatternFill("solid", fgColor=Color(theme=4, tint=0.5))  # type: ignore[index]
    ws["D1"].fill = PatternFill("gray125", fgColor="FF000000", bgColor="FFFFFFFF")  # type: ignore[index]
    wb.save(path)  # type: ignore[attr-defined]
    fills = [c.fill for c in read_xlsx(path).tables[0].rows[0].cells]
    assert fills[0] == "00B050"
    assert fills[1] == "FF0000"
    assert fills[2] == apply_tint("4F81BD", 0.5)  # accent1 of openpyxl's default theme
    assert fills[3] == "DFDFDF"  # 12.5% black over white


def test_merged_cells_once_and_hidden_rows(tmp_path: Path) -> None:
    path, (wb, ws) = book(tmp_path, [["Evidence", "e"], ["", "e2"], ["hidden", "h"]])
    ws.merge_cells("A1:A2")  # type: ignore[attr-defined]
    ws.row_dimensions[3].hidden = True  # type: ignore[attr-defined]
    wb.save(path)  # type: ignore[attr-defined]
    table = read_xlsx(path).tables[0]
    first = table.rows[0].cells[0]
    assert (first.text, first.row_span) == ("Evidence", 2)
    assert table.rows[1].cells[0].continued
    hidden = table.rows[-1]
    assert hidden.hidden
    assert hidden.cells[0].provenance.locator == "Audit!A3 (hidden)"


def test_symbol_font_tick(tmp_path: Path) -> None:
    path, (wb, ws) = book(tmp_path, [["\u00fe"]])
    ws["A1"].font = Font(name="Wingdings")  # type: ignore[index]
    wb.save(path)  # type: ignore[attr-defined]
    marks = read_xlsx(path).tables[0].rows[0].cells[0].marks
    assert [(m.checked, m.source) for m in marks] == [(True, "symbol_font")]


VML = (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
    ' xmlns:x="urn:schemas-microsoft-com:office:excel">'
    '<v:shape id="c1" type="#_x0000_t201"><v:textbox><div>Fully met</div></v:textbox>'
    '<x:ClientData ObjectType="Checkbox"><x:Anchor>2, 5, 1, 2, 2, 60, 1, 18</x:Anchor>'
    "<x:Checked>1</x:Checked></x:ClientData></v:shape></xml>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/>'
    "</Relationships>"
)


def test_legacy_form_control_checkbox_lands_in_its_cell(tmp_path: Path) -> None:
    path, (wb, _ws) = book(tmp_path, [["1.1", "Criterion", ""], ["1.2", "Other", ""]])
    wb.save(path)  # type: ignore[attr-defined]
    with_controls = tmp_path / "controls.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(with_controls, "w") as out:
        for info in src.infolist():
            out.writestr(info, src.read(info.filename))
        out.writestr("xl/worksheets/_rels/sheet1.xml.rels", RELS)
        out.writestr("xl/drawings/vmlDrawing1.vml", VML)
    table = read_xlsx(with_controls).tables[0]
    marks = [
        (r.index, c.provenance.cell_ref, m.checked, m.source, m.label)
        for r in table.rows
        for c in r.cells
        for m in c.marks
    ]
    assert marks == [(1, "C2", True, "form_control", "Fully met")]


def test_range_merged_down_a_whole_sheet_is_clipped(tmp_path: Path) -> None:
    """Regression: a corpus file merged A1:B1048576; openpyxl built a million cells (20 s)."""
    path, (wb, ws) = book(tmp_path, [["Images", "x"]])
    ws.merge_cells("A1:B1048576")  # type: ignore[attr-defined]
    ws["D5"] = "note"  # type: ignore[index]
    wb.save(path)  # type: ignore[attr-defined]
    table = read_xlsx(path).tables[0]
    assert table.rows[0].cells[0].row_span == xlsx_reader.MAX_MERGE_SPAN
    assert [c.text for c in table.rows[1].cells if c.text] == ["note"]
    assert len(table.rows) == 2


def test_overlong_cells_and_huge_sheets_are_cut_with_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_reader, "MAX_ROWS", 3)
    monkeypatch.setattr(xlsx_reader, "MAX_TEXT", 100)
    path, (wb, _ws) = book(tmp_path, [["y" * 400]] + [[f"row {n}"] for n in range(10)])
    wb.save(path)  # type: ignore[attr-defined]
    doc = read_xlsx(path)
    first = doc.tables[0].rows[0].cells[0].text
    assert len(first) < 120
    assert first.endswith("cut]")
    assert len(doc.tables[0].rows) == 3
    assert any("100 characters were cut" in w for w in doc.warnings)
    assert any("reading stopped at row 3" in w for w in doc.warnings)


def _with_control(path: Path, out: Path, vml_checked: bool, prop_checked: bool, link: str) -> Path:
    """Add one check box over C2: its VML shape, its xl/ctrlProps part and the sheet's
    <control> element tying them together (as Excel 2010+ writes them)."""
    vml = VML.replace('id="c1"', 'id="_x0000_s1025"')
    vml = vml.replace("<x:Checked>1</x:Checked>", "<x:Checked>1</x:Checked>" if vml_checked else "")
    rels = RELS.replace(
        "</Relationships>",
        '<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/ctrlProp" Target="../ctrlProps/ctrlProp1.xml"/></Relationships>',
    )
    state = ' checked="Checked"' if prop_checked else ""
    prop = (
        '<formControlPr xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" '
        f'objectType="CheckBox"{state} fmlaLink="{link}"/>'
    )
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</worksheet>",
                    b'<controls><control xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                    b'2006/relationships" shapeId="1025" r:id="rId8" name="Check Box 1"/>'
                    b"</controls></worksheet>",
                )
            dst.writestr(info, data)
        dst.writestr("xl/worksheets/_rels/sheet1.xml.rels", rels)
        dst.writestr("xl/drawings/vmlDrawing1.vml", vml)
        dst.writestr("xl/ctrlProps/ctrlProp1.xml", prop)
    return out


def test_control_state_from_ctrlprops_when_vml_has_none(tmp_path: Path) -> None:
    path, (wb, _ws) = book(tmp_path, [["1.1", "Criterion", ""], ["1.2", "Other", ""]])
    wb.save(path)  # type: ignore[attr-defined]
    out = _with_control(path, tmp_path / "c.xlsx", vml_checked=False, prop_checked=True, link="")
    marks = [m for r in read_xlsx(out).tables[0].rows for c in r.cells for m in c.marks]
    assert [(m.checked, m.source) for m in marks] == [(True, "form_control")]


def test_control_state_through_its_linked_cell_counted_once(tmp_path: Path) -> None:
    path, (wb, _ws) = book(tmp_path, [["1.1", "Criterion", ""], ["1.2", "Other", "", False]])
    wb.save(path)  # type: ignore[attr-defined]
    out = _with_control(path, tmp_path / "c.xlsx", vml_checked=True, prop_checked=True, link="$D$2")
    marks = [
        (c.provenance.cell_ref, m.checked, m.source)
        for r in read_xlsx(out).tables[0].rows
        for c in r.cells
        for m in c.marks
    ]
    assert marks == [("C2", False, "form_control")]


def test_large_sheet_xml_is_streamed_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above FULL_LOAD_BYTES of sheet XML the workbook is streamed: values and fills are
    read, merged cells are not, and the result says so."""
    path, (wb, ws) = book(tmp_path, [["1.1", "Criterion", "Yes"], ["Evidence", ""]])
    ws["C1"].fill = PatternFill("solid", fgColor="00B050")  # type: ignore[index]
    ws.merge_cells("A2:B2")  # type: ignore[attr-defined]
    wb.save(path)  # type: ignore[attr-defined]
    assert read_xlsx(path).tables[0].rows[1].cells[0].col_span == 2
    monkeypatch.setattr(xlsx_reader, "FULL_LOAD_BYTES", 10)
    doc = read_xlsx(path)
    first, second = doc.tables[0].rows
    assert [c.text for c in first.cells] == ["1.1", "Criterion", "Yes"]
    assert first.cells[2].fill == "00B050"
    assert second.cells[0].col_span == 1
    assert any(w.startswith("the workbook was streamed because its sheets") for w in doc.warnings)
