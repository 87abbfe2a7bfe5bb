"""Trình chiếu: full-screen slides of the selected report for a projector (?slide=N, ?auto=seconds)."""

from lc_app.cache import briefing_of, briefing_pictures, documents_version
from lc_app.context import page_context
from lc_app.maps import boundary_key, boundary_state
from lc_app.present import current_slide, hide_chrome, navigation_bar, render_slide, slides_of
from lc_metrics.store.store import store_location

hide_chrome()
context = page_context()
lang, view = context.lang, context.view
if view is not None:
    path = store_location()
    snapshot_id = view.snapshot_id
    briefing = briefing_of(path, snapshot_id, documents_version(path, context.version))
    slides = slides_of(briefing)
    number = current_slide(len(slides))
    name = slides[number - 1]
    pictures = {}
    if name.startswith(("map_", "ranking_")):
        pictures = briefing_pictures(
            path, snapshot_id, context.version, lang, boundary_key(boundary_state("districts"))
        )
    render_slide(name, briefing, pictures, lang)
    navigation_bar(number, len(slides), lang)
