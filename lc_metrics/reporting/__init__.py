"""Districts reporting their own figures: reporting periods and their deadlines, district submissions,
the status board of who reported on time, consolidation into the province's report, reminders."""
