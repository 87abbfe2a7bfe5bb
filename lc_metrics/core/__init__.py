"""What every layer shares: the reference lists (districts, provinces), Vietnamese number reading and
formatting, findings (what was noticed, where) and the vi/en message catalog. Imports nothing above it."""
