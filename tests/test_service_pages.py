"""The review pages through TestClient: sign-in with a session cookie and CSRF on every form,
the return page with its gaps, history and board, and the gaps.xlsx round trip between the
batch workbook and the pages over one data folder."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from app.batch.runner import run_batch_command
from app.batch.store import Store
from app.review.users import add_user
from app.service.app import create_app
from app.service.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DOCX = ROOT / "samples/word/wt2023-charity-wingdings-renumbered.docx"


def sign_in(client: TestClient, token: str) -> str:
    """Sign in through the form; the page's CSRF token."""
    form = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert csrf
    signed = client.post(
        "/login", data={"csrf": csrf.group(1), "token": token}, follow_redirects=False
    )
    assert signed.status_code == 303, signed.text
    cookie = signed.headers["set-cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie or "SameSite=Strict" in cookie
    home = client.get("/")
    found = re.search(r'<meta name="csrf" content="([^"]+)">', home.text)
    assert found
    return found.group(1)


def workbook_rows(path: Path) -> tuple[list[str], list[list[object]]]:
    ws = load_workbook(path)["Gaps"]
    header = [str(c.value) for c in ws[1]]
    return header, [[c.value for c in row] for row in ws.iter_rows(min_row=2)]


def test_pages_sign_in_csrf_and_the_workbook_round_trip(tmp_path: Path) -> None:
    data, inbox = tmp_path / "data", tmp_path / "in"
    inbox.mkdir()
    shutil.copy(DOCX, inbox)
    assert run_batch_command([inbox], data, 1, False, 60, 1024, False) == 0
    header, rows = workbook_rows(data / "gaps.xlsx")
    wb = load_workbook(data / "gaps.xlsx")
    wb["Gaps"].cell(2, header.index("Reviewer status") + 1, "challenged")
    wb["Gaps"].cell(2, header.index("Reviewer comments") + 1, "asked the agency for the log")
    wb.save(data / "gaps.xlsx")
    in_workbook, on_page = (
        str(rows[0][header.index("Gap id")]),
        str(rows[1][header.index("Gap id")]),
    )
    assert run_batch_command([inbox], data, 1, False, 60, 1024, False) == 0  # reads it back
    store = Store(data)
    token = add_user(store, "rex", "reviewer")
    sha = store.db.execute("SELECT sha256 FROM files").fetchone()[0]
    store.close()
    with TestClient(create_app(Settings(data, run_jobs=False, allowed_hosts=("testserver",)))) as client:
        assert client.get("/", follow_redirects=False).headers["location"] == "/login"
        bad = client.post("/login", data={"csrf": "x", "token": token})
        assert "The sign-in form expired" in bad.text
        csrf = sign_in(client, token)
        started = time.monotonic()
        listing = client.get("/")
        list_ms = (time.monotonic() - started) * 1000
        assert f'href="/returns/{sha}"' in listing.text
        started = time.monotonic()
        page = client.get(f"/returns/{sha}")
        page_ms = (time.monotonic() - started) * 1000
        assert page.status_code == 200
        assert "Content-Security-Policy" in page.headers
        assert "http://" not in page.text
        assert "https://" not in page.text
        panel = page.text.split(f'id="gap-{in_workbook}"', 1)[1].split('<div class="gap', 1)[0]
        assert "asked the agency for the log" in panel
        assert '<option value="challenged" selected>' in panel
        assert "Where to look:" in page.text
        assert 'class="evidence"' in page.text
        form = f"/returns/{sha}/gaps/{on_page}"
        refused = client.post(form, data={"status": "accepted", "comment": "fine"})
        assert refused.status_code == 403
        assert client.patch(f"/api/gaps/{on_page}", json={"status": "accepted"}).status_code == 403
        saved = client.post(
            form,
            data={"status": "accepted", "comment": "log seen", "csrf": csrf},
            follow_redirects=False,
        )
        assert saved.status_code == 303
        history = client.get(f"/gaps/{on_page}/history")
        assert "Open → Accepted" in history.text
        assert "rex" in history.text
        started = time.monotonic()
        board = client.get("/board")
        board_ms = (time.monotonic() - started) * 1000
        assert "<svg" in board.text
        print(
            f"page load: returns {list_ms:.0f} ms, return {page_ms:.0f} ms, board {board_ms:.0f} ms"
        )
        (tmp_path / "down.xlsx").write_bytes(client.get("/api/gaps.xlsx").content)
    header, rows = workbook_rows(tmp_path / "down.xlsx")
    by_id = {str(r[header.index("Gap id")]): r for r in rows}
    made = by_id[on_page]
    assert (made[header.index("Reviewer status")], made[header.index("Reviewer comments")]) == (
        "Accepted",
        "log seen",
    )
    assert made[header.index("Reviewer")] == "rex"
    assert by_id[in_workbook][header.index("Reviewer status")] == "Challenged"


def one_fake_return(tmp_path: Path, spec: str) -> tuple[Path, str, str]:
    """A data folder holding one return made by tests/review_extract.py from `spec`
    (`ORG|item:kind,…`); (data folder, a reviewer's token, the return's id)."""
    data, inbox = tmp_path / "data", tmp_path / "in"
    inbox.mkdir()
    (inbox / "x.docx").write_text(spec, encoding="utf-8")
    run_batch_command(
        [inbox], data, 1, False, 60, 1024, False, extract_ref="tests.review_extract:extract"
    )
    store = Store(data)
    token = add_user(store, "rex", "reviewer")
    sha = store.db.execute("SELECT sha256 FROM files").fetchone()[0]
    store.close()
    return data, token, sha


def test_text_from_a_return_is_escaped_on_the_pages(tmp_path: Path) -> None:
    data, token, sha = one_fake_return(tmp_path, "<script>alert(1)</script>|1.1:no_action")
    with TestClient(create_app(Settings(data, run_jobs=False, allowed_hosts=("testserver",)))) as client:
        sign_in(client, token)
        for path in ("/", f"/returns/{sha}", "/board"):
            text = client.get(path).text
            assert "<script>alert" not in text, path
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, path


def test_pages_name_each_control_with_its_gap_and_speak_words(tmp_path: Path) -> None:
    """Every status, comment and Save on a return page is named with its gap; no machine word
    (`no_action`, `for_panel`, `unmatched_row`, a score as 50.0) reaches a page."""
    data, token, sha = one_fake_return(tmp_path, "Org A|1.1:no_action,1.1:no_evidence")
    with TestClient(create_app(Settings(data, run_jobs=False, allowed_hosts=("testserver",)))) as client:
        sign_in(client, token)
        page = client.get(f"/returns/{sha}").text
        for kind in ("no action planned", "no evidence"):
            name = f"gap 1.1 {kind}"
            assert f'Status<span class="visually-hidden"> of {name}</span>' in page
            assert f'Comment<span class="visually-hidden"> on {name}</span>' in page
            assert f'Save<span class="visually-hidden"> {name}</span>' in page
        controls = re.findall(r'<(?:select|textarea) name="\w+" id="([^"]+)"', page)
        labels = set(re.findall(r'<label for="([^"]+)"', page))
        assert controls
        assert set(controls) <= labels
        assert 'aria-live="polite"' in page
        for path in ("/", f"/returns/{sha}", "/board", "/login"):
            shown = re.sub(r"<[^>]*>", " ", client.get(path).text)  # the words, not the ids
            shown = shown.replace("1.1 no_action", "").replace("1.1 no_evidence", "")  # messages
            assert not re.search(r"\b(no_action|no_evidence|for_panel|partial)\b|50\.0", shown)
        assert "administrator" in client.get("/login").text
        assert ">For panel</option>" in page
        assert "<b>No action planned</b>" in page
