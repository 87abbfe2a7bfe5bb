"""Where boundaries come from, in order of preference, and the pinned public download.

1. a file the deployer configures (``LCM_BOUNDARIES`` for districts, ``LCM_PROVINCE_BOUNDARIES``
   for provinces, ``LCM_COMMUNE_BOUNDARIES`` for communes);
2. a file an administrator uploaded in the app (kept under ``<boundary dir>/uploaded/``);
3. the pinned geoBoundaries download (kept under ``<boundary dir>/cache/``), checked by size and
   sha256 before it is used (districts and provinces only: there is no pinned public commune file);
4. nothing: the caller draws markers at the district centroids.

The boundary directory is ``LCM_BOUNDARY_DIR`` (default ``data/boundaries``, git-ignored).
Nothing here touches the network except :func:`download_pinned`, which is only called when asked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

BoundaryLevel = Literal["districts", "provinces", "communes"]
LEVELS: tuple[BoundaryLevel, ...] = ("districts", "provinces")  # the levels with a pinned public download
ALL_LEVELS: tuple[BoundaryLevel, ...] = ("districts", "provinces", "communes")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BOUNDARY_DIR = ROOT / "data" / "boundaries"
ENV_FILE: dict[BoundaryLevel, str] = {
    "districts": "LCM_BOUNDARIES",
    "provinces": "LCM_PROVINCE_BOUNDARIES",
    "communes": "LCM_COMMUNE_BOUNDARIES",
}
ENV_DIR = "LCM_BOUNDARY_DIR"
ENV_BASE_URL = "LCM_GEOBOUNDARIES_BASE_URL"
ENV_DOWNLOAD = "LCM_BOUNDARY_DOWNLOAD"  # "auto" (default): try once at first start; "off": only when asked

ACCEPTED_SUFFIXES = (".geojson", ".json", ".gpkg", ".zip")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # = server.maxUploadSize in .streamlit/config.toml
MAX_ZIP_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 64

GEOBOUNDARIES_COMMIT = "41af8f1e141eb6826ab9877e306df6f848b9ff0b"
GEOBOUNDARIES_BASE_URL = f"https://media.githubusercontent.com/media/wmgeolab/geoBoundaries/{GEOBOUNDARIES_COMMIT}/"
GEOBOUNDARIES_ATTRIBUTION = (
    "geoBoundaries (Runfola et al. 2020, wmgeolab/geoBoundaries @ 41af8f1), "
    "source: Open Development Mekong / Dept of Survey and Mapping, licence CC BY-SA 4.0"
)


@dataclass(frozen=True)
class PinnedFile:
    """A public file fixed by commit, size and sha256 (the values of its Git LFS pointer)."""

    level: BoundaryLevel
    path: str  # inside the repository, appended to the base URL
    size: int
    sha256: str
    attribution: str

    @property
    def filename(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    def url(self, base_url: str | None = None) -> str:
        base = base_url or os.environ.get(ENV_BASE_URL) or GEOBOUNDARIES_BASE_URL
        return base.rstrip("/") + "/" + self.path


PINNED: dict[BoundaryLevel, PinnedFile] = {
    "districts": PinnedFile(
        "districts",
        "releaseData/gbOpen/VNM/ADM2/geoBoundaries-VNM-ADM2_simplified.geojson",
        4_671_047,
        "8e842bb19285ec54d8fdf6a30bb25e73e276520ecca2bde908bf3d180d522ccf",
        GEOBOUNDARIES_ATTRIBUTION,
    ),
    "provinces": PinnedFile(
        "provinces",
        "releaseData/gbOpen/VNM/ADM1/geoBoundaries-VNM-ADM1_simplified.geojson",
        473_840,
        "60d02245565a905b87c69960073f48aef2e6d46cd0afe0176920de54ae0a6d1e",
        GEOBOUNDARIES_ATTRIBUTION,
    ),
}


class DownloadError(RuntimeError):
    """The pinned download failed; ``reason`` is one of: network, timeout, http, size, checksum."""

    def __init__(self, reason: str, detail: str, url: str = "") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail  # for the log: the address and the system's words
        self.url = url


class UploadError(ValueError):
    """An uploaded boundary file was refused; ``reason`` names why, ``detail`` says more."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class BoundarySource:
    """The boundary file chosen for a level, and why it was chosen."""

    kind: Literal["configured", "uploaded", "downloaded"]
    path: Path
    attribution: str | None = None
    provenance: dict = field(default_factory=dict)

    def signature(self) -> str:
        """Changes whenever the file changes: the cache key of everything derived from it."""
        stat = self.path.stat()
        return f"{self.kind}:{self.path}:{stat.st_size}:{stat.st_mtime_ns}"


@dataclass(frozen=True)
class SourceResolution:
    """The chosen source (None: no polygons) and notices about sources that were skipped."""

    level: BoundaryLevel
    source: BoundarySource | None
    notices: tuple[tuple[str, str], ...] = ()  # (message key, detail)


