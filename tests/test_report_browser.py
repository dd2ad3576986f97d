"""The rendered report opened in headless Chromium with the network blocked: every part and every
chart loads, no request leaves the machine, and a figure's link lands on its highlighted sentence."""

import json
import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("selenium")
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(DRIVER).exists()),
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1200,900",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["http://*", "https://*", "ws://*", "wss://*"]})
    yield driver
    driver.quit()


def broken_images(driver) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 80));"
    )


def requested_urls(driver) -> list[str]:
    """Every URL the browser asked for since the last call (from the DevTools performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_every_part_and_chart_loads_without_the_network(browser, report_dir):
    index = report_dir / "report" / "index.html"
    requested_urls(browser)
    browser.get(index.as_uri())
    assert "the brief" in browser.title
    assert len(browser.find_elements(By.CSS_SELECTOR, ".charts img")) >= 2
    assert broken_images(browser) == []
    links = [a.get_attribute("href") for a in browser.find_elements(By.TAG_NAME, "a")]
    parts = sorted({href for href in links if re.search(r"/\d\d_[a-z_]+\.html$", href)})
    assert len(parts) == 5
    for href in parts:
        browser.get(href)
        assert browser.find_elements(By.TAG_NAME, "h1"), href
        assert browser.find_element(By.LINK_TEXT, "Brief").get_attribute("href") == index.as_uri()
        assert browser.execute_script("return document.images.length") >= 1, href
        assert broken_images(browser) == [], href
        assert "Traceback" not in browser.page_source
    for href in (h for h in links if h.endswith((".png", ".svg"))):
        browser.get(href)
        assert "ERR_" not in browser.page_source, href
    # chrome:// is the browser's own pages (its new-tab page), not the network
    outside = [url for url in requested_urls(browser) if not url.startswith(("file:", "data:", "about:", "chrome:"))]
    assert outside == [], outside


def test_a_figure_link_lands_on_its_highlighted_sentence(browser, report_dir):
    browser.get((report_dir / "report" / "index.html").as_uri())
    link = browser.find_element(By.CSS_SELECTOR, "#trade + table a[href*='#c']")
    assert link.text == "$124.8 bn"
    link.click()
    assert browser.current_url.endswith("/doc/002_c30783c9e7f1f1ae.html#c1062-1076")
    target = browser.execute_script(
        "const t = document.querySelector(':target');"
        "return t && [t.tagName, t.textContent, getComputedStyle(t).outlineStyle,"
        " t.closest('.sentence').id, getComputedStyle(t.closest('.sentence')).backgroundColor];"
    )
    assert target[:3] == ["MARK", "$124.8 billion", "solid"]
    assert target[3].startswith("s") and target[4] != "rgba(0, 0, 0, 0)"  # the sentence is highlighted too
    assert [url for url in requested_urls(browser) if url.startswith(("http:", "https:", "ws:", "wss:"))] == []
