"""A real headless Chromium (Debian's package) driven by selenium, and a release folder to browse."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.release_folder import written_release

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
DRIVER = ("/usr/bin/chromedriver",)
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")


def _first(paths: tuple[str, ...]) -> str | None:
    return next((p for p in paths if Path(p).is_file()), None)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e .[dev])")
    binary, driver = _first(CHROMIUM), _first(DRIVER)
    if binary is None or driver is None:
        pytest.skip("no headless browser: install Debian's chromium and chromium-driver "
                    "(apt-get install -y chromium chromium-driver); .ci/run does")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    from selenium.webdriver.chrome.service import Service

    drv = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    try:
        yield drv
    finally:
        drv.quit()


@pytest.fixture(scope="session")
def copied_release(frames, tmp_path_factory):
    """The release folder copied somewhere else: the site must work from there alone."""
    folder, tables = written_release(frames, tmp_path_factory.mktemp("release"))
    copy = tmp_path_factory.mktemp("downloaded") / folder.name
    shutil.copytree(folder, copy)
    return copy, tables
