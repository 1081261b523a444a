"""Every tolerance of the scan reader in one validated place (sizes in points unless said)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScanSettings:
    """Tolerances for reading a scanned or photographed page."""

    dpi: int = 200  # image-only PDF pages are rendered at this resolution
    max_pages: int = 60
    max_pixels: int = 40_000_000  # a page image above this is scaled down first
    # A page finer than this (300 dpi, 600 dpi) is reduced to `dpi` before it is read: the
    # boxes, rules and words read as well at 200 dpi, and OCR takes half the time.
    max_dpi: float = 240.0
    min_side_px: int = 600  # a smaller image is too coarse to read
    # Ink: darker than its surroundings (the paper or shading within this reach, points) by
    # this share of the page's paper-to-ink range, and at least min_ink_contrast grey levels.
    background_reach: float = 5.0
    ink_share: float = 0.45
    rule_ink_share: float = 0.22  # fainter, for ruling lines between two shaded cells
    min_rule_contrast: float = 18.0
    min_ink_contrast: float = 30.0
    # The sheet: brighter than this share of the paper's grey (the glass or desk around it
    # is darker, the shadowed corner of a photographed page not).
    sheet_brightness: float = 0.5
    # Deskew: the angle of the long ruling lines, within this range (degrees).
    max_skew: float = 8.0
    # Ruling lines: a run of ink at least this long is a table rule.
    rule_min: float = 40.0
    # A shorter vertical rule counts where it joins horizontal rules at both ends (a table's
    # last rows cut by the page end).
    short_rule: float = 8.0
    rule_gap: float = 4.0  # rules closer than this are one
    min_cell: float = 6.0  # a row or column narrower than this is a doubled rule
    # Column rules running on this many min_cells past a table's last (first) horizontal rule
    # close an open row there (a row the page break cut, printed without its closing rule).
    open_row: float = 1.0
    # A separator between two grid cells exists when this share of it is ink.
    separator_share: float = 0.6
    # Tick boxes: a square with sides within these bounds.
    box_min: float = 6.5  # above a lower-case letter's height
    box_max: float = 20.0
    box_squareness: float = 0.15  # |w - h| / max(w, h) at most
    box_side_share: float = 0.8  # each side: one line of ink along this share of it
    box_corner_ink: float = 0.4  # each corner (3 x 3 pixels) at least this much ink
    box_size_tolerance: float = 0.12  # a box within this share of an empty box's size
    box_inset: float = 0.25  # share of the side left out at each edge when measuring ink
    # Boxes are looked for again in fainter ink (the rules' threshold), for hairline boxes a
    # scan left lighter than the text; one found so has at most this share of its sides dark,
    # measured on its sides less the strokes wider than a hairline (a pen tick, a bold
    # letter) and the rules, which must leave at least `faint_own_sides` of them.
    faint_side_ink: float = 0.5
    faint_own_sides: float = 0.2
    # Box state from the ink inside, against the page's own empty boxes.
    checked_ink: float = 0.10  # ink share above the empty boxes' level that is a tick
    unsure_ink: float = 0.035  # above the empty level by this much: not clearly empty
    unsure_confidence: float = 0.5
    # A tick reaches at least this share across the box; less is a blot (unsure, leaning empty).
    tick_spread: float = 0.6
    empty_ink_cap: float = 0.08  # an empty level above this is not the page's empty boxes
    # Fills: a cell whose background is this far from white (0..255) and saturated.
    fill_min_saturation: int = 40
    fill_min_darkness: int = 25
    fill_share: float = 0.5
    # ...judged against the paper's own grey within this reach (points) of it, so uneven
    # light is not read as shading (a shaded area wider and taller than this would be).
    light_reach: float = 144.0
    # OCR.
    ocr_timeout: float = 30.0  # seconds per page
    ocr_psm: int = 11
    min_word_confidence: float = 30.0  # Tesseract word confidence (0..100) kept as text
    # A cell with no word and no box but a few strokes of a letter's height (this share of
    # the page's median word height), no wider than lone_max_width heights, is read again
    # alone: enlarged lone_scale times, as one line (psm 7); kept at unsure_word_confidence.
    lone_min_height: float = 0.5
    lone_max_height: float = 1.6
    lone_max_width: float = 4.0
    lone_max_parts: int = 4
    lone_scale: float = 2.0
    lone_psm: int = 7
    unsure_word_confidence: float = 60.0  # words below this are counted in a warning
    # Failing clearly: a page with less ink than this share is blank; a page without a
    # table grid and fewer words than this is not a form.
    blank_ink: float = 0.002
    min_words: int = 15
    upright_word_confidence: float = 85.0  # below this, check the page's orientation
    orientation_confidence: float = 3.0  # Tesseract's OSD confidence needed to turn a page
    poor_word_confidence: float = 45.0  # median word confidence below this: too poor

    def __post_init__(self) -> None:
        if not 72 <= self.dpi <= 600:
            raise ValueError("dpi must be within 72..600")
        if not 0 < self.box_min < self.box_max:
            raise ValueError("box_min must be positive and below box_max")
        if not 0 < self.unsure_ink < self.checked_ink < 1:
            raise ValueError("need 0 < unsure_ink < checked_ink < 1")
        if self.ocr_timeout <= 0 or self.max_pages < 1:
            raise ValueError("ocr_timeout must be positive and max_pages >= 1")

    def px(self, points: float, dpi: float) -> int:
        """A size in points as pixels at `dpi`."""
        return max(1, round(points * dpi / 72.0))


SETTINGS = ScanSettings()
