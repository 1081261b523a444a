"""The review flow in a real headless Chromium (selenium): sign in, open a return, accept a
gap with a comment by keyboard, reload, see it kept. S11_SCREENSHOT=path saves the page."""

from __future__ import annotations

import os
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

ROOT = Path(__file__).resolve().parents[1]
DOCX = ROOT / "samples/word/wt2023-charity-wingdings-renumbered.docx"
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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """A uvicorn server over a data folder holding one return; (base URL, reviewer and admin
    tokens)."""
    import uvicorn

    tmp_path = tmp_path_factory.mktemp("service")
    inbox, data = tmp_path / "in", tmp_path / "data"
    inbox.mkdir()
    shutil.copy(DOCX, inbox)
    assert run_batch_command([inbox], data, 1, False, 60, 1024, False) == 0
    store = Store(data)
    token = add_user(store, "rex", "reviewer")
    admin = add_user(store, "ada", "admin")
    store.close()
    port = free_port()
    config = uvicorn.Config(
        create_app(Settings(data)), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started
    yield f"http://127.0.0.1:{port}", token, admin
    srv.should_exit = True
    thread.join(timeout=10)


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


def sign_in(browser: Any, base: str, token: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{base}/login")
    browser.delete_all_cookies()
    browser.get(f"{base}/")
    assert browser.current_url.endswith("/login")
    browser.find_element(By.ID, "token").send_keys(token)
    browser.find_element(By.ID, "sign-in").click()


def test_accept_a_gap_by_keyboard_and_see_it_kept(
    server: tuple[str, str, str], browser: Any
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
    keys = ActionChains(browser)
    keys.send_keys("j").perform()
    gap = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, ".gap.current"))
    gap_id = gap.get_attribute("data-id")
    keys.send_keys("e").perform()
    ActionChains(browser).send_keys("policy seen on the visit").send_keys(Keys.ESCAPE).perform()
    ActionChains(browser).send_keys("a").perform()
    wait.until(lambda d: "accepted by rex" in gap.find_element(By.CSS_SELECTOR, ".saved").text)
    browser.refresh()
    kept = wait.until(lambda d: d.find_element(By.ID, f"gap-{gap_id}"))
    assert kept.get_attribute("data-status") == "accepted"
    assert kept.find_element(By.CSS_SELECTOR, "select").get_attribute("value") == "accepted"
    assert kept.find_element(By.CSS_SELECTOR, "textarea").get_attribute("value") == (
        "policy seen on the visit"
    )
    ActionChains(browser).send_keys("j").perform()  # the next open gap, for the picture
    nxt = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, ".gap.current"))
    assert nxt.get_attribute("data-id") != gap_id
    shot = os.environ.get("S11_SCREENSHOT")
    if shot:  # a gap on an item, beside the evidence the reader found
        item_gaps = browser.find_elements(By.CSS_SELECTOR, "tr.has-gaps .gap .what")
        if item_gaps:
            item_gaps[0].click()
        browser.save_screenshot(shot)


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
