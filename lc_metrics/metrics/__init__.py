"""Computing from a snapshot: the indicators (rates, in one place), map classes, rankings and the
reconciliation of printed against computed figures. Depends on ``core``, ``reading`` and ``store``."""
