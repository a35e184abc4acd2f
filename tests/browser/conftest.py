"""Browser-test harness: Debian's chromium driven by Playwright's sync API against pytest-django's
`live_server`. Runs with plain `pytest` together with the rest of the suite.

Fixtures
- `browser`: one chromium for all tests in tests/browser/ (package scope: it is closed before the
  rest of the suite runs, so Playwright's event loop never leaks into other tests).
- `open_page(width=1280, height=900, javascript=True)`: a fresh page in its own context whose
  base_url is the live server, so `page.goto("/")` works. Uses `transactional_db`, so rows that a
  test creates with the ORM are visible to the server thread.
- `page`: `open_page()` at desktop size.
- `screenshot(page, name)`: save test-artifacts/<name>.png (full page).
On failure every page the test opened is saved as test-artifacts/<test id>[-n].png.

Every test in tests/browser/ gets the `browser` marker (deselect with `-m "not browser"`).
Chromium comes from Debian (`apt-get install chromium`); ARCHIVE_CHROMIUM overrides its path.
When it is missing or does not start, each browser test FAILS with that message (never skips).
"""
import os

# Playwright's sync API keeps an asyncio loop running in the main thread; Django would refuse
# ORM calls from the test (and the DB flush of transactional_db) without this.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import re  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

CHROMIUM = os.environ.get("ARCHIVE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
DEFAULT_TIMEOUT_MS = 15_000
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def artifacts_dir(pytestconfig) -> Path:
    path = Path(pytestconfig.rootpath) / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


UNAVAILABLE = pytest.StashKey[str]()


def chromium_problem() -> str | None:
    if os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK):
        return None
    return (
        f"Browser tests need Debian's chromium at {CHROMIUM}, which is missing. "
        "Install it with `apt-get install chromium` (or set ARCHIVE_CHROMIUM to its path); "
        "never download a Playwright browser."
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    # A browser that is missing or does not start makes each browser test FAIL (not error, not
    # skip) with the reason, before the test body runs.
    reason = item.config.stash.get(UNAVAILABLE, None)
    if reason and "browser" in getattr(item, "fixturenames", ()):
        pytest.fail(reason, pytrace=False)


@pytest.fixture(scope="package")
def browser(pytestconfig):
    """The launched chromium, or None when it is unavailable (the test then fails, see above)."""
    problem = chromium_problem()
    if problem:
        pytestconfig.stash[UNAVAILABLE] = problem
        yield None
        return
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as exc:  # noqa: BLE001 - reported as each test's failure
        playwright.stop()
        pytestconfig.stash[UNAVAILABLE] = f"chromium at {CHROMIUM} did not start: {exc}"
        yield None
        return
    if UNAVAILABLE in pytestconfig.stash:
        del pytestconfig.stash[UNAVAILABLE]
    yield instance
    instance.close()
    playwright.stop()


@pytest.fixture
def open_page(request, browser, live_server, transactional_db, artifacts_dir):
    contexts = []
    pages = []

    def _open(width=DESKTOP["width"], height=DESKTOP["height"], javascript=True):
        if browser is None:
            return None  # unavailable: pytest_runtest_call fails the test before its body runs
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            java_script_enabled=javascript,
        )
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        pages.append(page)
        return page

    yield _open

    failed = any(getattr(request.node, f"rep_{when}", None) and getattr(request.node, f"rep_{when}").failed
                 for when in ("setup", "call"))
    if failed:
        stem = re.sub(r"[^\w.-]+", "_", request.node.nodeid).strip("_")
        for n, page in enumerate(pages):
            suffix = f"-{n + 1}" if len(pages) > 1 else ""
            try:
                page.screenshot(path=str(artifacts_dir / f"{stem}{suffix}.png"), full_page=True)
            except Exception as exc:  # noqa: BLE001 - a screenshot must not hide the real failure
                print(f"could not save failure screenshot: {exc}")
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    return open_page()


@pytest.fixture
def screenshot(artifacts_dir):
    def _save(page, name):
        path = artifacts_dir / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _save
