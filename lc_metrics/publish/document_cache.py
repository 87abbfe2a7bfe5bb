"""The reports' documents kept on disk: each built once per report, content, language and format, then read
from its file by every viewer who asks.

Why on disk and not in the process's memory: a slide deck costs some 0,6 s of CPU, and with more distinct
documents than an in-memory cache holds (a few reports × two languages × three formats), every request built
again, and the memory the builds took stayed with the process. A file costs nothing to serve (the web server
streams it), survives a restart and is shared by every worker of the machine.

- **Where**: ``LCM_DOCUMENT_DIR`` (default ``documents/`` beside the SQLite store: ``data/store/documents``,
  git-ignored with the store; a test's store gets its own), one folder per report
  (``<snapshot id>/``), one file per language and format named with the content key:
  ``vi-pptx-<key>.pptx``.
- **Key** (:func:`content_key`): everything the document depends on besides its report id, language and
  format — the report's own stored identity (date, time of publication, publisher: a store restored from an
  older backup may give the same id to another report), the report before it (its changes are in the
  document), the registers of check-in points, the district boundaries in use, and the code that draws the
  documents (:func:`code_fingerprint`). A new key gives a new file and deletes the file it replaces.
- **Written atomically**: a temporary file in the same folder, then ``os.replace``; a reader sees the whole
  file or none.
- **Bounded**: past ``LCM_DOCUMENT_CACHE_MB`` (default 256 MB) the files used longest ago are deleted.
- **Withdrawn reports**: :meth:`DocumentCache.keep_only` deletes the folders of reports no viewer can open.
- **One build per key at a time**: concurrent requests for the same document wait for the one build
  (:meth:`DocumentCache.get_or_build`), and builds run at most ``LCM_DOCUMENT_BUILDS_AT_ONCE`` (default 1)
  at a time in the process, with at most ``MAX_WAITING`` requests queued for them (one more is answered
  "busy, come back" at once): a flood of distinct documents takes one core, never both, and never all the
  threads that serve the documents already built. Several worker
  processes may each build the same document once; the rename makes that harmless.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import ctypes.util
import hashlib
import json
import multiprocessing
import multiprocessing.context
import os
import shutil
import sys
import tempfile
import threading
import time
import types
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lc_metrics.store.store import Store, store_path

if TYPE_CHECKING:
    import geopandas as gpd

DOCUMENT_DIR_ENV = "LCM_DOCUMENT_DIR"
MAX_MB_ENV = "LCM_DOCUMENT_CACHE_MB"
DEFAULT_MAX_MB = 256
BUILDS_AT_ONCE_ENV = "LCM_DOCUMENT_BUILDS_AT_ONCE"
BUILDS_PER_MINUTE_ENV = "LCM_DOCUMENT_BUILDS_PER_MINUTE"
DEFAULT_BUILDS_PER_MINUTE = 10
BUILD_WAIT_S = 60.0  # a request waiting longer than this for a build slot is told to come back (503)
MAX_WAITING = 4  # requests waiting for a build slot at once; one more is told to come back at once (503)
CODE_PACKAGES = ("lc_metrics", "geo")  # the code that draws documents (and the catalog of their words)


def document_dir() -> Path:
    """``$LCM_DOCUMENT_DIR``, or ``documents/`` beside the SQLite store (``data/store/documents``)."""
    return Path(os.environ.get(DOCUMENT_DIR_ENV) or store_path().parent / "documents")


def _positive_int(name: str, default: int) -> int:
    try:
        value = int(os.environ.get(name, "") or default)
    except ValueError:
        return default
    return value if value > 0 else default


def max_cache_bytes() -> int:
    return _positive_int(MAX_MB_ENV, DEFAULT_MAX_MB) * 1024 * 1024


def builds_per_minute() -> int:
    """Cache-miss builds one client may cause per minute (``LCM_DOCUMENT_BUILDS_PER_MINUTE``, default 10)."""
    return _positive_int(BUILDS_PER_MINUTE_ENV, DEFAULT_BUILDS_PER_MINUTE)


_fingerprint: str | None = None


def code_fingerprint() -> str:
    """A hash of the sources of the packages that draw the documents, computed once per process: a new
    release gives new documents, never yesterday's layout under today's code."""
    global _fingerprint
    if _fingerprint is None:
        root = Path(__file__).resolve().parents[2]
        digest = hashlib.sha256()
        for package in CODE_PACKAGES:
            for source in sorted((root / package).rglob("*.py")):
                digest.update(source.relative_to(root).as_posix().encode())
                digest.update(source.read_bytes())
        _fingerprint = digest.hexdigest()[:16]
    return _fingerprint


def content_key(report: dict[str, Any], previous: dict[str, Any] | None, registers: str, boundaries: str | None) -> str:
    """The key of a report's documents besides id, language and format (see the module's docstring).
    ``report`` and ``previous`` are entries of ``Store.list_snapshots()``."""

    def identity(entry: dict[str, Any] | None) -> list[str] | None:
        if entry is None:
            return None
        return [str(entry["id"]), str(entry["as_of"]), str(entry["created_at"]), str(entry["created_by"])]

    text = json.dumps([identity(report), identity(previous), registers, boundaries, code_fingerprint()])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class DocumentKey:
    """One document: a report, its content key, a language and a format (``pptx``, ``csv-appendix2``…);
    ``extension`` is the file's."""

    snapshot_id: int
    content: str
    lang: str
    fmt: str
    extension: str

    @property
    def prefix(self) -> str:
        return f"{self.lang}-{self.fmt}-"

    @property
    def file_name(self) -> str:
        return f"{self.prefix}{self.content}.{self.extension}"


