"""axe-core (npm, `make node`) run inside the browser test's pages, and the 320 px reflow check.

Every page state the browser test reaches is checked against WCAG 2.2 A and AA
(`AXE_TAGS`); the violations found are kept per state for the test's report.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
REFLOW_WIDTH = 320  # CSS pixels: WCAG 1.4.10, no sideways scroll at 320 px wide
RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
  .then((r) => done(r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ") + ": " + n.failureSummary.split("\\n")[1]),
  }))))
  .catch((e) => done([{id: "axe-error", impact: "critical", help: String(e), nodes: []}]));
"""


def axe_source() -> str:
    if not AXE.exists():
        raise AssertionError(
            f"{AXE.relative_to(ROOT)} is missing: `make node` installs axe-core with npm"
        )
    return AXE.read_text(encoding="utf-8")


class Audit:
    """Runs axe in each page state and keeps what it found, by state name."""

    def __init__(self) -> None:
        self.source = axe_source()
        self.found: dict[str, list[dict[str, Any]]] = {}

    def check(self, browser: Any, state: str) -> list[dict[str, Any]]:
        """axe's violations on the page as the browser shows it now (also kept)."""
        if not browser.execute_script("return typeof axe !== 'undefined'"):
            browser.execute_script(self.source)
        browser.set_script_timeout(60)
        violations: list[dict[str, Any]] = browser.execute_async_script(RUN, AXE_TAGS)
        self.found[state] = violations
        return violations

    def report(self) -> str:
        lines = []
        for state, violations in self.found.items():
            lines.append(f"axe {state}: {len(violations)} violations")
            for v in violations:
                lines.append(f"  {v['id']} ({v['impact']}): {v['help']}")
                lines += [f"    {n}" for n in v["nodes"][:4]]
        return "\n".join(lines)

    def failures(self) -> dict[str, list[str]]:
        return {s: [v["id"] for v in vs] for s, vs in self.found.items() if vs}


def sideways_scroll(browser: Any) -> int:
    """How many CSS pixels the page scrolls sideways at 320 px wide (0 when it reflows)."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": REFLOW_WIDTH, "height": 640, "deviceScaleFactor": 1, "mobile": False},
    )
    try:
        over: int = browser.execute_script(
            "const d = document.documentElement;"
            "return Math.max(d.scrollWidth, document.body.scrollWidth) - d.clientWidth;"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return over


def screenshot(browser: Any, name: str) -> None:
    """Save the page as docs/<name>.png when S11_SCREENSHOTS names a folder (`docs`)."""
    folder = os.environ.get("S11_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(Path(folder) / f"{name}.png"))
