"""Shared fixtures: a fresh store per test, the shared/ folder, and a real Streamlit server."""

from __future__ import annotations

import contextlib
import functools
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from deploy.cluster import free_port

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_FILE = SHARED / "seed" / "000_3d2b61279d8d99f4.txt"
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = "/usr/bin/chromium"  # Debian's Chromium: the screenshots and the speed benchmarks (scripts/) drive it
# The browser tests drive the same Chromium's headless shell (Debian's package chromium-headless-shell, the build
# Playwright itself runs headless): the same Blink and V8 at about half the CPU per page load, the suite being
# CPU-bound (docs/architecture.md#tests). LCM_TEST_CHROMIUM=/usr/bin/chromium runs them in the full browser.
HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell"
TEST_CHROMIUM = os.environ.get("LCM_TEST_CHROMIUM") or (HEADLESS_SHELL if Path(HEADLESS_SHELL).exists() else CHROMIUM)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def _scan_installed_components_once() -> None:
    """Every new AppTest has Streamlit look through the metadata of every installed package for components
    (80–140 ms here; some 200 AppTests made it 19 s of a run's CPU): the packages installed do not change
    during a run, so each test process looks once."""
    from streamlit.components.v2 import manifest_scanner

    if not hasattr(manifest_scanner.scan_component_manifests, "cache_info"):
        manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


_scan_installed_components_once()


def pytest_configure(config: pytest.Config) -> None:
    """Passwords hashed at the tests' low work (lc_metrics/store/auth.py ``LOW_WORK_ENV``): the same checks at 1/80
    of the scrypt work, in the test processes and every server and command they start. Set for a pytest run only:
    the scripts that import this module (the benchmarks, the screenshots) run the app as it is deployed.
    ``LCM_TEST_LOW_PASSWORD_WORK=0`` runs the suite at the real setting, which tests/test_auth_admin.py holds
    either way."""
    os.environ.setdefault("LCM_TEST_LOW_PASSWORD_WORK", "1")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The modules with browser tests or servers of their own first, each module kept whole (a stable sort). Their
    tests take 3–70 s where most take well under one, much of it waiting on a server: started first, they are
    spread over the xdist workers among the others, and the run ends on short tests on every worker instead of one
    worker finishing (or waiting through) what it was handed last."""
    first = {
        item.module.__name__
        for item in items
        if (item.get_closest_marker("browser") or item.get_closest_marker("server")) and item.module
    }
    items.sort(key=lambda item: item.module is None or item.module.__name__ not in first)


@pytest.fixture
def store_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store of this test's own: a path set as LCM_STORE; under ``make test-postgres`` the test's
    PostgreSQL database URL instead (set as LCM_DATABASE_URL by ``store_backend``), which ``open_store``
    takes the same way."""
    path = tmp_path / "store.sqlite"
    monkeypatch.setenv("LCM_STORE", str(path))
    url = os.environ.get("LCM_DATABASE_URL")
    return url if url else path  # type: ignore[return-value]


@pytest.fixture
def seed_text() -> str:
    if not SEED_FILE.exists():
        pytest.skip(f"the dispatch ({SEED_FILE}) is not here: ../shared is absent")
    return SEED_FILE.read_text(encoding="utf-8")


GADM_DISTRICTS = SHARED / "geo" / "lao_cai_districts_gadm.geojson"
GADM_PROVINCES = SHARED / "geo" / "vietnam_provinces_gadm.geojson"


def server_store(directory: Path) -> str:
    """The store a test server started for ``directory`` uses: its own SQLite file there, or (``make
    test-postgres``) the test's PostgreSQL database."""
    return os.environ.get("LCM_DATABASE_URL") or str(directory / "store.sqlite")


