"""Reading files from outside: spreadsheets as bounded grids, appendix tables found by structure and
meaning, note lines, column-mapping layouts, the national table and the blank template. Depends on
``core`` only."""
