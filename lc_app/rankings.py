"""Ranking page parts: the national position, districts ranked on a metric (chart, catch-up list,
rank matrix) and the optional national table with its chart and map."""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from geo.deck import MapUnit, choropleth_deck, marker_deck
from lc_app.auth import current_user
from lc_app.cache import (
    ReportView,
    get_store,
    national_positions,
    national_template_xlsx,
    published_national_reading,
    read_national_upload,
)
from lc_app.charts import national_bar_chart, rank_history_chart
from lc_app.components import file_uploader, finding_boxes
from lc_app.exports import as_of_label, png_button
from lc_app.frame_html import frame_table_html
from lc_app.kpi_html import KpiCard, kpi_grid_html
from lc_app.maps import boundary_notices, boundary_state, class_legend, metric_label, source_line
from lc_app.markdown_text import escape_markdown
from lc_app.prepared_html import PreparedHtml
from lc_app.status import STATUS_CSS, ranked_chart_html
from lc_metrics.core.districts import district_name
from lc_metrics.core.formatting import format_number, format_pct, format_timestamp
from lc_metrics.core.messages import t
from lc_metrics.core.provinces import LAO_CAI_CODE, load_provinces
from lc_metrics.metrics.classes import classify
from lc_metrics.metrics.indicators import RANKED_METRICS, format_metric, province_value
from lc_metrics.metrics.ranking import catch_up, rank_matrix
from lc_metrics.publish.about import about_href
from lc_metrics.publish.kpis import KpiText, rank_change_text
from lc_metrics.publish.status import ranked_chart
from lc_metrics.reading.national import cross_check
from lc_metrics.store.store import Store, StoreWriteError

NATIONAL_MAP_HEIGHT_PX = 760


def _rank_change_text(change: int, lang: str) -> str:
    """ "tăng 4 bậc", "giảm 2 bậc", or "0"."""
    if not change:
        return "0"
    return t("rank_change_up" if change > 0 else "rank_change_down", lang, n=abs(change))


def national_position(view: ReportView, lang: str, store_path: str, version: str) -> None:
    """Rank (with its change), how many provinces are behind, and the rank across snapshots."""
    province = view.province
    st.subheader(t("ranking_national_section", lang))
    rank, total = province.get("national_rank"), province.get("provinces_total")
    if not rank or not total:
        st.info(t("ranking_no_national_rank", lang))
        return
    st.html(PreparedHtml(view.derived(("national_position_cards", lang), lambda: _position_cards_html(view, lang))))
    history = national_positions(store_path, version)
    if len(history) > 1:
        st.markdown(f"**{t('ranking_history_title', lang)}**")
        st.altair_chart(rank_history_chart(history, lang), width="stretch")
    else:
        st.caption(t("ranking_history_single", lang))


def _position_cards_html(view: ReportView, lang: str) -> str:
    """The national position's cards (rank and its change, provinces behind, population share): one element,
    the overview's KPI cards (lc_app.kpi_html), two a row on a phone. Made once per report and language."""
    province = view.province
    rank, total = province["national_rank"], province["provinces_total"]
    previous = (view.previous_province or {}).get("national_rank")
    change = None if previous is None else previous - rank
    direction = 0 if not change else (1 if change > 0 else -1)
    population_pct = province.get("population_pct")
    cards = [
        KpiCard(
            KpiText(
                "national_rank",
                t("kpi_national_rank", lang),
                t("rank_value", lang, rank=rank, total=total),
                None if change is None else rank_change_text(change, lang),
                direction,
                None if not change else change > 0,
            ),
            t("kpi_help_national_rank", lang, total=total),
            about_href("national_rank", lang),
        ),
        KpiCard(
            KpiText(
                "ahead_of",
                t("ranking_ahead_of", lang),
                t(
                    "ranking_ahead_value",
                    lang,
                    behind=total - rank,
                    others=total - 1,
                    share=format_pct(province["national_percentile"], 2, lang),
                ),
                None,
                0,
                None,
            ),
            t("ranking_ahead_help", lang, others=total - 1),
        ),
        KpiCard(
            KpiText(
                "population_pct",
                t("kpi_population_pct", lang),
                format_pct(population_pct, 2, lang) if population_pct is not None else t("figure_missing", lang),
                None,
                0,
                None,
                population_pct is None,
            )
        ),
    ]
    section = t("ranking_national_section", lang)
    return kpi_grid_html(
        [cards],
        scope="national",
        label=t("kpi_list_label", lang, section=section),
        help_label=t("kpi_help_button", lang, label="{label}"),
    )


def ranked_metrics_with_values(view: ReportView) -> list[str]:
    """The metrics at least two districts have a value of (worth ranking); worked out once per report."""
    return view.derived(
        ("ranked_metrics",),
        lambda: [spec.key for spec in RANKED_METRICS if view.districts[spec.key].drop_nulls().len() > 1],
    )