def boundary_dir(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    return Path(env[ENV_DIR]) if env.get(ENV_DIR) else DEFAULT_BOUNDARY_DIR


def auto_download_enabled(environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return env.get(ENV_DOWNLOAD, "auto").strip().lower() not in ("off", "0", "no", "false")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _uploaded_file(level: BoundaryLevel, directory: Path) -> Path | None:
    folder = directory / "uploaded"
    for suffix in ACCEPTED_SUFFIXES:
        candidate = folder / f"{level}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def _read_provenance(path: Path) -> dict:
    sidecar = path.with_name(path.name + ".provenance.json")
    try:
        return json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def resolve_source(
    level: BoundaryLevel, environ: Mapping[str, str] | None = None, pinned: PinnedFile | None = None
) -> SourceResolution:
    """The first usable source of the chain for ``level``. Does not read or download anything big:
    a cached download is trusted only if its sidecar records the pinned sha256 (written after the
    check in :func:`download_pinned`)."""
    env = os.environ if environ is None else environ
    notices: list[tuple[str, str]] = []
    configured = env.get(ENV_FILE[level], "").strip()
    if configured:
        path = Path(configured).expanduser()
        if path.is_file():
            return SourceResolution(level, BoundarySource("configured", path, None, {"env": ENV_FILE[level]}))
        notices.append(("boundary_configured_missing", f"{ENV_FILE[level]}={configured}"))
    directory = boundary_dir(env)
    uploaded = _uploaded_file(level, directory)
    if uploaded is not None:
        return SourceResolution(
            level, BoundarySource("uploaded", uploaded, None, _read_provenance(uploaded)), tuple(notices)
        )
    pinned = pinned or PINNED.get(level)
    if pinned is None:  # communes: no public file to download, so no cache to look at
        return SourceResolution(level, None, tuple(notices))
    cached = directory / "cache" / pinned.filename
    if cached.is_file():
        provenance = _read_provenance(cached)
        if provenance.get("sha256") == pinned.sha256 and cached.stat().st_size == pinned.size:
            return SourceResolution(
                level, BoundarySource("downloaded", cached, pinned.attribution, provenance), tuple(notices)
            )
        notices.append(("boundary_cache_invalid", str(cached)))
    return SourceResolution(level, None, tuple(notices))


# How long a page run may reuse a resolution (see resolved_source).
RESOLUTION_TTL_S = 2.0
_resolved: dict[tuple[str, str, str], tuple[float, SourceResolution, str | None]] = {}


def resolved_source(level: BoundaryLevel) -> tuple[SourceResolution, str | None]:
    """:func:`resolve_source` for this process's environment, with the chosen file's signature,
    remembered for :data:`RESOLUTION_TTL_S` per level, configured file and boundary directory.

    Pages ask on every run (the navigation for both levels, the map page again): resolving is some ten
    file-system calls and a sidecar read, and each call releases Python's interpreter lock, which a
    hundred viewers arriving at once turn into waits for it. A writer in this process (an upload, a
    download) forgets every resolution at once (:func:`forget_resolved_sources`); a file placed or
    replaced by hand is seen within two seconds. The signature is None when the file vanished meanwhile.
    """
    key = (level, os.environ.get(ENV_FILE[level], "").strip(), str(boundary_dir()))
    now = time.monotonic()
    remembered = _resolved.get(key)
    if remembered is not None and now - remembered[0] < RESOLUTION_TTL_S:
        return remembered[1], remembered[2]
    resolution = resolve_source(level)
    signature = None
    if resolution.source is not None:
        try:
            signature = resolution.source.signature()
        except OSError:
            signature = None
    _resolved[key] = (now, resolution, signature)
    return resolution, signature


def forget_resolved_sources() -> None:
    """Make the next :func:`resolved_source` look at the files again (after this process wrote one)."""
    _resolved.clear()


def download_pinned(
    pinned: PinnedFile, directory: Path | None = None, *, timeout: float = 10.0, base_url: str | None = None
) -> Path:
    """Download a pinned file (``PINNED[level]``) into the cache, verifying size and sha256.

    Streams into a temporary file next to the target and renames it only after both checks pass,
    so a failed or interrupted download never leaves a file that looks usable. Raises
    :class:`DownloadError` with the reason.
    """
    target = (directory or boundary_dir()) / "cache" / pinned.filename
    target.parent.mkdir(parents=True, exist_ok=True)
    url = pinned.url(base_url)
    digest, received = hashlib.sha256(), 0
    handle = tempfile.NamedTemporaryFile(dir=target.parent, prefix=".download-", delete=False)
    temporary = Path(handle.name)
    try:
        with handle, urllib.request.urlopen(url, timeout=timeout) as response:
            while block := response.read(1 << 16):
                received += len(block)
                if received > pinned.size:
                    raise DownloadError("size", f"{url}: more than the expected {pinned.size} bytes", url)
                digest.update(block)
                handle.write(block)
        if received != pinned.size:
            raise DownloadError("size", f"{url}: {received} bytes, expected {pinned.size}", url)
        if digest.hexdigest() != pinned.sha256:
            raise DownloadError("checksum", f"{url}: sha256 {digest.hexdigest()}, expected {pinned.sha256}", url)
        os.replace(temporary, target)
    except DownloadError:
        temporary.unlink(missing_ok=True)
        raise
    except TimeoutError as error:
        temporary.unlink(missing_ok=True)
        raise DownloadError("timeout", f"{url}: no answer within {timeout:g} s", url) from error
    except urllib.error.HTTPError as error:
        temporary.unlink(missing_ok=True)
        raise DownloadError("http", f"{url}: HTTP {error.code}", url) from error
    except (urllib.error.URLError, OSError) as error:
        temporary.unlink(missing_ok=True)
        reason = getattr(error, "reason", error)
        kind = "timeout" if isinstance(reason, TimeoutError) or "timed out" in str(reason) else "network"
        raise DownloadError(kind, f"{url}: {reason}", url) from error
    provenance = {
        "url": url,
        "sha256": pinned.sha256,
        "size": pinned.size,
        "attribution": pinned.attribution,
        "downloaded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    target.with_name(target.name + ".provenance.json").write_text(json.dumps(provenance, indent=2), encoding="utf-8")
    forget_resolved_sources()
    return target


def check_archive(data: bytes, filename: str) -> None:
    """Refuse zip archives that are too large once unpacked, hold too many members or unsafe paths."""
    from lc_metrics.core.archives import ArchiveLimits, ArchiveRefused, zip_members

    codes = {
        "not_zip": "bad_zip",
        "too_many_members": "zip_too_many_members",
        "too_large": "zip_too_large",
        "unsafe_member": "zip_unsafe_path",
    }
    try:
        members = zip_members(data, ArchiveLimits(MAX_ZIP_MEMBERS, MAX_ZIP_UNCOMPRESSED_BYTES), safe_paths=True)
    except ArchiveRefused as refused:
        detail = filename if refused.reason == "not_zip" else f"{filename}: {refused.detail}"
        raise UploadError(codes[refused.reason], detail) from None
    if not any(m.filename.lower().endswith(".shp") for m in members) and not any(
        m.filename.lower().endswith((".geojson", ".json", ".gpkg")) for m in members
    ):
        raise UploadError("zip_no_layer", filename)


def check_upload(data: bytes, filename: str) -> str:
    """Type, size and archive checks of an uploaded boundary file; returns its suffix."""
    suffix = Path(filename).suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise UploadError("unsupported_type", filename)
    if not data:
        raise UploadError("empty_file", filename)
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError("file_too_large", f"{filename}: {len(data)} bytes")
    if suffix == ".zip":
        check_archive(data, filename)
    return suffix


def store_uploaded(
    level: BoundaryLevel, data: bytes, filename: str, uploaded_by: str, directory: Path | None = None
) -> Path:
    """Keep a validated upload as the level's uploaded source (replacing the previous one).

    The caller validates the content first (:func:`geo.boundaries.read_boundaries` on the bytes);
    this only checks size, type and archive safety, then writes atomically with a provenance sidecar.
    """
    suffix = check_upload(data, filename)
    folder = (directory or boundary_dir()) / "uploaded"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{level}{suffix}"
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".upload-", delete=False) as handle:
        handle.write(data)
    for old in folder.glob(f"{level}.*"):
        if old.suffix in ACCEPTED_SUFFIXES and old != target:
            old.unlink()
    os.replace(handle.name, target)
    provenance = {
        "filename": filename,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "uploaded_by": uploaded_by,
        "uploaded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    target.with_name(target.name + ".provenance.json").write_text(json.dumps(provenance, indent=2), encoding="utf-8")
    forget_resolved_sources()
    return target


def describe_source(resolution: SourceResolution) -> dict:
    """A plain dict of the resolution, for logs and the page's source line."""
    source = resolution.source
    return {
        "level": resolution.level,
        "notices": list(resolution.notices),
        "source": None if source is None else {**asdict(source), "path": str(source.path)},
    }


class DownloadJob:
    """One download of a pinned file in a background thread, so that a page never waits on it.

    ``state`` is "idle", "running", "done" or "failed" (then ``error`` says why). A failed job can
    be started again; a running or finished one is not restarted.
    """

    def __init__(
        self, level: BoundaryLevel, directory: Path, *, timeout: float = 10.0, base_url: str | None = None
    ) -> None:
        import threading

        self.level, self.directory, self.timeout, self.base_url = level, directory, timeout, base_url
        self.state = "idle"
        self.error: DownloadError | None = None
        self.path: Path | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def _run(self) -> None:
        try:
            path = download_pinned(PINNED[self.level], self.directory, timeout=self.timeout, base_url=self.base_url)
        except DownloadError as error:
            with self._lock:
                self.state, self.error = "failed", error
        else:
            with self._lock:
                self.state, self.path, self.error = "done", path, None

    def start(self) -> bool:
        """Start the download unless one is running or done; True when a new one started."""
        import threading

        with self._lock:
            if self.state in ("running", "done"):
                return False
            self.state, self.error = "running", None
            self._thread = threading.Thread(target=self._run, name=f"download-{self.level}", daemon=True)
            self._thread.start()
            return True

    def wait(self, timeout: float | None = None) -> str:
        """Wait for the running download (at most ``timeout`` seconds) and return the state."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self.state
