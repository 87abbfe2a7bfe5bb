"""The report's documents at a plain address (lc_app/document_route.py, mounted by serve.py): what the
overview's download links fetch, on the real server. Each document opens and carries the dispatch's
figures; a withdrawn report, an unknown one, an unknown kind or language is a 404."""

from __future__ import annotations

import io
import urllib.error
import urllib.request
import zipfile

import pytest

from lc_app.document_route import document_links_html, document_url
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

        for query in (
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
