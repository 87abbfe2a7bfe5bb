"""Keeping what was read: the report snapshot (one as-of date, its provenance, the three appendices),
the SQLite store (snapshots, uploads, audit log, layouts, staff sessions, the national table), what was
carried over from an earlier report, and staff accounts. Depends on ``core`` and ``reading``."""
