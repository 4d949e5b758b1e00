"""A login survives a refresh (signed cookie), logout really ends it, and a deep link lands where it pointed."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Server, log_in

pytestmark = pytest.mark.slow


def test_refresh_keeps_login_and_logout_ends_it(app_server: Server, chromium: Any) -> None:
    from playwright.sync_api import expect

    page = chromium().new_page()
    page.set_default_timeout(60_000)
    page.goto(app_server.url)
    log_in(page)
    expect(page.get_by_role("heading", name="Practice")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.wait_for_function("document.cookie.includes('csr_login=')")
    page.reload()
    expect(page.get_by_role("heading", name="Practice")).to_be_visible()
    expect(page.get_by_role("button", name="Log in")).to_have_count(0)
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    page.wait_for_function("!document.cookie.includes('csr_login=')")
    page.reload()
    expect(page.get_by_role("button", name="Log in")).to_be_visible()


def test_tampered_cookie_is_refused(app_server: Server, chromium: Any) -> None:
    from playwright.sync_api import expect

    context = chromium().new_context()
    context.add_cookies(
        [{"name": "csr_login", "value": "eyJ1aWQiOjEsInUiOiJhZG1pbiIsIm4iOiJ4In0.forged.sig", "url": app_server.url}]
    )
    page = context.new_page()
    page.goto(app_server.url)
    expect(page.get_by_role("button", name="Log in")).to_be_visible()


def test_deep_link_lands_on_its_page_after_login(app_server: Server, chromium: Any) -> None:
    from playwright.sync_api import expect

    page = chromium().new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{app_server.url}/library?from=email")
    log_in(page)
    expect(page.get_by_role("heading", name="Scenario library")).to_be_visible()
    assert "/library" in page.url
    assert "from=email" in page.url
