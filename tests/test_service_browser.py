"""The review flow in a real headless Chromium (selenium), with axe-core (WCAG 2.2 A/AA) in
every page state: sign-in with and without an error, the returns list empty, queued, done and
failed, a return with open, focused and decided gaps and after a decision made by key, a gap's
history, the board and the compare page; each page also reflows at 320 px. Shortcuts work only
while a gap has the focus, act on that gap and can be switched off. S11_SCREENSHOTS=docs saves
each page as docs/<page>.png."""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.batch.runner import run_batch_command
from app.batch.store import Store
from app.review.users import add_user
from app.service.app import create_app
from app.service.settings import Settings
from tests.axe_check import Audit, screenshot, sideways_scroll

ROOT = Path(__file__).resolve().parents[1]
DOCX = ROOT / "samples/word/wt2023-charity-wingdings-renumbered.docx"
REPORTS: list[Path] = []  # the server's data folder, for the report pages
CHROMIUM, DRIVER = shutil.which("chromium") or "/usr/bin/chromium", shutil.which("chromedriver")
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1000",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(settings: Settings) -> Iterator[str]:
    """A uvicorn server in a thread over the settings' data folder; its base URL."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """A server over a data folder holding one return and one file that failed, with the same
    folder as its last cycle (the compare page); (base URL, reviewer and admin tokens)."""
    tmp_path = tmp_path_factory.mktemp("service")
    inbox, data = tmp_path / "in", tmp_path / "data"
    inbox.mkdir()
    shutil.copy(DOCX, inbox)
    (inbox / "damaged.docx").write_bytes(b"PK\x03\x04 not really a Word file")
    assert run_batch_command([inbox], data, 1, False, 60, 1024, False) == 1  # the damaged one
    store = Store(data)
    token = add_user(store, "rex", "reviewer")
    admin = add_user(store, "ada", "admin")
    store.close()
    REPORTS[:] = [data]
    previous = tmp_path / "previous"  # last cycle: the same return
    shutil.copytree(data, previous, ignore=shutil.ignore_patterns("s11.lock"))
    for base in serve(Settings(data, previous=previous)):
        yield base, token, admin


@pytest.fixture(scope="module")
def reports(server: tuple[str, str, str]) -> Path:
    """The batch folder behind `server`, with the HTML reports `s11 batch` wrote."""
    return REPORTS[0]


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A server with no returns whose queue does not run (uploads stay queued)."""
    data = tmp_path_factory.mktemp("empty") / "data"
    store = Store(data)
    admin = add_user(store, "ada", "admin")
    store.close()
    for base in serve(Settings(data, run_jobs=False)):
        yield base, admin


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (DRIVER and Path(CHROMIUM).exists()):
        pytest.skip(
            "chromium and chromedriver are needed for the browser test (.ci/system-deps.sh)"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="s11-chromium-")
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def audit() -> Iterator[Audit]:
    found = Audit()
    yield found
    print("\n" + found.report())


def check(audit: Audit, browser: Any, state: str, reflow: bool = True) -> None:
    """No axe violation in this state, and (when asked) no sideways scroll at 320 px."""
    violations = audit.check(browser, state)
    assert not violations, audit.report()
    if reflow:
        assert sideways_scroll(browser) <= 0, f"{state}: scrolls sideways at 320 px"


