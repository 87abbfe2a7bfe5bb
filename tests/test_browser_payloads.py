"""The payload catalogue — script, img, iframe, svg onload, Markdown links and images, Streamlit colour and
icon directives, ``$…$`` maths, spreadsheet formula prefixes — put everywhere outside text reaches a page:
an uploaded file's name and sheet (quoted by findings and the source line), note lines quoted by findings,
the national table's file name, the boundary file's unmatched names, the audit log. Every page, as a viewer
and as an administrator, in Chromium: nothing is rendered as markup, nothing runs, nothing is fetched (no
request leaves the server, no Content-Security-Policy violation — which would mean something tried). The
documents downloaded from the overview (XLSX, DOCX, PPTX; the quality slide quotes the note lines) hold no
formula, no hyperlink and no field: the payloads are plain text."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from lc_metrics.core.findings import Finding, Location
from lc_metrics.intake.importer import UploadedFile, read_upload
from lc_metrics.store.snapshot import load_report_dir
from lc_metrics.store.store import DEFAULT_REPORT_DIR, open_store
from tests.conftest import (
    ADMIN_PASSWORD,
    ARTIFACTS,
    running_streamlit,
    server_store,
    sign_in_browser,
    wait_until_settled,
)
from tests.national_files import national_workbook
from tests.test_import import june_with
from tests.workbooks import Layout

pytestmark = pytest.mark.browser
CANARY = "http://127.0.0.1:9/canary"
PAYLOADS = [
    "<script>window.__lcm_pwned='script'</script>",
    f"<img src='{CANARY}-img.png' onerror=\"window.__lcm_pwned='img'\">",
    f"<iframe src='{CANARY}-frame'></iframe>",
    "<svg onload=\"window.__lcm_pwned='svg'\"><circle r='9'/></svg>",
    f"[bấm vào đây]({CANARY}-link)",
    f"![ảnh]({CANARY}-md-img.png)",
    "<b>đậm</b> **đậm** :red[đỏ] :material/warning: $\\frac{x}{y}$ $x^2$",
    f'=HYPERLINK("{CANARY}-formula","x")',
    "+1+1",
    "-2+3",
    "@SUM(1)",
]
# a file name cannot hold "/": the same kinds of payload without it
FILE_NAME = "BC <img src=x onerror=window.__lcm_pwned=9> $x^2$ [a](javascript:alert(1)) :red[đỏ] =1+1.xlsx"
SHEET_NAME = "<svg onload=alert(1)> $x$"


def publish_hostile_report(store_path):
    store = open_store(store_path)
    workbook = june_with(
        totals={"installs_total": 135_445}, layout=Layout(as_of_line="Số liệu tính đến ngày 30/6/2021")
    )
    book = load_workbook(io.BytesIO(workbook))
    book.worksheets[0].title = SHEET_NAME
    buffer = io.BytesIO()
    book.save(buffer)
    result = read_upload(
        [UploadedFile(FILE_NAME, buffer.getvalue())],
        previous=load_report_dir(DEFAULT_REPORT_DIR),
        uploaded_by="capnhat",
    )
    assert result.snapshot is not None, [f.to_dict() for f in result.findings if f.severity == "error"]
    quoted = [
        Finding("note_figure_not_read", "warning", {"text": payload}, Location(file=FILE_NAME, sheet=SHEET_NAME, row=3))
        for payload in PAYLOADS
    ]
    snapshot = result.snapshot
    snapshot.findings.extend(quoted)
    store.publish(snapshot, [(FILE_NAME, buffer.getvalue())], "capnhat")
    store.publish_national_table(PAYLOADS[1] + ".xlsx", national_workbook(), "capnhat")
    store.audit("quantri", "boundary_uploaded", {"file": PAYLOADS[0], "unmatched": PAYLOADS})
    return store


def page_report(page) -> dict:
    """What the page made of the payloads: markup elements from them, whether a script ran."""
    return page.evaluate("""() => ({
        pwned: window.__lcm_pwned || null,
        canary: [...document.querySelectorAll('[src],[href]')]
                    .map(e => e.getAttribute('src') || e.getAttribute('href'))
                    .filter(v => v && (v.includes('canary') || v.startsWith('javascript:'))),
        frames: document.querySelectorAll('iframe[src*="canary"]').length,
        svg_onload: document.querySelectorAll('svg[onload]').length,
        katex: document.querySelectorAll('.katex').length,
        coloured: [...document.querySelectorAll('span')].filter(s => s.textContent === 'đỏ').length,
    })""")


PAGES = ("", "map", "ranking", "tables", "present", "history", "upload", "admin")


def visit(page, url: str, name: str) -> None:
    page.goto(f"{url}/{name}")
    page.locator("[data-testid='stMain']").wait_for(timeout=60_000)
    wait_until_settled(page)
    open_folded(page)


# clicks every folded section's heading the user sees; the number clicked
OPEN_FOLDED = """() => {
  const folded = [...document.querySelectorAll("[data-testid='stExpander'] details:not([open]) > summary")]
    .filter(summary => summary.checkVisibility());
  folded.forEach(summary => summary.click());
  return folded.length;
}"""


def open_folded(page) -> None:
    """Open every folded section a user sees (a click on each heading), then those it showed, folded inside."""
    for _ in range(5):
        if page.evaluate(OPEN_FOLDED) == 0:
            return
        wait_until_settled(page)
    raise AssertionError(f"{page.url}: sections still folded after 5 rounds of clicks")


def test_payloads_render_as_text_on_every_page_and_in_every_document(tmp_path, browser):
    from lc_metrics.store.auth import add_user

    secrets = tmp_path / "secrets.toml"
    add_user("quantri", "admin", ADMIN_PASSWORD, secrets)
    publish_hostile_report(server_store(tmp_path))
    with running_streamlit(tmp_path, LCM_SECRETS=str(secrets)) as server:
        url = server["url"]
        context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="vi-VN", accept_downloads=True)
        page = context.new_page()
        violations: list[str] = []
        outside: list[str] = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((url, "data:", "blob:")) else None)
        seen_text = ""
        for role in ("viewer", "admin"):
            if role == "admin":
                page.goto(url + "/")
                page.get_by_text("Đăng nhập (cán bộ được phân quyền)").wait_for(timeout=60_000)
                sign_in_browser(page, "quantri")
            for name in PAGES:
                visit(page, url, name)
                if name == "history" and role == "admin":  # the upload's file name is shown to staff there
                    page.get_by_text("Tệp gốc đã tải lên").click()
                    wait_until_settled(page)
                if name == "":  # the quoted figures are in the data-quality box, folded until opened
                    page.get_by_text("điểm cần lưu ý", exact=False).first.click()
                    wait_until_settled(page)
                report = page_report(page)
                assert report == {
                    "pwned": None,
                    "canary": [],
                    "frames": 0,
                    "svg_onload": 0,
                    "katex": 0,
                    "coloured": 0,
                }, (role, name, report)
                assert page.locator("[data-testid='stException']").count() == 0, (role, name)
                seen_text += page.inner_text("body")
                if name == "" and role == "admin":
                    page.screenshot(path=str(ARTIFACTS / "payloads_overview.png"), full_page=True)
        # the payloads were on the pages — as the text they are
        for shown in (
            "<img src=x onerror=window.__lcm_pwned=9>",
            "<script>window.__lcm_pwned='script'</script>",
            "$x^2$",
            "=HYPERLINK(",
        ):
            assert shown in seen_text, shown
        assert violations == [] and outside == [], (violations, outside)

        documents = {}
        visit(page, url, "")
        for label in ("XLSX", "DOCX", "PPTX"):
            button = page.locator("[data-testid='lcm-document']", has_text=label).first
            with page.expect_download(timeout=120_000) as download:
                button.click()
            documents[label] = download.value.path().read_bytes()
        context.close()

    book = load_workbook(io.BytesIO(documents["XLSX"]))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                assert not cell.hyperlink, (sheet.title, cell.coordinate)
    for label in ("DOCX", "PPTX"):
        with zipfile.ZipFile(io.BytesIO(documents[label])) as archive:
            xml = {
                member: archive.read(member).decode("utf-8", "replace")
                for member in archive.namelist()
                if member.endswith((".xml", ".rels"))
            }
        for member, text in xml.items():
            assert not re.search(r'Target="[^"]*(canary|javascript)', text), (label, member)
            # no link and no field a payload could have made; the only fields are the page numbers the DOCX's footer
            # writes itself ("Trang 2/3": PAGE and NUMPAGES, in the footer only)
            fields = re.findall(r'<w:fldSimple w:instr="([^"]*)"', text)
            own = member.startswith("word/footer") and fields == ["PAGE", "NUMPAGES"]
            assert not fields or own, (label, member, fields)
            assert "hlinkClick" not in text and "instrText" not in text, (label, member)
    # the quality slide quotes the note lines (not the file names: a meeting needs no file, row or column);
    # the payloads are there, escaped as XML text and nothing else
    slides = "".join(text for member, text in xml.items() if member.startswith("ppt/slides/"))
    assert "&lt;script&gt;window.__lcm_pwned=" in slides and "$x^2$" in slides
    assert "lcm_pwned=9" not in slides
