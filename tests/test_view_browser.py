"""The audit page in a real browser: Debian's chromium, headless, driven by selenium.

Skipped when chromium or chromedriver is not installed (``apt-get install chromium
chromium-driver``).  With ``OGI_UPDATE_SCREENSHOT=1`` the screenshot also replaces
``docs/view-seed.png``, the one the README shows.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ogi.paths import PROJECT_DIR
from ogi.view import render_report
from test_view import seed_record

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOT = PROJECT_DIR / "docs" / "view-seed.png"

pytestmark = pytest.mark.slow


@pytest.fixture
def browser(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (apt-get install chromium chromium-driver)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    profile = tmp_path / "profile"
    profile.mkdir()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--no-first-run", "--hide-scrollbars",
                f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    driver.set_window_size(1600, 1000)
    try:
        yield driver
    finally:
        driver.quit()


def test_view_browser_claim_click_highlights_its_cell(browser, tmp_path):
    from selenium.webdriver.common.by import By

    rec, text = seed_record(own_claims=True)
    rec["source"]["path"] = "corpora/sample/seed-2024-masked.txt"  # as in the README, not this machine's path
    page = tmp_path / "seed.html"
    page.write_text(render_report(rec, text=text), encoding="utf-8")
    browser.get(page.as_uri())
    assert browser.find_element(By.CSS_SELECTOR, "h1").text
    claim = next(a for a in browser.find_elements(By.CSS_SELECTOR, "a.claim[data-target]")
                 if "+" not in a.get_attribute("data-target"))
    target = claim.get_attribute("data-target")
    cell = browser.find_element(By.ID, f"c-{target}")
    assert "highlight" not in cell.get_attribute("class").split()
    claim.click()
    assert "highlight" in cell.get_attribute("class").split()
    assert "active" in claim.get_attribute("class").split()
    assert browser.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;", cell)
    quote = browser.find_element(By.ID, claim.get_attribute("data-quote"))
    assert "highlight" in quote.get_attribute("class").split()

    # a sum target highlights every cell it adds up
    total = next(a for a in browser.find_elements(By.CSS_SELECTOR, "a.claim[data-target]")
                 if "+" in a.get_attribute("data-target"))
    total.click()
    parts = total.get_attribute("data-target").split("+")
    assert [("highlight" in browser.find_element(By.ID, f"c-{p}").get_attribute("class").split()) for p in parts] \
        == [True] * len(parts)
    assert "highlight" not in cell.get_attribute("class").split()

    # clicking a cell opens the inspector with its source text
    browser.find_element(By.ID, "c-table3.granted.total").click()
    inspector = browser.find_element(By.ID, "inspector")
    assert inspector.is_displayed()
    assert "read from: “(一)予以公开” 3 0 0 0 0 0 3" in inspector.text
    browser.find_element(By.CSS_SELECTOR, "#inspector button.jump").click()
    src = browser.find_element(By.ID, "src-table3.granted")
    assert "highlight" in src.get_attribute("class").split()
    browser.find_element(By.CSS_SELECTOR, "#inspector button.close").click()
    assert not inspector.is_displayed()

    # the screenshot: the page as opened, the first claim clicked, its cell highlighted
    claim_id = claim.get_attribute("id")
    browser.refresh()
    claim = browser.find_element(By.ID, claim_id)
    cell = browser.find_element(By.ID, f"c-{target}")
    claim.click()
    assert "highlight" in cell.get_attribute("class").split()
    shot = tmp_path / "view-seed.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("OGI_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)


def test_view_browser_injected_script_does_not_run(browser, tmp_path):
    from selenium.webdriver.common.by import By

    rec, text = seed_record()
    rec["sections"][0]["text"] = "<script>window.pwned = 1</script>" + rec["sections"][0]["text"]
    rec["claims"][0]["quote"] = "<img src=x onerror=\"window.pwned=2\">"
    page = tmp_path / "evil.html"
    page.write_text(render_report(rec, text=None), encoding="utf-8")
    browser.get(page.as_uri())
    assert browser.execute_script("return window.pwned === undefined;")
    assert "<script>window.pwned = 1</script>" in browser.find_element(By.ID, "sec-overview").text


def _system_cjk_fonts() -> list[str]:
    fc = shutil.which("fc-list")
    if fc is None:
        return []
    import subprocess

    out = subprocess.run([fc, ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout
    return [line for line in out.splitlines() if line.strip()]


def _glyph_shots(browser, chars: str) -> list[bytes]:
    """Screenshots of each character drawn alone in the page's own font stack."""
    from selenium.webdriver.common.by import By

    browser.execute_script(
        "var box = document.createElement('div'); box.id = 'glyphs'; box.style.cssText = "
        "'position:fixed;top:0;left:0;z-index:99;background:#fff;font-size:40px;line-height:1';"
        "arguments[0].split('').forEach(function (c, i) { var s = document.createElement('span');"
        "s.id = 'g' + i; s.textContent = c; s.style.display = 'inline-block'; box.appendChild(s); });"
        "document.body.appendChild(box);", chars)
    return [browser.find_element(By.ID, f"g{i}").screenshot_as_png for i in range(len(chars))]


def test_view_browser_chinese_glyphs_without_a_system_cjk_font(browser, tmp_path):
    """The seed's page draws Chinese with its embedded font, where a page without it draws boxes."""
    from selenium.webdriver.common.by import By

    rec, text = seed_record()
    chars = "行政复议公开"
    shots = {}
    for embed in (True, False):
        page = tmp_path / f"seed-{embed}.html"
        page.write_text(render_report(rec, text=text, embed_font=embed), encoding="utf-8")
        browser.get(page.as_uri())
        browser.execute_script("return document.fonts.ready.then(function () { return true; });")
        loaded = browser.execute_script(
            "return Array.from(document.fonts).filter(function (f) { return f.family.replace(/\"/g, '') == "
            "'ogi-sans' && f.status == 'loaded'; }).length;")
        assert loaded == (1 if embed else 0)
        head = browser.find_element(By.CSS_SELECTOR, "table.t4 thead th")
        assert head.text == "行政复议"
        shots[embed] = (head.screenshot_as_png, _glyph_shots(browser, chars))
    with_font, without = shots[True], shots[False]
    assert with_font[0] != without[0]  # the header cell's pixels differ from the font-less rendering
    assert len(set(with_font[1])) == len(chars)  # six characters, six different glyphs
    if not _system_cjk_fonts():  # this machine: `fc-list :lang=zh` lists nothing
        assert len(set(without[1])) == 1, "without a CJK font every character should be the same box"


def test_view_browser_table4_is_not_clipped_at_1400_px(browser, tmp_path):
    rec, text = seed_record()
    page = tmp_path / "seed.html"
    page.write_text(render_report(rec, text=text), encoding="utf-8")
    browser.set_window_size(1400, 1000)
    browser.get(page.as_uri())
    right, pane_right, scroll, client = browser.execute_script(
        "var t = document.querySelector('table.t4'), p = document.getElementById('pane-tables');"
        "return [t.getBoundingClientRect().right, p.getBoundingClientRect().right, p.scrollWidth, p.clientWidth];")
    assert right <= pane_right and scroll <= client
