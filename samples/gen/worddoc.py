"""A landscape Word document from WordprocessingML blocks, with fixed timestamps (rebuilds
are byte-identical); optionally Word's list numbering replaced by `numbering`."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from gen.build import FIXED_DATE
from gen.ooxml import NS


def write_docx(blocks: list[str], path: Path, author: str, numbering: str | None = None) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import parse_xml

    document = docx.Document()
    props = document.core_properties
    props.created = props.modified = props.last_printed = dt.datetime(*FIXED_DATE)
    props.author = props.last_modified_by = author
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    body = document.element.body
    sect = body[-1]
    for block in blocks:
        body.insert(body.index(sect), parse_xml(f"<w:root {NS}>{block}</w:root>")[0])
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            data = source.read(info.filename)
            if numbering is not None and info.filename == "word/numbering.xml":
                data = numbering.encode()
            out.writestr(zipfile.ZipInfo(info.filename, FIXED_DATE), data, zipfile.ZIP_DEFLATED)
