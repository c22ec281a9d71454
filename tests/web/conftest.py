"""Fixtures of the web tests."""

from __future__ import annotations

import pytest

from tests.web.browser import phone_browser


@pytest.fixture(scope="module")
def browser():
    """A headless chromium at a phone's size, shared by a module's browser tests."""
    driver = phone_browser()
    yield driver
    driver.quit()
