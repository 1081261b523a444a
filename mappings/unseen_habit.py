"""A return that reads mostly unanswered may be answered in a way no rule reads.

Each item's "unanswered" is judged in its own row: nothing marked, nothing unexplained. But a
return whose agency did its work and marked every answer in a habit s11 has never seen (a
colour the PDF export dropped, a letter typed before the word, last cycle's column beside
this one) reads the same way, row after row. So does a list of printed option words read as
all marked. When most of a return's found choice items read unanswered or conflicting, the
row-level judgement cannot tell the two apart, so those readings are held
below the sure mark, with the reason: a person looks once, at the whole return.
"""

from __future__ import annotations

from mappings.reading import ItemReading
from mappings.settings import SETTINGS
from mappings.toolkits.schema import Toolkit


def doubt_unseen_habit(items: list[ItemReading], toolkit: Toolkit) -> None:
    """Lower every sure reading without one answer (none marked, or several) when most
    found choice items of the return read so."""
    choice = {item.id for _, item in toolkit.all_items() if item.kind == "choice"}
    found = [r for r in items if r.found and r.item_id in choice]
    blank = [r for r in found if r.response is None]  # nothing marked, or several
    if len(blank) < SETTINGS.unseen_min_items or len(blank) < SETTINGS.unseen_share * len(found):
        return
    why = (
        f"{len(blank)} of the {len(found)} rated items of this return read as unanswered "
        "or with several options marked: "
        "its answers may be marked in a way s11 does not read (look at the return)"
    )
    for reading in blank:
        if reading.confidence is not None and reading.confidence >= SETTINGS.sure:
            reading.confidence = SETTINGS.conf_doubt
            reading.doubt = f"{reading.doubt}; {why}" if reading.doubt else why
