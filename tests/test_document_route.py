"""The report's documents at a plain address (lc_app/document_route.py, mounted by serve.py): what the
overview's download links fetch, on the real server. Each document opens and carries the dispatch's
figures; a withdrawn report, an unknown one, an unknown kind or language is a 404."""

from __future__ import annotations

import io
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest

from lc_app.document_route import appendix_links_html, document_links_html, document_url
from lc_metrics.store.store import open_store
from tests.conftest import running_streamlit

pytestmark = pytest.mark.browser  # a real server


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), b""


def test_documents_are_served_for_a_report_a_viewer_can_open(tmp_path):
    import docx
    import openpyxl
    import pptx

    with running_streamlit(tmp_path) as server:
        store = open_store(server["store"])
        (snapshot_id,) = [s["id"] for s in store.list_snapshots()]  # the June report
        expected = {  # name and what opens it; the names as the dispatch's date and the catalog give them
            "xlsx": ("phu_luc_bluezone_qr_2021-06-23.xlsx", openpyxl.load_workbook),
            "docx": ("bao_cao_bluezone_qr_2021-06-23.docx", docx.Document),
            "pptx": ("trinh_chieu_bluezone_qr_2021-06-23.pptx", pptx.Presentation),
        }
        for kind, (name, opener) in expected.items():
            status, headers, body = fetch(server["url"] + document_url(kind, snapshot_id, "vi"))
            assert status == 200, kind
            assert headers["content-disposition"].startswith(f'attachment; filename="{name}"')
            assert headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.")
            assert opener(io.BytesIO(body)) is not None
        status, _, body = fetch(server["url"] + document_url("xlsx", snapshot_id, "vi"))
        cells = {c.value for sheet in openpyxl.load_workbook(io.BytesIO(body)).worksheets for r in sheet for c in r}
        assert 135445 in cells and 7875 in cells  # the dispatch's province totals
        _, headers, english = fetch(server["url"] + document_url("docx", snapshot_id, "en"))
        assert 'filename="report_' in headers["content-disposition"]
        assert "135,445" in zipfile.ZipFile(io.BytesIO(english)).read("word/document.xml").decode()

        # an appendix as CSV, as the tables page's link names it: numbers unformatted, the dispatch's rows
        status, headers, body = fetch(server["url"] + document_url("csv", snapshot_id, "vi", "appendix2"))
        assert status == 200 and headers["content-type"] == "text/csv; charset=utf-8"
        assert headers["content-disposition"].startswith('attachment; filename="phu_luc_2_2021-06-23.csv"')
        lines = body.decode("utf-8-sig").splitlines()
        assert lines[0] == (  # the headings of the tables page, the catalog's
            "STT,Địa phương,Số điểm kiểm dịch,Số không ghi nhận vào ra,"
            "Tỷ lệ không ghi nhận vào ra (%),Tỷ lệ có ghi nhận (%),Xếp hạng"
        )
        assert lines[1].startswith("1,Huyện Bát Xát,794,465,58.56")  # the dispatch's first row of appendix 2
        _, headers, english = fetch(server["url"] + document_url("csv", snapshot_id, "en", "appendix1"))
        assert 'filename="appendix_1_2021-06-23.csv"' in headers["content-disposition"]
        assert english.decode("utf-8-sig").splitlines()[-1].startswith("Lào Cai province,135445,582671,")

        for query in (
            f"kind=csv&snapshot={snapshot_id}&lang=vi",  # which appendix?
            f"kind=csv&snapshot={snapshot_id}&lang=vi&appendix=appendix4",
            f"kind=xlsx&snapshot={snapshot_id}&lang=vi&appendix=appendix1",  # only a CSV names an appendix
            f"kind=exe&snapshot={snapshot_id}&lang=vi",
            f"kind=pptx&snapshot={snapshot_id}&lang=fr",
            "kind=pptx&snapshot=x1&lang=vi",
            "kind=pptx&snapshot=" + "9" * 5000 + "&lang=vi",  # past what int() reads: still a 404, not a 500
            f"kind=pptx&snapshot={snapshot_id + 1}&lang=vi",  # no such report
            "",
        ):
            assert fetch(server["url"] + "/lcm/document?" + query)[0] == 404, query
        store.withdraw(snapshot_id, "quantri", "nhập nhầm")
        assert fetch(server["url"] + document_url("xlsx", snapshot_id, "vi"))[0] == 404  # withdrawn


def test_the_links_name_each_document_and_its_file():
    links = document_links_html(7, "2021-06-23", "vi")
    assert links.count('<a class="lcm-document"') == 3
    for kind, label in (("xlsx", "Tải Excel (XLSX)"), ("docx", "Tải Word (DOCX)"), ("pptx", "Tải PowerPoint (PPTX)")):
        assert f'href="/lcm/document?kind={kind}&amp;snapshot=7&amp;lang=vi"' in links
        assert f'<span class="lcm-document-label" aria-live="polite">{label}</span>' in links
    assert 'download="trinh_chieu_bluezone_qr_2021-06-23.pptx"' in links
    assert '"\\u0110ang chu\\u1ea9n b\\u1ecb t\\u1ec7p\\u2026"' in links  # "Đang chuẩn bị tệp…" as a JSON string