def sign_in(browser: Any, base: str, token: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{base}/login")
    browser.delete_all_cookies()
    browser.get(f"{base}/")
    assert browser.current_url.endswith("/login")
    browser.find_element(By.ID, "token").send_keys(token)
    browser.find_element(By.ID, "sign-in").click()
    WebDriverWait(browser, 15).until(lambda d: not d.current_url.endswith("/login"))


def focused(browser: Any) -> Any:
    return browser.switch_to.active_element


def test_sign_in_with_and_without_an_error(
    server: tuple[str, str, str], browser: Any, audit: Audit
) -> None:
    from selenium.webdriver.common.by import By

    base, _, _ = server
    browser.get(f"{base}/login")
    browser.delete_all_cookies()
    browser.get(f"{base}/login")
    assert "administrator" in browser.find_element(By.TAG_NAME, "main").text
    check(audit, browser, "sign-in")
    screenshot(browser, "sign-in")
    browser.find_element(By.ID, "token").send_keys("not a token")
    browser.find_element(By.ID, "sign-in").click()
    error = browser.find_element(By.CSS_SELECTOR, ".error-summary")
    assert error.text
    check(audit, browser, "sign-in with an error")


def test_returns_list_empty_queued_done_and_failed(
    server: tuple[str, str, str],
    empty_server: tuple[str, str],
    browser: Any,
    audit: Audit,
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base, admin = empty_server
    sign_in(browser, base, admin)
    WebDriverWait(browser, 15).until(lambda d: d.find_elements(By.ID, "upload"))
    check(audit, browser, "returns list, empty")
    browser.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(DOCX))
    WebDriverWait(browser, 15).until(
        lambda d: "queued" in d.find_element(By.ID, "upload-status").text.lower()
        or "waiting" in d.find_element(By.ID, "upload-status").text.lower()
    )
    check(audit, browser, "returns list, an upload in progress")
    browser.refresh()
    check(audit, browser, "returns list, a return waiting")
    base, _, admin = server
    sign_in(browser, base, admin)
    WebDriverWait(browser, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#returns a"))
    assert browser.find_elements(By.CSS_SELECTOR, "#returns tr[data-status=failed]")
    check(audit, browser, "returns list, done and failed")
    screenshot(browser, "returns")


def test_review_by_keyboard_on_the_focused_gap(
    server: tuple[str, str, str], browser: Any, audit: Audit
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    base, token, _ = server
    wait = WebDriverWait(browser, 15)
    sign_in(browser, base, token)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#returns a"))
    started = time.monotonic()
    browser.find_element(By.CSS_SELECTOR, "#returns a").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".gap"))
    print(f"return page in the browser: {(time.monotonic() - started) * 1000:.0f} ms")
    check(audit, browser, "return page, gaps open")
    gaps = browser.find_elements(By.CSS_SELECTOR, ".gap")
    first = gaps[0]
    browser.find_element(By.TAG_NAME, "h1").click()
    ActionChains(browser).send_keys("a").perform()  # focus outside the gaps: no shortcut
    time.sleep(0.3)
    assert first.get_attribute("data-status") == "open"
    first.find_element(By.CSS_SELECTOR, ".what").click()  # the gap takes the focus
    assert focused(browser).get_attribute("data-id") == first.get_attribute("data-id")
    keys = ActionChains(browser)
    keys.send_keys("j").perform()
    gap = focused(browser)
    gap_id = gap.get_attribute("data-id")
    assert gap_id
    assert gap_id != first.get_attribute("data-id")
    keys.send_keys("e").perform()
    assert focused(browser).tag_name == "textarea"
    check(audit, browser, "return page, a comment box focused", reflow=False)
    ActionChains(browser).send_keys("policy seen on the visit").send_keys(Keys.ESCAPE).perform()
    assert focused(browser).get_attribute("data-id") == gap_id
    assert gap.get_attribute("data-status") == "open"  # the a in "a visit" decided nothing
    ActionChains(browser).send_keys("a").perform()
    announce = browser.find_element(By.ID, "announce")
    wait.until(lambda d: "accepted by rex" in announce.get_attribute("textContent").lower())
    check(audit, browser, "return page, after a decision by key", reflow=False)
    item_gap = browser.find_element(By.CSS_SELECTOR, "tr.has-gaps .gap")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", item_gap)
    screenshot(browser, "review-gap")  # a gap on an item, beside the evidence the reader found
    browser.execute_script("window.scrollTo(0, 0)")
    screenshot(browser, "review-page")
    switch = browser.find_element(By.ID, "shortcuts")
    assert switch.is_selected()
    switch.click()  # shortcuts off: a key on a focused gap does nothing
    nxt = browser.find_element(By.CSS_SELECTOR, ".gap[data-status=open] .what")
    nxt.click()
    target = focused(browser)
    ActionChains(browser).send_keys("r").perform()
    time.sleep(0.3)
    assert target.get_attribute("data-status") == "open"
    switch.click()
    browser.refresh()
    kept = wait.until(lambda d: d.find_element(By.ID, f"gap-{gap_id}"))
    assert kept.get_attribute("data-status") == "accepted"
    assert kept.find_element(By.CSS_SELECTOR, "select").get_attribute("value") == "accepted"
    assert kept.find_element(By.CSS_SELECTOR, "textarea").get_attribute("value") == (
        "policy seen on the visit"
    )
    check(audit, browser, "return page, gaps open and decided")
    kept.find_element(By.CSS_SELECTOR, "select").click()
    check(audit, browser, "return page, a status control focused", reflow=False)
    history = kept.find_element(By.CSS_SELECTOR, "a.history")
    history.click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "table.history"))
    assert "Accepted" in browser.find_element(By.CSS_SELECTOR, "table.history").text
    check(audit, browser, "history")
    screenshot(browser, "history")


def test_board_and_compare(server: tuple[str, str, str], browser: Any, audit: Audit) -> None:
    from selenium.webdriver.common.by import By

    base, token, _ = server
    sign_in(browser, base, token)
    browser.get(f"{base}/board")
    chart = browser.find_element(By.CSS_SELECTOR, ".chart svg")
    assert chart.get_attribute("role") == "img"
    assert chart.find_element(By.TAG_NAME, "title").get_attribute("textContent")
    assert browser.find_elements(By.CSS_SELECTOR, "table.sections")
    check(audit, browser, "board summary")
    screenshot(browser, "board")
    browser.get(f"{base}/compare")
    assert browser.find_elements(By.CSS_SELECTOR, ".s11-compare svg title")
    check(audit, browser, "compare")
    screenshot(browser, "compare")


def test_report_pages(reports: Path, browser: Any, audit: Audit) -> None:
    """The self-contained HTML reports of `s11 batch`: a return's page and the board summary."""
    for page in (*sorted((reports / "html").glob("*.html")), reports / "summary.html"):
        browser.get(page.as_uri())
        check(audit, browser, f"report {page.name}")


def test_an_admin_uploads_on_the_page_and_sees_it_done(
    server: tuple[str, str, str], browser: Any
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base, _, admin = server
    sign_in(browser, base, admin)
    pdf = ROOT / "samples/pdf/wt2023-scouts-acroform-checkboxes.pdf"
    WebDriverWait(browser, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#upload"))
    browser.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(pdf))
    status = WebDriverWait(browser, 15).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "#upload-status li")
    )
    assert status.text.startswith(pdf.name)
    WebDriverWait(browser, 90).until(
        lambda d: d.find_elements(By.XPATH, f"//table[@id='returns']//a[text()='{pdf.name}']")
    )
