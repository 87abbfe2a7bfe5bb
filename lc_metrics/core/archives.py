"""Zip archives from outside — .xlsx and .ods workbooks are zips, so are zipped Shapefiles — checked from
their central directory before anything is unpacked: how many members, how many bytes once unpacked in all
and per member, and (when asked) that no member is a link or a path outside the archive. One guard for
every reader; each turns :class:`ArchiveRefused` into its own message."""

from __future__ import annotations

import io
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int
    max_total_bytes: int
    max_member_bytes: int | None = None


class ArchiveRefused(ValueError):
    """``reason``: not_zip, too_many_members, too_large, member_too_large, unsafe_member; ``detail`` says
    which figure or member."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail = reason, detail


def unsafe_member(member: zipfile.ZipInfo) -> bool:
    """A symbolic link, an absolute path or a path that climbs out of the archive."""
    name = member.filename.replace("\\", "/")
    return stat.S_ISLNK(member.external_attr >> 16) or name.startswith("/") or ".." in PurePosixPath(name).parts


def zip_members(
    source: bytes | Path, limits: ArchiveLimits | None, *, safe_paths: bool = False
) -> list[zipfile.ZipInfo]:
    """The members of a zip archive, or :class:`ArchiveRefused` naming the first limit it breaks. ``limits``
    None checks nothing but the format (and the paths, with ``safe_paths``)."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise ArchiveRefused("not_zip", str(error)) from error
    if limits is not None:
        if len(members) > limits.max_members:
            raise ArchiveRefused("too_many_members", f"{len(members)} > {limits.max_members}")
        if sum(m.file_size for m in members) > limits.max_total_bytes:
            raise ArchiveRefused("too_large", f"> {limits.max_total_bytes // (1024 * 1024)} MB")
        if limits.max_member_bytes is not None:
            big = next((m for m in members if m.file_size > limits.max_member_bytes), None)
            if big is not None:
                raise ArchiveRefused("member_too_large", big.filename)
    if safe_paths:
        unsafe = next((m for m in members if unsafe_member(m)), None)
        if unsafe is not None:
            raise ArchiveRefused("unsafe_member", unsafe.filename)
    return members