def test_an_appendix_links_its_csv_and_the_workbook():
    links = appendix_links_html(7, "appendix2", "Phụ lục 2: <b>QR</b>", "2021-06-23", "vi")
    assert links.count('<a class="lcm-document"') == 2
    assert 'href="/lcm/document?kind=csv&amp;snapshot=7&amp;lang=vi&amp;appendix=appendix2"' in links
    assert 'download="phu_luc_2_2021-06-23.csv"' in links
    assert 'href="/lcm/document?kind=xlsx&amp;snapshot=7&amp;lang=vi"' in links
    assert 'download="phu_luc_bluezone_qr_2021-06-23.xlsx"' in links  # the overview's workbook, the same name
    assert 'aria-label="Phụ lục 2: &lt;b&gt;QR&lt;/b&gt;"' in links  # the group named by its appendix, escaped


def fetch_as(url: str, address: str) -> tuple[int, dict[str, str], bytes]:
    """As a viewer behind the machine's own proxy (nginx names the viewer's address in X-Forwarded-For; the
    server trusts it, as make serve's workers do: LCM_TRUSTED_PROXIES)."""
    request = urllib.request.Request(url, headers={"X-Forwarded-For": f"203.0.113.9, {address}"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_documents_are_kept_on_disk_and_a_client_is_limited_in_new_builds(tmp_path):
    import dataclasses
    import datetime as dt

    from lc_metrics.store.snapshot import load_report_dir

    documents = tmp_path / "documents"
    settings = {
        "LCM_DOCUMENT_BUILDS_PER_MINUTE": "2",
        "LCM_DOCUMENT_DIR": str(documents),
        "LCM_TRUSTED_PROXIES": "127.0.0.1,::1",  # the machine's own proxy, as make serve sets it
    }
    with running_streamlit(tmp_path, **settings) as server:
        store = open_store(server["store"])
        june = load_report_dir()
        later = store.save_snapshot(dataclasses.replace(june, as_of=june.as_of + dt.timedelta(days=7)), "capnhat")
        url = server["url"]

        status, _, body = fetch_as(url + document_url("xlsx", later, "vi"), "10.0.0.1")
        assert status == 200
        (kept,) = (documents / str(later)).glob("vi-xlsx-*.xlsx")  # one file for the report, language, format
        assert kept.read_bytes() == body
        assert fetch_as(url + document_url("docx", later, "vi"), "10.0.0.1")[0] == 200  # its second build
        status, headers, body = fetch_as(url + document_url("pptx", later, "vi"), "10.0.0.1")  # a third: refused
        assert status == 429
        wait = int(headers["retry-after"])
        assert 1 <= wait <= 60
        assert body.decode() == (
            f"Bạn đã yêu cầu tạo quá nhiều tệp mới trong một phút. Vui lòng thử lại sau {wait} giây."
        )
        assert headers["content-type"] == "text/plain; charset=utf-8"
        assert not list((documents / str(later)).glob("vi-pptx-*"))  # nothing was built for it
        # what is built already is served to that client as to anyone, from the same file
        status, _, again = fetch_as(url + document_url("xlsx", later, "vi"), "10.0.0.1")
        assert status == 200 and again == kept.read_bytes()
        # another viewer has its own budget
        assert fetch_as(url + document_url("pptx", later, "vi"), "10.0.0.2")[0] == 200
        assert len(list((documents / str(later)).iterdir())) == 3

        store.withdraw(later, "quantri", "nhập nhầm")
        assert fetch_as(url + document_url("xlsx", later, "vi"), "10.0.0.3")[0] == 404
        assert not (documents / str(later)).exists()  # a withdrawn report's documents are deleted
        assert processes_of(server["store"])  # the server, and its build process (built a minute ago)
    # the server stopped (a signal, as the tests and systemd stop it): its build process ends with it
    deadline = time.monotonic() + 10
    while processes_of(server["store"]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert processes_of(server["store"]) == []


def processes_of(store: str) -> list[int]:
    """The processes started with LCM_STORE=``store`` (a server and what it started)."""
    marker = f"LCM_STORE={store}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_a_link_says_when_to_come_back_in_the_browser(tmp_path, page):
    """Chromium on the overview with a budget of one new document a minute: the workbook downloads, then the
    Word link's label says, in Vietnamese, when to come back instead of failing silently."""
    from tests.test_browser import wait_for_app

    with running_streamlit(tmp_path, LCM_DOCUMENT_BUILDS_PER_MINUTE="1") as server:
        page.goto(server["url"])
        wait_for_app(page)
        with page.expect_download(timeout=60_000):
            page.get_by_role("link", name="Tải Excel (XLSX)").click()
        page.get_by_role("link", name="Tải Word (DOCX)").click()
        label = page.locator("a[data-testid='lcm-document'][href*='kind=docx'] .lcm-document-label")
        label.filter(has_text="Vui lòng thử lại sau").wait_for(timeout=30_000)
        said = label.inner_text()
        assert said.startswith("Bạn đã yêu cầu tạo quá nhiều tệp mới trong một phút. Vui lòng thử lại sau ")
        assert said.endswith(" giây.")
