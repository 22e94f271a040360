"""Playwright on Debian's Chromium, plus an axe check that fails a test on any violation."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (CI installs it; apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture
def assert_accessible():
    """Run axe-core on the page; fail with a readable report on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()

    return check


@pytest.fixture
def live_url(live_server, settings):
    # The test server serves static files by their source names, not the manifest's hashed ones:
    # without this the pages would load unstyled and axe would check colours we never ship.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    def url(path):
        return f"{live_server.url}{path}"

    return url


def log_in(page, live_url, user, *, password=None):
    """Log in through the real pages: password, then the authenticator code staff are asked."""
    from tests.factories import PASSWORD
    from tests.personas import current_totp_code

    page.goto(live_url("/fr/accounts/login/"))
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", password or PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if page.locator("input[name=code]").count():
        page.fill("input[name=code]", current_totp_code())
        page.press("input[name=code]", "Enter")
        page.wait_for_url(lambda url: "/2fa/" not in url)