@contextlib.contextmanager
def running_streamlit(directory: Path, **env_overrides: str):
    """``streamlit run serve.py`` (the app with its session routes and headers) on 127.0.0.1 and a free
    port, with a store and a boundary directory
    of its own (no automatic download). Yields {"url", "store", "log"}."""
    port = free_port()
    store = directory / "store.sqlite"
    env = {
        **os.environ,
        "LCM_STORE": str(store),
        "LCM_BOUNDARY_DIR": str(directory / "boundaries"),
        "LCM_BOUNDARY_DOWNLOAD": "off",
        "LCM_SHOW_TRACEBACKS": "1",
        **env_overrides,
    }
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "serve.py"),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    log = directory / "streamlit.log"
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start: {log.read_text()}")
            time.sleep(0.3)
        # the store the server uses: its own SQLite file, or (make test-postgres) the test's database
        yield {"url": url, "store": server_store(directory), "log": log}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def district_boundaries_for_tests(directory: Path) -> Path:
    """The GADM test file when ../shared is here, else nine squares the tests build."""
    if GADM_DISTRICTS.exists():
        return GADM_DISTRICTS
    from tests.geo_files import district_boxes, write_geojson

    return write_geojson(district_boxes(half_size=0.12), directory / "districts.geojson")


@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory: pytest.TempPathFactory):
    """The app on a real server, district boundaries configured (LCM_BOUNDARIES), with the staff of
    STAFF_PASSWORDS in its own secrets file."""
    from lc_metrics.store.auth import add_user

    directory = tmp_path_factory.mktemp("server")
    secrets = directory / "secrets.toml"
    add_user("quantri", "admin", ADMIN_PASSWORD, secrets)
    add_user("capnhat", "uploader", UPLOADER_PASSWORD, secrets)
    environment = {"LCM_BOUNDARIES": str(district_boundaries_for_tests(directory)), "LCM_SECRETS": str(secrets)}
    if GADM_PROVINCES.exists():
        environment["LCM_PROVINCE_BOUNDARIES"] = str(GADM_PROVINCES)
    with running_streamlit(directory, **environment) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (headless; see :data:`TEST_CHROMIUM`)."""
    if not Path(TEST_CHROMIUM).exists():
        pytest.fail(
            f"{TEST_CHROMIUM} is missing: install Debian's chromium-headless-shell (the README's test command does)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=TEST_CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


class LocalFileServer:
    """An HTTP server on 127.0.0.1 serving ``routes``: path → (status, body, delay in seconds)."""

    def __init__(self) -> None:
        import http.server
        import threading

        routes: dict[str, tuple[int, bytes, float]] = {}
        self.routes = routes
        self.requests: list[str] = []
        requests = self.requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                status, body, delay = routes.get(self.path, (404, b"not found", 0.0))
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args) -> None:  # keep test output clean
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def local_http():
    server = LocalFileServer()
    yield server
    server.close()


@pytest.fixture
def boundary_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A boundary directory of this test's own; no configured file, no automatic download."""
    directory = tmp_path / "boundaries"
    monkeypatch.setenv("LCM_BOUNDARY_DIR", str(directory))
    monkeypatch.setenv("LCM_BOUNDARY_DOWNLOAD", "off")
    for name in ("LCM_BOUNDARIES", "LCM_PROVINCE_BOUNDARIES", "LCM_GEOBOUNDARIES_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return directory


@pytest.fixture(autouse=True)
def app_test_like_a_running_server(monkeypatch: pytest.MonkeyPatch):
    """AppTest treats every run as the first run of a fresh server, where Streamlit still takes the
    ``pages/`` folder for a legacy multipage app (the app reruns itself out of that mode, see
    lc_app.context.ensure_app_navigation; a browser test covers it on a real server). For AppTest,
    start each run as a running server does after its first page load: in st.navigation mode."""
    from lc_app.streamlit_workarounds import start_in_navigation_mode

    undo = start_in_navigation_mode()
    yield
    undo()


STORE_UNDER_TEST = os.environ.get("LCM_TEST_STORE", "sqlite")  # "postgresql": the suite on PostgreSQL
# The page, sign-in and command-line tests that every run also runs with their store on PostgreSQL (each test
# twice: [sqlite] and [postgresql]); `make test-postgres` runs the whole suite on PostgreSQL instead
ON_BOTH_STORES = ("tests/test_upload_page.py", "tests/test_auth_admin.py", "tests/test_reader_store_cli.py")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Each test of ON_BOTH_STORES on both stores (but for tests of the SQLite file itself), in the same run."""
    module = Path(metafunc.definition.path).resolve().relative_to(ROOT).as_posix()
    if (
        STORE_UNDER_TEST == "sqlite"
        and module in ON_BOTH_STORES
        and metafunc.definition.get_closest_marker("sqlite_only") is None
    ):
        metafunc.parametrize("store_backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture(scope="session")
def postgres_template():
    """A throwaway PostgreSQL cluster for the whole run (tests/postgres.py); a URL with {database}."""
    from tests.postgres import throwaway_cluster

    with throwaway_cluster() as template:
        yield template


@pytest.fixture
def postgres_url(postgres_template: str) -> str:
    """A new, empty PostgreSQL database of this test's own."""
    from tests.postgres import new_database

    return new_database(postgres_template)


@pytest.fixture(autouse=True)
def store_backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """With LCM_TEST_STORE=postgresql (``make test-postgres``) every test's store is a new PostgreSQL
    database (LCM_DATABASE_URL), but for tests marked ``sqlite_only`` (the SQLite file itself: backups,
    a deleted or full disk); the tests of ON_BOTH_STORES are given their store as a parameter."""
    monkeypatch.delenv("LCM_DATABASE_URL", raising=False)
    store = getattr(request, "param", STORE_UNDER_TEST)
    if store == "postgresql" and request.node.get_closest_marker("sqlite_only") is None:
        monkeypatch.setenv("LCM_DATABASE_URL", request.getfixturevalue("postgres_url"))
    yield


@pytest.fixture(autouse=True)
def no_download_from_the_internet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Tests never reach beyond 127.0.0.1: no automatic boundary download (a test that wants one sets
    LCM_BOUNDARY_DOWNLOAD and a loopback LCM_GEOBOUNDARIES_BASE_URL itself), and a boundary
    directory of the test's own so that a developer's downloaded files never leak in."""
    monkeypatch.setenv("LCM_BOUNDARY_DOWNLOAD", "off")
    monkeypatch.setenv("LCM_BOUNDARY_DIR", str(tmp_path / "boundary-dir"))
    monkeypatch.setenv("LCM_STORE", str(tmp_path / "store.sqlite"))  # never the developer's data/store
    for name in ("LCM_BOUNDARIES", "LCM_PROVINCE_BOUNDARIES", "LCM_GEOBOUNDARIES_BASE_URL", "LCM_SECRETS"):
        monkeypatch.delenv(name, raising=False)


ADMIN_PASSWORD = "quan-tri-2021!"
UPLOADER_PASSWORD = "cap-nhat-2021!"
STAFF_PASSWORDS = {"quantri": ADMIN_PASSWORD, "capnhat": UPLOADER_PASSWORD}


@pytest.fixture
def staff_secrets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A secrets file (LCM_SECRETS) with an administrator "quantri" and an uploader "capnhat"."""
    from lc_metrics.store.auth import add_user

    path = tmp_path / "secrets.toml"
    monkeypatch.setenv("LCM_SECRETS", str(path))
    add_user("quantri", "admin", ADMIN_PASSWORD, path)
    add_user("capnhat", "uploader", UPLOADER_PASSWORD, path)
    return path


def sign_in(at, name: str, password: str | None = None):
    """Open the sidebar sign-in panel (the form is drawn only then), fill the form and submit it
    (password: the fixture's, by default)."""
    if not any(box.key == "sign_in_name" for box in at.text_input):
        at.session_state["sign_in_panel"] = True  # what a click on the closed panel sends
        at.run()
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password or STAFF_PASSWORDS[name])
    next(b for b in at.button if b.label == "Đăng nhập").click().run()
    return at


