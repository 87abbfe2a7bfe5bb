"""The upload pipeline: read the files, check them (with the indicators and the reconciliation) and build
the snapshot to publish. Depends on every layer below it."""
