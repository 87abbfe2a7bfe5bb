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


# the app's root as Streamlit draws it, its script-run state "running" for ``ms`` (never changes with ms < 0); nothing
# else on the page changes: a server busy elsewhere sends nothing for a while in the middle of a run
RUNNING_APP = """<!doctype html><html><body><div data-testid="stApp" data-test-script-state="running"><p>Tổng quan</p>
</div><script>const ms = %d; if (ms >= 0) setTimeout(() =>
  document.querySelector('[data-testid=stApp]').setAttribute('data-test-script-state', 'notRunning'), ms);
</script></body></html>"""


def test_a_still_page_whose_script_still_runs_is_waited_for(blank_page):
    blank_page.set_content(RUNNING_APP % 1_500)
    waited = wait_until_settled(blank_page, quiet=300)
    assert waited >= 1_300 + 300, waited  # not 300 ms: the page was still, but the script had not finished


def test_a_script_that_never_finishes_fails_saying_so(blank_page):
    blank_page.set_content(RUNNING_APP % -1)
    with pytest.raises(AssertionError, match="did not settle in 1000 ms.*'running': 'script running'"):
        wait_until_settled(blank_page, quiet=300, limit=1_000)
