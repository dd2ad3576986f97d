"""The rendered report opened in headless Chromium: every part and every chart loads."""

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
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def broken_images(driver) -> list[str]:
    return driver.execute_script(
        "return Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 80));"
    )


def test_every_part_and_chart_loads(browser, report_dir):
    index = report_dir / "report" / "index.html"
    browser.get(index.as_uri())
    assert "kortrade report" in browser.title
    links = [a.get_attribute("href") for a in browser.find_elements(By.TAG_NAME, "a")]
    parts = [href for href in links if href.endswith(".html")]
    charts = [href for href in links if href.endswith(".png")]
    assert len(parts) == 5 and len(charts) >= 8
    for href in parts:
        browser.get(href)
        assert browser.find_elements(By.TAG_NAME, "h1"), href
        assert browser.execute_script("return document.images.length") >= 1, href
        assert broken_images(browser) == [], href
        assert "Traceback" not in browser.page_source
    for href in charts:
        browser.get(href)
        size = browser.execute_script("const i = document.images[0]; return i && i.complete ? i.naturalWidth : 0;")
        assert size > 0, href
