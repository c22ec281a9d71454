"""Headless Debian chromium at a phone's size, driven through Debian's chromedriver.

Nothing is downloaded: the driver path is explicit (so selenium-manager never runs) and the
browser binary is Debian's. On CI a missing browser fails the run loudly; on a developer's
machine without it the browser tests are skipped with the command that installs it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PHONE = (390, 844)
WAIT_S = 8
"""Seconds a browser test waits for the page to show what it expects."""
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage",
         "--metrics-recording-only", "--password-store=basic", "--lang=en-GB")


def require_chromium() -> None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if not missing:
        return
    message = (f"{', '.join(missing)} missing: run 'bash scripts/install-system-deps.sh' "
               "(Debian packages chromium and chromium-driver)")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)  # CI must run the browser tests, never skip them
    pytest.skip(message)


def phone_browser(size: tuple[int, int] = PHONE, scale: float = 1.0):
    """A headless chromium whose page is exactly `size` CSS pixels, like a phone."""
    require_chromium()
    os.environ.setdefault("SE_OFFLINE", "true")  # selenium-manager must never go online
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={size[0]},{size[1]}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": size[0], "height": size[1], "deviceScaleFactor": scale, "mobile": True})
    driver.set_page_load_timeout(15)
    return driver
