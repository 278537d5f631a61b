"""The course's forms in a real browser: headless Chromium driven by Playwright.

Fill in, submit, follow the redirect, see the flash message; the XSRF cookie
and the hidden token travel the way a browser sends them. Without Chromium on
a student's machine these tests skip; in CI (CI or COURSE_REQUIRE_BROWSER set)
a missing browser is a failure.
"""

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from course import catalog
from tests.support import tiny_png

CHROMIUM_FLAGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # no calls home on a closed network
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium():
    """Chromium or Chrome: COURSE_CHROMIUM, then the usual names and places."""
    if os.environ.get("COURSE_CHROMIUM"):
        return os.environ["COURSE_CHROMIUM"]
    for name in (
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
        "chrome",
    ):
        if shutil.which(name):
            return shutil.which(name)
    places = {
        "darwin": [
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            "/Applications/Chromium.app/Contents/MacOS/Chromium",
        ],
        "win32": [
            os.path.expandvars(r"%ProgramFiles%\Google\Chrome\Application\chrome.exe"),
            os.path.expandvars(
                r"%ProgramFiles(x86)%\Google\Chrome\Application\chrome.exe"
            ),
        ],
    }
    return next(
        (place for place in places.get(sys.platform, []) if Path(place).exists()), None
    )


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module."""
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI") or os.environ.get("COURSE_REQUIRE_BROWSER"):
            pytest.fail(
                "Chromium is missing, and CI needs the browser tests (Debian: apt-get "
                "install chromium)"
            )
        pytest.skip(
            "no Chromium or Chrome found (Debian: sudo apt install chromium; or set "
            "COURSE_CHROMIUM)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_FLAGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh tab with no cookies."""
    context = browser.new_context()
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def lesson_script(number):
    return catalog.lesson(number).path


def flash(page):
    return page.locator("#flash").inner_text()


def test_upload_form_stores_the_chosen_file_and_refuses_one_over_1_mb(
    page, start_script, tmp_path
):
    uploads = tmp_path / "uploads"
    server = start_script(lesson_script("09"), f"--upload_dir={uploads}")
    picture = tmp_path / "photo.png"
    picture.write_bytes(tiny_png())
    page.goto(server.url("/upload"))
    cookie = page.context.cookies()[0]
    assert (cookie["name"], cookie["sameSite"]) == ("_xsrf", "Lax")
    page.set_input_files("input[name=file]", picture)
    page.click("button[type=submit]")
    stored = page.locator("#stored").inner_text()
    match = re.fullmatch(
        r"Stored photo\.png \((\d+) bytes, image/png\) as ([0-9a-f]{32}\.png)\.", stored
    )
    assert match, stored
    assert int(match[1]) == len(tiny_png())
    assert (uploads / match[2]).read_bytes() == tiny_png()
    # Over 1 MB: the browser still sends it all, then reads the 413 page.
    picture.write_bytes(tiny_png() + bytes(2 * 1024 * 1024))
    page.set_input_files("input[name=file]", picture)
    with page.expect_response(server.url("/upload")) as refused:
        page.click("button[type=submit]")
    assert refused.value.status == 413
    assert page.title() == "413: The upload is over 1 MB"
    assert sorted(p.name for p in uploads.iterdir()) == [match[2]]


def test_login_form_redirects_back_with_a_flash_then_to_the_page_asked_for(
    page, start_script
):
    server = start_script(lesson_script("16"))
    page.goto(server.url("/profile"))
    assert page.url == server.url("/login?next=%2Fprofile")
    page.fill("input[name=username]", "ada")
    page.fill("input[name=password]", "wrong password")
    page.click("button[type=submit]")
    assert flash(page) == "Wrong password, or no user named ada."
    page.fill("input[name=username]", "ada")
    page.fill("input[name=password]", "lovelace")
    page.click("button[type=submit]")
    page.wait_for_url(server.url("/profile"))
    assert "Hello, ada!" in page.content()


def test_a_wrong_answer_stores_no_user_but_the_broken_form_stores_it(
    page, start_script
):
    server = start_script(lesson_script("17"))

    def register_with_a_wrong_answer(path):
        page.goto(server.url(path))
        page.fill("input[name=username]", "eve")
        page.fill("input[name=captcha]", "-1")
        page.click("button[type=submit]")
        page.wait_for_url(server.url(path))

    register_with_a_wrong_answer("/register")
    assert flash(page) == "Wrong answer to the question. Try again."
    assert page.locator("#users li").count() == 0
    # The code after redirect() goes on: the account is there all the same.
    register_with_a_wrong_answer("/broken/register")
    assert flash(page) == "Wrong answer to the question. Try again."
    assert page.locator("#users li").all_inner_texts() == ["eve"]


def test_a_wrong_answer_then_registration_then_logout_then_login(
    page, start_script, database
):
    server = start_script(lesson_script("18"), f"--mongodb_uri={database.uri}")
    page.goto(server.url("/register"))

    def fill_in(answer):
        page.fill("input[name=username]", "ada")
        page.fill("input[name=email]", "ada@example.com")
        page.fill("input[name=password]", "correct horse")
        page.fill("input[name=captcha]", answer)
        page.click("button[type=submit]")

    fill_in("-1")
    page.wait_for_url(server.url("/register"))
    assert flash(page) == "Wrong answer to the question. Try again."
    assert database.db.users.count_documents({}) == 0

    question = page.locator("#question").inner_text()
    a, b = map(int, re.fullmatch(r"What is (\d+) \+ (\d+)\?", question).groups())
    fill_in(str(a + b))
    page.wait_for_url(server.url("/"))
    assert flash(page) == "Welcome, ada!"
    assert page.locator("#user").inner_text() == "Logged in as ada."
    assert database.db.users.count_documents({"username": "ada"}) == 1

    page.click("text=Log out")
    assert flash(page) == "You are logged out."
    page.goto(server.url("/login"))
    page.fill("input[name=username]", "ada")
    page.fill("input[name=password]", "correct horse")
    page.click("button[type=submit]")
    page.wait_for_url(server.url("/"))
    assert flash(page) == "Welcome back, ada!"