# one chart, the page's width, but bars not stretched past what reads well on a wide screen
RANKING_CHART_CSS = "<style>.lcm-chart-wide { grid-template-columns: minmax(0, 52rem) !important; }</style>"


def district_ranking_section(view: ReportView, metric: str, lang: str) -> None:
    """The sorted bar chart, the districts that pull the province down, the rank matrix."""
    label = metric_label(metric, lang)

    def chart_html() -> str:  # the overview's ranked chart, for any metric: HTML, drawn at once by the browser
        chart = ranked_chart(view.districts, metric, province_value(view.province, metric), lang, title=label)
        return (
            STATUS_CSS + RANKING_CHART_CSS + f"<div class='lcm-charts lcm-chart-wide'>{ranked_chart_html(chart)}</div>"
        )

    st.html(PreparedHtml(view.derived(("district_ranking_chart", metric, lang), chart_html)))
    districts, province_line = view.districts, province_value(view.province, metric)

    def picture() -> bytes:
        from lc_metrics.publish.chart_images import ranking_png

        return ranking_png(
            districts,
            metric,
            classify(metric, districts[metric].to_list()),
            province_line,
            title=t("slide_ranking_title", lang, metric=label),
            subtitle=as_of_label(view, lang),
            lang=lang,
        )

    png_button(
        picture, f"{t('file_ranking', lang)}_{metric}", view, lang, key="ranking_png", picture=("ranking", metric, lang)
    )
    catch_up_text = view.derived(("ranking_catch_up", metric, lang), lambda: _catch_up_markdown(view, metric, lang))
    if catch_up_text:  # one Markdown element: the title and a line per district
        st.markdown(catch_up_text)
    # the matrix is drawn only when its panel is opened (a click reruns the page): folded, it still cost
    # every viewer a table
    with st.expander(
        t("ranking_matrix_title", lang), icon=":material/leaderboard:", key="rank_matrix_panel", on_change="rerun"
    ) as panel:
        if not panel.open:
            return
        matrix = rank_matrix(view.districts).with_columns(
            pl.col("code").map_elements(lambda code: district_name(code, lang), return_dtype=pl.String).alias("name")
        )
        renamed = {"name": t("col_district", lang)}
        renamed.update({f"rank_{spec.key}": metric_label(spec.key, lang) for spec in RANKED_METRICS})
        st.html(
            frame_table_html(
                matrix.drop("code").rename({k: v for k, v in renamed.items() if k in matrix.columns}),
                t("ranking_matrix_title", lang),
                blank="—",
            )
        )


def _catch_up_markdown(view: ReportView, metric: str, lang: str) -> str:
    """The districts that pull the province down on ``metric`` and what each needs, as one Markdown text
    (empty when none does)."""
    lagging = catch_up(view.districts, metric, view.province)
    if not lagging:
        return ""
    lines = [f"**{t(f'ranking_catch_up_title_{metric}', lang)}**", ""]
    for item in lagging:
        lines.append(
            "- "
            + escape_markdown(
                t(
                    f"ranking_catch_up_{metric}",
                    lang,
                    name=district_name(item.code, lang),
                    value=format_metric(metric, item.value, lang),
                    needed=format_number(item.needed, 0, lang),
                    target=format_pct(item.target, 2 if metric == "coverage_pct" else 0, lang),
                )
            )
        )
    return "\n".join(lines)


def national_table_section(view: ReportView, lang: str, store_path: str) -> None:
    """The national table every viewer sees (published by staff, kept in the store) with its ranking
    chart and national map; for uploaders, the upload, preview and publish steps, and withdrawal."""
    st.subheader(t("national_table_section", lang))
    store = get_store(store_path)
    published = store.current_national_table()
    user = current_user()
    if user is not None and user.can("uploader"):
        national_table_upload(view, lang, store, user.name, published)
    if published is None:
        st.info(
            t("national_none_published" if user is None else "national_none_published_staff", lang),
            icon=":material/info:",
        )
        return
    st.caption(
        t(
            "national_published_by",
            lang,
            file=escape_markdown(published["filename"]),
            by=escape_markdown(published["published_by"]),
            when=format_timestamp(published["published_at"], lang),
        )
    )
    findings, result = published_national_reading(store_path, published["id"])
    if result is not None:
        national_result(view, lang, findings, result, published["filename"], key="published")