# Resolves once Streamlit is not running the script, the fonts and images have loaded and nothing in the document has
# changed for ``quiet`` ms (or ``limit`` ms have passed: it then says what still changes); its value is the ms waited.
# "Not running" is what the app's root says (its script-run state, set from the server's messages: a server slowed
# down by a busy machine can send nothing for longer than ``quiet`` mid-run), and no running-man status widget (shown
# only after a moment); a page without the app's root (tests/test_browser_settled.py) has the status widget only.
SETTLED = """async ([quiet, limit]) => {
  const started = performance.now();
  let last = started, changed = '';
  const observer = new MutationObserver(records => {
    last = performance.now();
    const target = records[records.length - 1].target;
    changed = (target.getAttribute && target.getAttribute('data-testid')) || target.nodeName;
  });
  observer.observe(document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true});
  try {
    for (;;) {
      await new Promise(resolve => setTimeout(resolve, 50));
      const now = performance.now();
      const app = document.querySelector('[data-testid="stApp"]');
      const state = app && app.getAttribute('data-test-script-state');
      const running = document.querySelector('[data-testid="stStatusWidget"]')
        || (app && state !== 'notRunning' && state !== 'compilationError' ? 'script ' + state : null);
      const images = [...document.images].every(image => image.complete);
      const fonts = document.fonts.status === 'loaded';
      if (!running && images && fonts && now - last >= quiet) return {waited: now - started};
      const what = running && (running.getAttribute ? 'status widget' : running);
      if (now - started > limit) return {waited: now - started, changing: changed, running: what, images};
    }
  } finally { observer.disconnect(); }
}"""


