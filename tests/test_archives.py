"""The one zip guard every reader uses: limits read from the central directory before anything is
unpacked, unsafe members refused, and each reader's own message for it."""

from __future__ import annotations

import io
import stat
import zipfile

import pytest

from lc_metrics.core.archives import ArchiveLimits, ArchiveRefused, zip_members
from lc_metrics.reading.grids import GridError, read_sheets

LIMITS = ArchiveLimits(max_members=3, max_total_bytes=3_000_000, max_member_bytes=2_000_000)


def archive(*members: tuple[str, int], link: str | None = None) -> bytes:
    """A zip of members (name, unpacked size in bytes of zeros: deflated to almost nothing). The same bytes at
    every call: the members' dates are fixed (the bytes name the tests, which each pytest-xdist worker collects)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, size in members:
            out.writestr(zipfile.ZipInfo(name, date_time=(2021, 6, 30, 0, 0, 0)), b"\0" * size, zipfile.ZIP_DEFLATED)
        if link:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            out.writestr(info, "/etc/passwd")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04 not a zip", "not_zip"),
        (archive(("a", 1), ("b", 1), ("c", 1), ("d", 1)), "too_many_members"),  # 4 > 3
        (archive(("a", 1_600_000), ("b", 1_600_000)), "too_large"),  # 3,2 MB > 3 MB in all
        (archive(("a", 2_100_000)), "member_too_large"),  # one member over 2 MB
        (archive(("../../etc/cron.d/x", 1)), "unsafe_member"),
        (archive(("/abs/path", 1)), "unsafe_member"),
        (archive(("a.shp", 1), link="b.dbf"), "unsafe_member"),
    ],
)
def test_refusals(data, reason):
    with pytest.raises(ArchiveRefused) as refused:
        zip_members(data, LIMITS, safe_paths=True)
    assert refused.value.reason == reason


def test_within_the_limits_the_members_are_listed():
    names = [m.filename for m in zip_members(archive(("a", 1_000_000), ("b", 1_000_000)), LIMITS, safe_paths=True)]
    assert names == ["a", "b"]


def test_a_workbook_with_one_oversized_part_is_refused_before_it_is_read():
    data = archive(("[Content_Types].xml", 10), ("xl/worksheets/sheet1.xml", 41 * 1024 * 1024))  # > 40 MB part
    with pytest.raises(GridError) as refused:
        read_sheets(data, "bao_cao.xlsx")
    assert refused.value.reason == "too_large_unpacked"
