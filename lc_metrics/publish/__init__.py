"""Publishing a report: the briefing (one view of a report that pages, documents and the CLI read), KPIs,
the drafted paragraph, chart pictures, and the documents (XLSX, DOCX, PPTX) through one registry of
formats. The top layer with the CLI: it may use ``geo`` for map pictures; nothing below imports it."""