def wait_until_settled(page, quiet: int = 400, limit: int = 30_000) -> float:
    """Wait until the page has settled (see :data:`SETTLED`): what a fixed pause waited for, without waiting longer
    than the page needs on a quiet machine or too little on a busy one. Fails, saying what kept changing, if the
    page has not settled within ``limit`` ms. Returns the ms waited."""
    result = page.evaluate(SETTLED, [quiet, limit])
    assert "changing" not in result, f"{page.url} did not settle in {limit} ms: {result}"
    return result["waited"]


def sign_in_browser(page, name: str, password: str | None = None) -> None:
    """Sign in through the sidebar form of the page open in Chromium and wait until it says so. The page is let
    settle first (a click on the panel during the page's first run can be lost), and a user's retries are made: the
    panel opened again when a run drew the sidebar without the form (it happened under load: the form went between
    its opening and the typing), the name and password typed again when what was typed was lost."""
    username = page.get_by_label("Tên đăng nhập")
    signed_in = page.get_by_text(f"Đã đăng nhập: {name}")
    page.evaluate(SETTLED, [400, 20_000])  # best effort: a page that keeps changing (a download polled) goes on
    for attempt in range(4):
        last = attempt == 3
        try:
            if not username.is_visible():
                page.get_by_text("Đăng nhập (cán bộ được phân quyền)").click()
            username.wait_for(timeout=30_000 if last else 10_000)
            username.fill(name, timeout=10_000)
            page.get_by_label("Mật khẩu").fill(password or STAFF_PASSWORDS[name], timeout=10_000)
            page.get_by_role("button", name="Đăng nhập").click(timeout=10_000)
            signed_in.wait_for(timeout=60_000 if last else 20_000)  # password hashing waits on a busy machine
            return
        except PlaywrightTimeoutError:
            if signed_in.is_visible():
                return
            if last:
                ARTIFACTS.mkdir(exist_ok=True)  # what the page showed, to see why
                page.screenshot(path=str(ARTIFACTS / f"sign_in_failed_{name}.png"), full_page=True)
                raise


def sign_out_browser(page) -> None:
    """Sign out with the sidebar button and wait for the sign-in form's panel: the next member of staff signs
    in on the same tab (an office's shared computer)."""
    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_text("Đăng nhập (cán bộ được phân quyền)").wait_for(timeout=30_000)


def switch_user_browser(page, name: str, password: str | None = None) -> None:
    """The member of staff signed in on ``page`` signs out and ``name`` signs in on the same tab."""
    sign_out_browser(page)
    sign_in_browser(page, name, password)


def follow_page_link(page, path: str) -> None:
    """Open the app's page ``path`` ("" for the overview, "tables"…) as a user does: its link in the page list.
    The app stays loaded (Streamlit switches the page): a quarter of the browser's work of loading the address
    in a new context, half of loading it again in the same tab (docs/architecture.md#tests). The link must be
    in the list (the sidebar open, the page shown to the user signed in)."""
    parts = urllib.parse.urlsplit(page.url)
    page.locator(f"[data-testid='stSidebarNavLink'][href='{parts.scheme}://{parts.netloc}/{path}']").click()