class BuildBusy(RuntimeError):
    """No build slot came free in time: the server is building other documents (answer 503, retry)."""


class DocumentCache:
    """Documents on disk under ``directory``, at most ``max_bytes`` in all (see the module's docstring)."""

    def __init__(
        self, directory: Path, max_bytes: int, builds_at_once: int = 1, max_waiting: int = MAX_WAITING
    ) -> None:
        self.directory = directory
        self.max_bytes = max_bytes
        self.max_waiting = max_waiting
        self._waiting = 0
        self._locks: dict[DocumentKey, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._slots = threading.BoundedSemaphore(builds_at_once)
        self.builds = 0  # documents built by this cache (tests and the flood benchmark read it)

    def path(self, key: DocumentKey) -> Path:
        return self.directory / str(key.snapshot_id) / key.file_name

    def get(self, key: DocumentKey) -> Path | None:
        """The document's file when it is built; its time of use is refreshed (eviction deletes the oldest)."""
        path = self.path(key)
        try:
            os.utime(path)
        except OSError:
            return None
        return path

    def _lock(self, key: DocumentKey) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(key, threading.Lock())

    def get_or_build(
        self, key: DocumentKey, build: Callable[[], bytes], before_build: Callable[[], None] | None = None
    ) -> Path:
        """The document's file, built by ``build`` when missing: one build per key at a time (the others wait
        for it and read its file), and at most ``builds_at_once`` builds in the process at a time.
        ``before_build`` runs only when this call really builds (a client's build budget is charged there;
        it may raise to refuse). :class:`BuildBusy` when no slot came free within ``BUILD_WAIT_S``."""
        found = self.get(key)
        if found is not None:
            return found
        lock = self._lock(key)
        with lock:
            found = self.get(key)
            if found is not None:  # built while this request waited for it
                return found
            if before_build is not None:
                before_build()
            if not self._slots.acquire(blocking=False):  # a build runs: wait in a short queue, or come back
                with self._locks_guard:
                    if self._waiting >= self.max_waiting:
                        raise BuildBusy(key.file_name)
                    self._waiting += 1
                try:
                    if not self._slots.acquire(timeout=BUILD_WAIT_S):
                        raise BuildBusy(key.file_name)
                finally:
                    with self._locks_guard:
                        self._waiting -= 1
            try:
                data = build()
                path = self._write(key, data)
                del data
                self.builds += 1
            finally:
                self._slots.release()
                release_freed_memory()
        with self._locks_guard:
            self._locks.pop(key, None)
        self.evict()
        return path

    def _write(self, key: DocumentKey, data: bytes) -> Path:
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        for sibling in target.parent.glob(key.prefix + "*"):  # the same document under an older content key
            if sibling != target:
                sibling.unlink(missing_ok=True)
        return target

    def files(self) -> list[Path]:
        """Every document kept (temporary files left out)."""
        if not self.directory.is_dir():
            return []
        return [p for p in self.directory.glob("*/*") if p.is_file() and not p.name.startswith(".tmp-")]

    def evict(self) -> list[Path]:
        """Delete the documents used longest ago until the total is within the bound; the deleted files."""
        entries = []
        for path in self.files():
            try:
                info = path.stat()
            except OSError:
                continue
            entries.append((info.st_mtime, info.st_size, path))
        total = sum(size for _, size, _ in entries)
        deleted = []
        for _, size, path in sorted(entries, key=lambda entry: (entry[0], str(entry[2]))):
            if total <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size
            deleted.append(path)
        return deleted

    def keep_only(self, snapshot_ids: Iterable[int]) -> list[int]:
        """Delete the folders of every report not in ``snapshot_ids`` (withdrawn, or gone with a restored
        store); the ids deleted."""
        keep = {str(i) for i in snapshot_ids}
        if not self.directory.is_dir():
            return []
        removed = []
        for folder in self.directory.iterdir():
            if folder.is_dir() and folder.name.isdigit() and folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(int(folder.name))
        return sorted(removed)


class BuildBudget:
    """Cache-miss builds per client in a sliding minute: :meth:`charge` records one, or returns the seconds
    to wait when the client used its ``per_minute`` already. Clients are forgotten once their minute is over
    (the table stays as small as the clients of the last minute)."""

    WINDOW_S = 60.0

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._builds: dict[str, deque[float]] = {}
        self._guard = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        times = self._builds.setdefault(client, deque())
        while times and times[0] <= now - self.WINDOW_S:
            times.popleft()
        return times

    def charge(self, client: str) -> int:
        """Record one build for ``client`` and return 0, or return the seconds to wait (nothing recorded)."""
        with self._guard:
            now = self._clock()
            for other in [c for c, t in self._builds.items() if not t or t[-1] <= now - self.WINDOW_S]:
                del self._builds[other]
            times = self._recent(client, now)
            if len(times) >= self.per_minute:
                return max(1, int(times[0] + self.WINDOW_S - now + 0.999))
            times.append(now)
            return 0


_libc: Any = None


def release_freed_memory() -> None:
    """Give the memory a build freed back to the system (glibc's ``malloc_trim``): without it the pages a
    slide deck's pictures took stay with the process after the objects are gone. Nothing elsewhere."""
    global _libc
    if _libc is None:
        name = ctypes.util.find_library("c")
        try:
            _libc = ctypes.CDLL(name) if name else False
        except OSError:
            _libc = False
    if _libc and hasattr(_libc, "malloc_trim"):
        _libc.malloc_trim(0)


# --- builds in a process of their own
BUILD_TIMEOUT_S = 300.0  # one document; a build past this is abandoned (its process is ended)
BUILDER_IDLE_S = 60.0  # the build process ends after this long without a build: its memory goes with it
BUILDS_PER_PROCESS = 50  # and is replaced after this many builds


class _BareSpawnProcess(multiprocessing.context.SpawnProcess):
    """A spawned process that does not re-run the parent's ``__main__``: in a Streamlit server (and in AppTest)
    ``sys.modules["__main__"]`` is the page script being run, which ``spawn`` would execute again in the child
    (the app's pages in a bare process — or an AppTest script that fails there and takes the build with it).
    While the process starts, ``__main__`` is a module with nothing to re-run; the builds import what they need."""

    def start(self) -> None:
        with _MAIN_SWAP:
            main = sys.modules.get("__main__")
            sys.modules["__main__"] = types.ModuleType("__main__")
            try:
                super().start()
            finally:
                if main is not None:
                    sys.modules["__main__"] = main


class _BareSpawnContext(multiprocessing.context.SpawnContext):
    Process = _BareSpawnProcess


_MAIN_SWAP = threading.Lock()


class BuildProcess:
    """Documents built in a separate process (``spawn``: nothing of the server's state is copied), started
    at the first build and ended after ``idle_s`` without one: the libraries and pictures a slide deck needs
    (some 150 MB) live there, not in the server, and leave with it — after a flood the server is back at
    its own size. ``call`` blocks the calling thread (a worker thread of the server) until the bytes come
    back. The first build after a quiet spell pays the process's start (about a second)."""

    def __init__(self, workers: int = 1, idle_s: float = BUILDER_IDLE_S) -> None:
        self.workers = workers
        self.idle_s = idle_s
        self._executor: concurrent.futures.ProcessPoolExecutor | None = None
        self._guard = threading.Lock()
        self._running = 0
        self._idle_timer: threading.Timer | None = None

    def _pool(self) -> concurrent.futures.ProcessPoolExecutor:
        if self._executor is None:
            self._executor = concurrent.futures.ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=_BareSpawnContext(),
                max_tasks_per_child=BUILDS_PER_PROCESS,
                initializer=watch_parent,
                initargs=(os.getpid(),),
            )
        return self._executor

    def call(self, function: Callable[..., bytes], *args: Any) -> bytes:
        """``function(*args)`` in the build process; a build process that died under the call (killed, out of
        memory) is replaced and the build tried once more before the error reaches the caller."""
        try:
            return self._call(function, *args)
        except concurrent.futures.process.BrokenProcessPool:
            return self._call(function, *args)

    def _call(self, function: Callable[..., bytes], *args: Any) -> bytes:
        with self._guard:
            if self._idle_timer is not None:
                self._idle_timer.cancel()
                self._idle_timer = None
            self._running += 1
            future = self._pool().submit(function, *args)
        try:
            return future.result(timeout=BUILD_TIMEOUT_S)
        except (concurrent.futures.TimeoutError, concurrent.futures.process.BrokenProcessPool):
            self.stop()  # a stuck or dead build process: the next build starts a new one
            raise
        finally:
            with self._guard:
                self._running -= 1
                if self._running == 0 and self._executor is not None:
                    self._idle_timer = threading.Timer(self.idle_s, self._stop_if_idle)
                    self._idle_timer.daemon = True
                    self._idle_timer.start()

    def _stop_if_idle(self) -> None:
        with self._guard:
            if self._running == 0:
                self._stop_locked()

    def stop(self) -> None:
        with self._guard:
            self._stop_locked()

    def _stop_locked(self) -> None:
        executor, self._executor = self._executor, None
        if executor is None:
            return
        processes = list(getattr(executor, "_processes", {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:  # a build that never ends is ended here
            if process.is_alive():
                process.join(timeout=5)
            if process.is_alive():
                process.kill()

    @property
    def alive(self) -> bool:
        return self._executor is not None


PARENT_POLL_S = 1.0


def watch_parent(parent_pid: int) -> None:
    """In a build process: end it as soon as the server that started it is gone (a server stopped by a
    signal does not shut its pool down, and a build process waiting for work would wait for ever)."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_POLL_S)
        os._exit(0)

    threading.Thread(target=watch, name="lcm-watch-server", daemon=True).start()


# what a build process keeps between builds: its stores, the district boundaries, the latest pictures
_child_stores: dict[str, Store] = {}
_child_shapes: dict[str, Any] = {}
_child_pictures: dict[tuple[Any, ...], dict[str, bytes]] = {}


def build_document(
    location: str, snapshot_id: int, kind: str, lang: str, appendix: str | None, content: str, boundaries: str | None
) -> bytes:
    """A report's document, built in the build process (:class:`BuildProcess`) as the command line builds it
    (``lc_metrics.publish.formats``): the XLSX, DOCX or PPTX, its maps drawn on the district boundaries named
    by ``boundaries`` (the server's key of the file in use, "level|kind|path|signature|attribution"; None:
    circles), or (``kind="csv"``) an appendix as the tables page writes it. The pictures of a report and
    language are drawn once for its DOCX and PPTX (kept per ``content`` key, the latest four)."""
    from lc_metrics.publish.briefing import briefing_from_store
    from lc_metrics.publish.formats import briefing_pictures, document

    if location not in _child_stores:
        _child_stores[location] = Store(location)  # the server created and seeded it
    briefing = briefing_from_store(_child_stores[location], snapshot_id)
    if kind == "csv":
        from lc_metrics.publish.appendix_views import view_to_csv

        (table,) = [a for a in briefing.appendices(lang) if a.key == appendix]
        return view_to_csv(table, lang)

    def pictures() -> dict[str, bytes]:
        key = (location, snapshot_id, lang, content)
        if key not in _child_pictures:
            while len(_child_pictures) >= 4:
                del _child_pictures[next(iter(_child_pictures))]
            _child_pictures[key] = briefing_pictures(briefing, _district_shapes(boundaries), lang)
        return _child_pictures[key]

    return document(briefing, kind, lang, pictures)


def _district_shapes(boundaries: str | None) -> gpd.GeoDataFrame | None:
    """The district boundaries the server named (read once per file and signature; None: circles, also when
    the file cannot be read, as the server's own pages fall back)."""
    if boundaries is None:
        return None
    if boundaries not in _child_shapes:
        from geo.boundaries import BoundaryError
        from geo.shapes import load_shapes
        from geo.sources import BoundarySource

        level, kind, path, _signature, attribution = boundaries.split("|", 4)
        _child_shapes.clear()
        try:
            source = BoundarySource(kind, Path(path), attribution or None)  # type: ignore[arg-type]
            _child_shapes[boundaries] = load_shapes(level, source).frame  # type: ignore[arg-type]
        except BoundaryError:
            _child_shapes[boundaries] = None
    return _child_shapes[boundaries]
