"""Bản đồ: a choropleth of any district metric (a tile diagram when there are no boundaries), the legend
above it, detail on click. The metric, the selected district and the basemap choice live in the URL
(?metric=&district=&basemap=1). On a phone the map is fitted to the screen's width."""

import streamlit as st

from geo.deck import MAP_HEIGHT_PX, PHONE_MAP_HEIGHT_PX, PHONE_MAP_WIDTH_PX, PICKABLE_LAYERS
from lc_app.auth import current_user
from lc_app.cache import district_map_deck, get_store
from lc_app.components import carried_metric_notice, source_line_text, title_and_as_of
from lc_app.context import on_phone, page_context, query_district, query_metric, set_query
from lc_app.exports import as_of_label, png_button
from lc_app.maps import (
    as_of_text,
    boundary_key,
    boundary_notices,
    boundary_state,
    district_detail,
    district_units,
    legend,
    legend_footer,
    metric_label,
    source_line,
    tile_map,
)
from lc_app.points import commune_section
from lc_metrics.core.districts import district_codes, district_name
from lc_metrics.core.messages import t
from lc_metrics.metrics.indicators import MAP_METRICS, metrics_with_values
from lc_metrics.store.store import store_location

context = page_context()
lang, view = context.lang, context.view
title_and_as_of(t("page_map", lang), view, lang)
if view is not None:
    districts = view.districts
    metrics = view.derived(("map_metrics",), lambda: metrics_with_values(districts))
    metric = query_metric(metrics, "coverage_pct" if "coverage_pct" in metrics else metrics[0], lang, MAP_METRICS)
    codes = district_codes()
    selected = query_district(lang)
    state = boundary_state("districts")
    chosen_metric = st.selectbox(
        t("map_metric", lang), metrics, index=metrics.index(metric), format_func=lambda key: metric_label(key, lang)
    )
    if chosen_metric != metric:
        set_query(metric=chosen_metric)
        st.rerun()

    show_values = st.session_state.get("map_show_values", True)
    basemap = st.query_params.get("basemap") == "1" and state.shapes is not None
    units, classification = district_units(view, metric, lang, state, selected)
    label = metric_label(metric, lang)
    legend(classification, units, view, lang)  # above the map: read before the colours, also on a phone
    clicked: list[str] = []
    if state.shapes is not None:
        phone = on_phone()
        height = PHONE_MAP_HEIGHT_PX if phone else MAP_HEIGHT_PX
        deck = district_map_deck(
            (store_location(), view.snapshot_id, context.version, state.signature, metric, lang),
            units,
            state.shapes.frame,
            metric_label=label,
            basemap=basemap,
            selected=selected,
            show_values=show_values,
            height_px=height,
            width_px=PHONE_MAP_WIDTH_PX if phone else None,
        )
        # A new key per selection: the chart starts without Streamlit's own selection styling (which
        # greys out the other districts); the selected district is outlined by the deck itself.
        event = st.pydeck_chart(
            deck,
            on_select="rerun",
            selection_mode="single-object",
            key=f"district_map_{metric}_{selected}",
            height=height,
            width="stretch",
            alt=t("map_alt", lang, metric=label),
        )
        st.caption(t("map_caption", lang, metric=label, date=as_of_text(view, lang)))
        clicked = [
            obj.get("properties", obj).get("code")
            for layer in PICKABLE_LAYERS
            for obj in event.selection.objects.get(layer, [])
        ]
    else:
        # the units' key (district_units): the same report, metric, language, selection and boundary state
        tile_map(
            units,
            label,
            lang,
            show_values=show_values,
            kept=(view, (metric, lang, selected, state.signature)),
            caption=t("tile_map_caption", lang, metric=label, date=as_of_text(view, lang)),  # in the same element
        )
    carried_metric_notice(view, metric, lang)
    line = source_line(state, lang)
    if line:
        st.caption(line)
    if selected is not None:  # what a tap or a click on the map opened, right under it (on a phone too)
        district_detail(view, selected, lang)
    frame = state.shapes.frame if state.shapes is not None else None

    def picture() -> bytes:
        from geo.render import map_png

        assert view is not None  # this page part is drawn only for a report
        return map_png(
            units,
            frame,
            classification,
            title=label,
            subtitle=as_of_label(view, lang),
            lang=lang,
            footer=legend_footer(metric, view, lang),
            schematic=True,
        )

    drawn = ("map", metric, lang, str(boundary_key(state)))  # what the picture depends on besides the report
    png_button(picture, f"{t('file_map', lang)}_{metric}", view, lang, key="map_png", picture=drawn)
    # below the map: what to look at next and how to draw it (the map comes first on a phone)
    options = st.columns(2)
    chosen_district = options[0].selectbox(
        t("map_district", lang),
        [None, *codes],
        index=0 if selected is None else codes.index(selected) + 1,
        format_func=lambda code: t("map_no_district", lang) if code is None else district_name(code, lang),
    )
    if state.shapes is not None:  # a basemap under tiles would mean nothing
        basemap = options[1].toggle(t("map_basemap", lang), value=basemap)
    options[1].toggle(t("map_values_on_labels", lang), value=True, key="map_show_values")
    if chosen_district != selected or basemap != (st.query_params.get("basemap") == "1"):
        set_query(district=chosen_district, basemap="1" if basemap else None)
        st.rerun()
    if clicked and clicked[0] in codes and clicked[0] != selected:
        set_query(district=clicked[0])
        st.rerun()
    user = current_user()
    # the report's source first: one element with the note on the tiles that follows it
    admin = user is not None and user.role == "admin"
    boundary_notices(state, lang, show_download=admin, lead=source_line_text(view, lang))
    if selected is not None:
        commune_section(get_store(store_location()), selected, lang)  # its communes, from the point register