def national_table_upload(view: ReportView, lang: str, store: Store, actor: str, published: dict | None) -> None:
    """Staff: template, upload, the preview as viewers will see it, publish; withdraw the published one."""
    with st.expander(t("national_upload_title", lang), icon=":material/upload_file:", expanded=published is None):
        st.caption(t("national_table_help", lang))
        st.download_button(
            t("national_template", lang),
            national_template_xlsx(),
            "bang_toan_quoc_mau.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
        )
        upload = file_uploader(t("national_upload", lang), ["xlsx", "csv"], "national_upload", lang)
        if published is not None and st.button(
            t("national_withdraw", lang), icon=":material/delete:", key="national_withdraw"
        ):
            try:
                store.withdraw_national_table(published["id"], actor)
            except StoreWriteError as error:
                st.error(t(f"store_write_{error.reason}", lang), icon=":material/error:")
                return
            st.rerun()
        if upload is None:
            return
        findings, result = read_national_upload(upload.getvalue(), upload.name)
        if result is None:
            st.error(t("national_errors", lang), icon=":material/error:")
            finding_boxes(findings, lang)
            return
        st.markdown(f"**{t('national_preview', lang)}**")
        national_result(view, lang, findings, result, upload.name, key="preview")
        if st.button(t("national_publish", lang), type="primary", icon=":material/publish:", key="national_publish"):
            try:
                store.publish_national_table(upload.name, upload.getvalue(), actor)
            except StoreWriteError as error:
                st.error(t(f"store_write_{error.reason}", lang), icon=":material/error:")
                return
            st.session_state.pop("national_upload", None)
            st.rerun()


def national_result(view: ReportView, lang: str, findings: list, result: Any, filename: str, key: str) -> None:
    """Findings, Lào Cai's position, the ranking chart and the national map of one read table."""
    table, ranking = result
    province = view.province
    findings = [*findings, *cross_check(table, ranking, province.get("national_rank"), province.get("provinces_total"))]
    finding_boxes(findings, lang)
    title = t(f"national_rate_{table.basis}", lang)
    lao_cai = ranking.filter(pl.col("is_lao_cai") & pl.col("rank").is_not_null())
    if lao_cai.height:
        st.markdown(
            "**"
            + t(
                "national_position_line",
                lang,
                rank=lao_cai["rank"][0],
                total=ranking["rate"].drop_nulls().len(),
                rate=format_pct(lao_cai["rate"][0], 2, lang),
            )
            + "**"
        )
    chart_column, map_column = st.columns([1, 1])
    with chart_column:
        st.altair_chart(national_bar_chart(ranking, lang, title), width="stretch")

        def chart_picture() -> bytes:
            from lc_metrics.publish.chart_images import national_ranking_png

            return national_ranking_png(
                ranking, title=title, subtitle=t("national_table_source", lang, file=filename), lang=lang
            )

        png_button(chart_picture, t("file_national_ranking", lang), view, lang, key=f"national_chart_png_{key}")
    with map_column:
        st.markdown(f"**{t('national_map_title', lang)}**")
        national_map(ranking, lang, title, view, filename, key)


def national_map(ranking: pl.DataFrame, lang: str, title: str, view: ReportView, filename: str, key: str) -> None:
    state = boundary_state("provinces")
    rates = dict(zip(ranking["code"], ranking["rate"]))
    classification = classify("national_rate", list(rates.values()), percent=True)
    labels = classification.labels(lang)
    points = {}
    if state.shapes is not None:
        frame = state.shapes.frame
        points = {c: (lon, lat) for c, lon, lat in zip(frame["code"], frame["label_lon"], frame["label_lat"])}
    units = []
    for province in load_provinces():
        value = rates.get(province.code)
        index = classification.class_of(value)
        lon, lat = points.get(province.code, (province.lon, province.lat))
        units.append(
            MapUnit(
                province.code,
                province.short_name,
                value,
                format_pct(value, 2, lang),
                t("legend_no_data", lang) if index is None else labels[index],
                classification.colour_of(value),
                lon,
                lat,
                highlight=province.code == LAO_CAI_CODE,
            )
        )
    if state.shapes is not None:
        deck = choropleth_deck(
            units,
            state.shapes.frame,
            metric_label=title,
            label_codes=[LAO_CAI_CODE],
            label_size=15,
            height_px=NATIONAL_MAP_HEIGHT_PX,
        )
    else:
        deck = marker_deck(
            units,
            metric_label=title,
            label_codes=[LAO_CAI_CODE],
            max_radius_m=30000.0,
            height_px=NATIONAL_MAP_HEIGHT_PX,
        )
    st.pydeck_chart(deck, height=NATIONAL_MAP_HEIGHT_PX, width="stretch", key=f"national_map_{key}")
    class_legend(classification, units, title, lang)
    frame = state.shapes.frame if state.shapes is not None else None

    def map_picture() -> bytes:
        from geo.render import map_png

        return map_png(
            units,
            frame,
            classification,
            title=title,
            subtitle=t("national_table_source", lang, file=filename),
            lang=lang,
            label_codes=[LAO_CAI_CODE],
        )

    png_button(map_picture, t("file_national_map", lang), view, lang, key=f"national_map_png_{key}")
    line = source_line(state, lang)
    if line:
        st.caption(line)
    user = current_user()
    boundary_notices(state, lang, show_download=user is not None and user.role == "admin")