def run_cli(store_path: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m lc_metrics ARGS`` in a fresh process on the store ``store_path`` (text output kept)."""
    return subprocess.run(
        [sys.executable, "-m", "lc_metrics", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"LCM_STORE": str(store_path), "PATH": "/usr/bin:/bin"},
    )


def cli_in_process(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """What ``python -m lc_metrics ARGS`` with exactly the environment ``env`` and ``stdin`` gives (exit code,
    standard output and error as text), from :func:`lc_metrics.cli.main` called in this process: the same
    code without an interpreter's start-up (about a second). Each command keeps a test that runs it as a
    process of its own (``run_cli``), which proves the entry point and the exit code the shell sees."""
    import io

    from lc_metrics.cli import main

    saved_environment, saved_stdin = dict(os.environ), sys.stdin
    out, err = io.StringIO(), io.StringIO()
    os.environ.clear()
    os.environ.update(env)
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit:  # argparse: 2 on unusable arguments
                code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    finally:
        sys.stdin = saved_stdin
        os.environ.clear()
        os.environ.update(saved_environment)
    command = [sys.executable, "-m", "lc_metrics", *args]
    return subprocess.CompletedProcess(command, code, out.getvalue(), err.getvalue())


def run_cli_in_process(store_path: Path, *args: str) -> subprocess.CompletedProcess:
    """``run_cli`` called in this process (:func:`cli_in_process`, same environment)."""
    return cli_in_process({"LCM_STORE": str(store_path), "PATH": "/usr/bin:/bin"}, *args)


@pytest.fixture
def smtp_sink():
    """A real SMTP server (aiosmtpd) on 127.0.0.1 and a free port: (port, messages received, each parsed as a
    mail program reads it)."""
    import email
    import email.policy

    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received: list = []

    class Keep(Message):
        def handle_message(self, message):
            received.append(email.message_from_bytes(message.as_bytes(), policy=email.policy.default))

    port = free_port()
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, received
    finally:
        controller.stop()


# The elements whose name for a screen reader (or placeholder) is one of these English words, and the icons beside
# words that are still read out
_ENGLISH_NAMES = r"""(words) => { const english = new RegExp('^(' + words + ')$');
  const named = [...document.querySelectorAll('[aria-label], input[placeholder]')].filter(node =>
    english.test(node.getAttribute('aria-label') || '') || english.test(node.getAttribute('placeholder') || ''));
  const icons = [...document.querySelectorAll('span[role="img"][translate="no"]:not([aria-hidden])')].filter(icon =>
    /[^\s]/.test(icon.parentElement ? icon.parentElement.textContent.replace(icon.textContent, '') : ''));
  return [...named, ...icons].map(node => node.outerHTML.slice(0, 120)); }"""


# Streamlit's own English names for a screen reader (a regular expression's alternatives, each matching a whole
# name), then those the page's English says the same way
STREAMLIT_NAMES = "App pages|Link to heading|Open|Expand sidebar|Collapse sidebar|Choose date|file upload"
STREAMLIT_NAMES_AS_OURS = "Sidebar|Choose an option|(?:day|month|year), .*"


def assert_no_english_names(page, lang: str = "vi") -> None:
    """Wait until no element of the page is named (or has a placeholder) with Streamlit's own English words (on an
    English page: those the page's English says otherwise) and no icon beside words is read out: the page names
    them once per frame after Streamlit draws them (``lc_app.navigation.skip_link_script``). Fails naming what is
    left."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    words = STREAMLIT_NAMES if lang == "en" else f"{STREAMLIT_NAMES}|{STREAMLIT_NAMES_AS_OURS}"
    wait_until_settled(page)  # drawn: a page still loading has nothing to name yet
    try:
        page.wait_for_function(f"words => ({_ENGLISH_NAMES})(words).length === 0", arg=words, timeout=10_000)
    except PlaywrightTimeoutError:
        raise AssertionError(page.evaluate(_ENGLISH_NAMES, words)) from None
