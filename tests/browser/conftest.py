"""Fixtures for browser tests: Debian's Chromium (/usr/bin/chromium), headless, via Playwright's sync API.

No browser is ever downloaded (`playwright install` is not used). Without /usr/bin/chromium the
tests skip, and under CI=true they fail. Every page a test opens fails the test on a JavaScript
error or on a request leaving the machine (the pages must work offline, nothing from a CDN).
"""

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import skip_or_fail

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {
    "viewport": {"width": 375, "height": 812},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # While Playwright's sync API runs, this thread holds an asyncio loop, and Django refuses ORM
    # calls in "an async context"; the tests' calls are in fact synchronous, so allow them.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class BrowserLog:
    """What the pages of one test did that a test may want to forbid."""

    errors: list[str] = field(default_factory=list)  # uncaught JavaScript errors
    dialogs: list[str] = field(default_factory=list)  # alert/confirm/prompt messages
    offsite: list[str] = field(default_factory=list)  # blocked requests to other hosts


@pytest.fixture
def browser_log() -> BrowserLog:
    return BrowserLog()


@pytest.fixture
def new_page(browser, browser_log):
    """Open a page in a fresh browser context: `new_page(**context_options)` (default: desktop)."""
    contexts = []

    def guard(route):
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob") or url.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            browser_log.offsite.append(route.request.url)
            route.abort()

    def make(**options):
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(accept_downloads=True, **options)
        context.set_default_timeout(10_000)
        context.route("**/*", guard)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "pageerror", lambda error: browser_log.errors.append(f"{error.message}\n{error.stack}")
        )

        def on_dialog(dialog):
            browser_log.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        return page

    yield make
    for context in contexts:
        context.close()
    assert not browser_log.errors, f"JavaScript errors: {browser_log.errors}"
    assert not browser_log.offsite, f"requests left the test server: {browser_log.offsite}"


@pytest.fixture
def page(new_page):
    """A desktop-sized page (1280×900); call `new_page(**PHONE)` for a phone."""
    return new_page()


@pytest.fixture
def log_in(live_server):
    """Sign `user` in for `page`'s browser context by handing it a real session cookie."""

    def log_in(page, user):
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )

    return log_in
