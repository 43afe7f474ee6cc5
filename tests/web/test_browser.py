"""The web app in a real headless Chromium: pages load, links land, search works.

Screenshots of every page at laptop (1280 px) and phone (390 px) widths are saved
under ``test-output/screenshots/`` for a person to look at.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REQUIRES_MODEL, ROOT
from tests.web.conftest import HOSTILE, SEEDS_STORY

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SHOTS = ROOT / "test-output" / "screenshots"
WIDTHS = {"laptop": 1280, "phone": 390}

pytestmark = [
    pytest.mark.browser,
    *REQUIRES_MODEL,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def base_url(web_db: Path) -> Iterator[str]:
    """The app served by uvicorn in a thread, on a free port of this machine."""
    import uvicorn

    from storyline.web import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--hide-scrollbars",
                 "--force-device-scale-factor=1"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)),
                              options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _ids(base_url: str) -> dict[str, str]:
    import json
    import urllib.request

    with urllib.request.urlopen(f"{base_url}/api/articles?limit=10") as response:
        articles = json.load(response)["items"]
    with urllib.request.urlopen(
            f"{base_url}/api/entities?story={SEEDS_STORY}&q=Burns") as response:
        burns = json.load(response)["items"][0]["id"]
    hostile = next(a for a in articles if a["title"] == HOSTILE["title"])
    seeds = [a for a in articles if a["story"] == SEEDS_STORY]
    return {"article": seeds[0]["id"], "entity": burns, "hostile": hostile["id"]}


def _wait(condition: Any, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for the browser"
        time.sleep(0.05)


def _errors(browser: Any) -> list[str]:
    """Console errors, CSP violations included (they are logged as errors)."""
    return [entry["message"] for entry in browser.get_log("browser")
            if entry["level"] == "SEVERE" and "favicon" not in entry["message"]]


def _shoot(browser: Any, name: str, width: int) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(width, min(int(height) + 120, 5000))
    time.sleep(0.2)
    browser.save_screenshot(str(SHOTS / f"{name}-{width}.png"))


@pytest.mark.parametrize("width", list(WIDTHS.values()), ids=list(WIDTHS))
def test_every_page_loads_cleanly_at_laptop_and_phone_width(base_url: str, browser: Any,
                                                            width: int) -> None:
    ids = _ids(base_url)
    pages = {"stories": "/", "story": f"/story/{SEEDS_STORY}",
             "article": f"/article/{ids['article']}", "entity": f"/entity/{ids['entity']}",
             "search": "/search?q=hostage", "hostile": f"/article/{ids['hostile']}",
             "not-found": "/story/story-nope", "api": "/api"}
    _errors(browser)  # drop anything logged before
    for name, path in pages.items():
        browser.set_window_size(width, 900)
        browser.get(base_url + path)
        _wait(lambda: browser.execute_script("return document.readyState") == "complete")
        assert browser.find_element("css selector", "h1").text, name
        errors = [e for e in _errors(browser) if not (name == "not-found" and "404" in e)]
        assert errors == [], (name, errors)
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, (name, width, overflow)  # wide charts scroll inside their box
        # nothing from the article text became markup: our one script, no stray images
        assert browser.execute_script(
            "return [document.scripts.length, document.querySelectorAll('main img').length]"
        ) == [1, 0], name
        _shoot(browser, name, width)


def test_a_timeline_entry_opens_its_sentence_highlighted(base_url: str, browser: Any) -> None:
    browser.set_window_size(1280, 900)
    browser.get(f"{base_url}/story/{SEEDS_STORY}")
    entries = browser.find_elements("css selector", "ol.timeline a.sentence-link")
    assert len(entries) > 10
    entry = entries[-1]  # late in the story: the article page has to scroll to it
    wanted = entry.get_attribute("href").split("#", 1)[1]
    text = " ".join(entry.text.split())[:40]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", entry)
    entry.click()
    _wait(lambda: "/article/" in browser.current_url)
    _wait(lambda: browser.execute_script("return document.readyState") == "complete")
    assert browser.current_url.endswith("#" + wanted)
    assert wanted.startswith("s-")
    target = browser.execute_script("return document.querySelector(':target')")
    assert target is not None and target.get_attribute("id") == wanted
    assert text in " ".join(target.text.split())
    top, bottom, view = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return [r.top, r.bottom, window.innerHeight];", target)
    assert 0 <= top < view and bottom > 0  # scrolled into view
    assert browser.execute_script("return window.scrollY") > 0
    outline = browser.execute_script(
        "return getComputedStyle(arguments[0]).outlineStyle", target)
    assert outline != "none"  # and highlighted
    _shoot(browser, "timeline-click", 1280)


def test_a_highlight_shows_its_record_on_keyboard_focus(base_url: str, browser: Any) -> None:
    ids = _ids(base_url)
    browser.set_window_size(1280, 900)
    browser.get(f"{base_url}/article/{ids['article']}")
    figure = browser.find_element("css selector", "mark.hl-figure")
    browser.execute_script("arguments[0].focus()", figure)
    tip = browser.find_element("css selector", ".tip")
    assert tip.is_displayed()
    card = browser.find_element("id", figure.get_attribute("data-ref"))
    assert card.find_element("css selector", ".card-head").get_attribute(
        "textContent") in tip.text
    assert "hedge" in tip.text or "value" in tip.text
    browser.set_window_size(1280, 900)
    browser.save_screenshot(str(SHOTS / "tooltip-1280.png"))
    from selenium.webdriver.common.keys import Keys

    figure.send_keys(Keys.ESCAPE)
    assert not tip.is_displayed()


def test_the_search_box_finds_articles(base_url: str, browser: Any) -> None:
    from selenium.webdriver.common.keys import Keys

    browser.set_window_size(390, 900)
    browser.get(base_url + "/")
    box = browser.find_element("id", "site-q")
    box.send_keys("Doha", Keys.ENTER)
    _wait(lambda: "/search" in browser.current_url)
    assert browser.current_url.endswith("/search?q=Doha")
    hits = browser.find_elements("css selector", "ol.hits > li")
    assert len(hits) == 1
    assert browser.find_element("css selector", ".snippet mark").text == "Doha"
    hits[0].find_element("css selector", "h3 a").click()
    assert "/article/" in browser.current_url


def test_the_story_filters_work_from_the_keyboard(base_url: str, browser: Any) -> None:
    from selenium.webdriver.common.keys import Keys

    browser.set_window_size(1280, 900)
    browser.get(base_url + "/")
    actor = browser.find_element("id", "f-actor")
    actor.send_keys("Barnea", Keys.ENTER)
    _wait(lambda: "actor=Barnea" in browser.current_url)
    titles = [e.text for e in browser.find_elements("css selector", ".story-card h2 a")]
    assert len(titles) == 1
    focused = browser.execute_script(
        "document.querySelector('.story-card h2 a').focus();"
        "return getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none"  # a visible focus ring
