"""The browser tests' wait for a page to settle (``wait_until_settled`` in tests/conftest.py), which replaced fixed
pauses: it waits while the document changes, returns once it has been still, and fails — saying what kept changing —
on a page that never settles. A page of its own in Chromium, no server."""

from __future__ import annotations

import pytest

from tests.conftest import wait_until_settled

pytestmark = pytest.mark.browser

# the body's text changes every 100 ms for ``changes`` times, then stays; with changes < 0, for ever
CHANGING = """<!doctype html><html><body><p id="n">0</p><script>
const changes = %d; let count = 0;
const timer = setInterval(() => { count++; document.getElementById('n').textContent = count;
  if (changes >= 0 && count >= changes) clearInterval(timer); }, 100);
</script></body></html>"""


@pytest.fixture
def blank_page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_a_still_page_settles_after_the_quiet_time(blank_page):
    blank_page.set_content("<!doctype html><p>Số liệu tính đến ngày 30/6/2021</p>")
    waited = wait_until_settled(blank_page, quiet=300)
    assert 300 <= waited < 2_000


def test_a_page_that_changes_is_waited_for_until_it_stops(blank_page):
    blank_page.set_content(CHANGING % 15)  # changes for 1,5 s
    waited = wait_until_settled(blank_page, quiet=300)
    assert waited >= 1_300 + 300, waited  # the last change (1,5 s after loading, less what set_content took) + quiet
    assert blank_page.inner_text("#n") == "15"


def test_a_page_that_never_settles_fails_saying_what_changes(blank_page):
    blank_page.set_content(CHANGING % -1)
    with pytest.raises(AssertionError, match="did not settle in 1000 ms.*'changing': 'P'"):
        wait_until_settled(blank_page, quiet=300, limit=1_000)
