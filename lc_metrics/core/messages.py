"""The message catalog: every text the app, the exports and the command line show, in
Vietnamese (default) and English. Keys are English names of what the text is.

``t(key, lang, **params)`` fills ``{placeholders}``; :func:`describe_finding` renders a finding
with its location. Numbers in parameters are formatted by the caller (Vietnamese style).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from lc_metrics.core.districts import district_by_code, match_district
from lc_metrics.core.findings import Finding, Location
from lc_metrics.core.formatting import (
    format_date,
    format_number,
    format_pct,
    format_signed,
    format_timestamp,
    format_value,
    format_values,
    round_half_up,
)
from lc_metrics.core.numbers import NotANumberError, parse_count, parse_rate
from lc_metrics.core.provinces import province_by_code

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"

MESSAGES: dict[str, tuple[str, str]] = {
    # --- app chrome
    "app_title": (
        "Theo dõi ứng dụng CNTT phòng, chống dịch Covid-19 — tỉnh Lào Cai",
        "Digital epidemic-control tools — Lào Cai province",
    ),
    "app_short_title": ("Lào Cai — Bluezone & QR", "Lào Cai — Bluezone & QR"),
    "language": ("Ngôn ngữ", "Language"),
    "page_overview": ("Tổng quan", "Overview"),
    "page_tables": ("Bảng số liệu", "Data tables"),
    "as_of_stamp": ("Số liệu tính đến {date}", "Figures as of {date}"),
    "source_line": ("Nguồn: {document}", "Source: {document}"),
    "snapshot_select": ("Kỳ báo cáo", "Report"),
    "link_metric_without_figures": (
        "Báo cáo này không có đủ số liệu “{requested}” theo từng địa phương (chỉ tiêu ghi trong đường dẫn): trang "
        "đang hiển thị “{shown}”.",
        "This report has too few district figures of “{requested}” (the indicator named in the link): the page "
        "shows “{shown}”.",
    ),
    "link_metric_not_here": (
        "Trang này không có chỉ tiêu “{requested}” (ghi trong đường dẫn): trang đang hiển thị “{shown}”.",
        "This page does not show “{requested}” (the indicator named in the link): it shows “{shown}”.",
    ),
    "link_metric_unknown": (
        "“{requested}” (ghi trong đường dẫn) không phải là một chỉ tiêu của ứng dụng: trang đang hiển thị “{shown}”.",
        "“{requested}” (in the link) is not an indicator of this app: the page shows “{shown}”.",
    ),
    "link_district_unknown": (
        "“{requested}” (ghi trong đường dẫn) không phải là mã của một huyện, thị xã, thành phố trong tỉnh: chưa "
        "chọn địa phương nào.",
        "“{requested}” (in the link) is not the code of a district of the province: no district is selected.",
    ),
    "snapshot_not_found": (
        "Không có báo cáo số {requested} (ghi trong đường dẫn) trong các báo cáo đã công bố: đường dẫn cũ, ghi sai "
        "hoặc báo cáo đã bị thu hồi. Trang đang hiển thị báo cáo mới nhất, số liệu tính đến ngày {as_of}.",
        "The link names report {requested}, which is not among the published reports (an old or mistyped link, or a "
        "withdrawn report). This page shows the latest report, figures as of {as_of}.",
    ),
    "store_error": (
        "Không mở được kho dữ liệu ({path}): {error}. Kiểm tra biến môi trường LCM_STORE và quyền ghi.",
        "The data store ({path}) could not be opened: {error}. Check LCM_STORE and write permissions.",
    ),
    "store_write_full": (
        "Không lưu được: ổ đĩa (hoặc kho dữ liệu) đã đầy. Không có gì bị ghi dở; báo quản trị hệ thống giải phóng dung lượng rồi công bố lại.",
        "Not saved: the disk (or the data store) is full. Nothing was half-written; ask the system administrator to free space, then publish again.",
    ),
    "store_write_read_only": (
        "Không lưu được: kho dữ liệu chỉ cho phép đọc. Không có gì bị ghi; báo quản trị hệ thống kiểm tra quyền ghi của tệp kho dữ liệu.",
        "Not saved: the data store is read-only. Nothing was written; ask the system administrator to check its write permission.",
    ),
    "store_write_unavailable": (
        "Không lưu được: kho dữ liệu không ghi được lúc này. Không có gì bị ghi; thử lại sau ít phút.",
        "Not saved: the data store cannot be written just now. Nothing was written; try again in a few minutes.",
    ),
    "store_lost": (
        "Kho dữ liệu ({path}) đã bị xóa hoặc thay thế: chưa có kỳ báo cáo nào để hiển thị. Quản trị hệ thống khôi phục bản sao lưu (python -m lc_metrics restore TỆP) hoặc bắt đầu lại (python -m lc_metrics init --seed).",
        "The data store ({path}) was deleted or replaced: there is no report to show. The system administrator restores a backup (python -m lc_metrics restore FILE) or starts again (python -m lc_metrics init --seed).",
    ),
    "unexpected_error": (
        "Trang này gặp lỗi ngoài dự kiến và chưa hiển thị được. Vui lòng tải lại trang; nếu lỗi vẫn còn, báo quản trị hệ thống mã lỗi {reference}.",
        "This page met an unexpected error and could not be shown. Please reload the page; if the error remains, give the system administrator the error code {reference}.",
    ),
    "file_appendix1": ("phu_luc_1", "appendix_1"),
    "file_appendix2": ("phu_luc_2", "appendix_2"),
    "file_appendix3": ("phu_luc_3", "appendix_3"),
    "file_map": ("ban_do", "map"),
    "file_ranking": ("xep_hang", "ranking"),
    "file_national_ranking": ("xep_hang_toan_quoc", "national_ranking"),
    "file_national_map": ("ban_do_toan_quoc", "national_map"),
    "uploader_button": ("Chọn tệp", "Choose files"),
    "uploader_limit": (
        "Kéo thả tệp vào đây • tối đa {size} MB mỗi tệp • {types}",
        "Drag files here • up to {size} MB per file • {types}",
    ),
    "no_snapshot": ("Chưa có kỳ báo cáo nào trong kho dữ liệu.", "The data store holds no report yet."),
    # --- KPIs
    "kpi_installs": ("Lượt cài đặt Bluezone", "Bluezone installs"),
    "kpi_population_pct": ("Tỷ lệ trên dân số", "Share of population"),
    "kpi_coverage_pct": ("Tỷ lệ trên số ĐTTM", "Share of smartphones"),
    "kpi_national_rank": ("Xếp hạng toàn quốc", "National rank"),
    "kpi_qr_points": ("Điểm kiểm dịch QR", "QR check-in points"),
    "kpi_qr_points_no_scan": ("Điểm không ghi nhận vào ra", "Points with no scan"),
    "kpi_no_scan_pct": ("Tỷ lệ không ghi nhận vào ra", "No-scan rate"),
    "kpi_scans_total": ("Lượt ghi nhận vào ra từ đầu năm", "Scans since the start of the year"),
    "kpi_scans_per_point": ("Lượt quét bình quân mỗi điểm", "Scans per point"),
    "kpi_public_share_pct": ("Tỷ lệ điểm công cộng", "Share of public-venue points"),
    "kpi_partial_context": (
        "số liệu của {reported}/{districts} địa phương có báo cáo",
        "from the {reported} of {districts} districts that reported",
    ),
    "kpi_public_share_context": (
        "trên {points} điểm đã phân loại ({reported}/{districts} địa phương báo cáo)",
        "of {points} points reported by type ({reported} of {districts} districts)",
    ),
    "kpi_help_button": ("Giải thích chỉ tiêu {label}", "What {label} measures"),
    "kpi_list_label": ("Các chỉ tiêu: {section}", "Indicators: {section}"),
    "kpi_help_population_pct": (
        "Số máy cài đặt Bluezone so với dân số toàn tỉnh.",
        "Bluezone installs as a share of the province population.",
    ),
    "kpi_help_coverage_pct": (
        "Số máy cài đặt Bluezone so với tổng số điện thoại thông minh.",
        "Bluezone installs as a share of all smartphones.",
    ),
    "kpi_help_national_rank": (
        "Thứ hạng của tỉnh về tỷ lệ cài đặt Bluezone trong {total} tỉnh, thành phố.",
        "The province's rank on the Bluezone installation rate among {total} provinces.",
    ),
    "kpi_help_no_scan_pct": (
        "Công văn coi tỷ lệ trên {threshold} là chưa đạt yêu cầu.",
        "The dispatch treats a rate above {threshold} as a problem.",
    ),
    "kpi_help_public_share_pct": (
        "Điểm công cộng / (công cộng + cơ quan nhà nước), {reported}/{districts} địa phương có báo cáo.",
        "Public-venue / (public-venue + state-agency) points, {reported} of {districts} districts reporting.",
    ),
    "rank_value": ("{rank}/{total}", "{rank}/{total}"),
    "rank_change_up": ("tăng {n} bậc", "up {n} places"),
    "rank_change_down": ("giảm {n} bậc", "down {n} places"),
    "change_vs_previous": ("so với kỳ {date}", "vs {date}"),
    "section_bluezone": ("Bluezone", "Bluezone"),
    "section_qr": ("Điểm kiểm dịch điện tử (QR code)", "Electronic QR check-in points"),
    "section_quality": ("Chất lượng số liệu", "Data quality"),
    "quality_summary": (
        "Số liệu nguồn có {count} điểm cần lưu ý ({warnings} cảnh báo) — bấm để xem chi tiết",
        "The source figures have {count} points to note ({warnings} warnings) — open for the detail",
    ),
    "quality_summary_none": (
        "Số liệu nguồn khớp nhau, không có điểm cần lưu ý",
        "The source figures agree: nothing to note",
    ),
    "quality_intro": (
        "Các điểm chưa khớp trong số liệu nguồn được nêu nguyên trạng, không tự sửa.",
        "Discrepancies in the source data are listed as they are, never corrected silently.",
    ),
    "quality_none": ("Không phát hiện điểm chưa khớp.", "No discrepancies found."),
    "overview_lagging": (
        "Địa phương có tỷ lệ cài đặt Bluezone thấp nhất: {names}.",
        "Lowest Bluezone coverage: {names}.",
    ),
    "overview_alert": (
        "{count}/{districts} địa phương có tỷ lệ điểm không ghi nhận vào ra trên {threshold}.",
        "{count} of {districts} districts have a no-scan rate above {threshold}.",
    ),
    # --- overview: status strip and ranked district charts
    "status_strip_label": ("Tình hình chung", "Where the province stands"),
    "status_coverage": ("Bluezone trên số ĐTTM", "Bluezone per smartphone"),
    "status_rank": ("xếp thứ {rank}/{total} toàn quốc", "ranked {rank} of {total} nationally"),
    "status_rank_none": ("chưa có xếp hạng toàn quốc", "no national rank"),
    "status_coverage_context": ("{rank}; {population} dân số", "{rank}; {population} of the population"),
    "status_no_scan": ("Điểm QR không ghi nhận vào ra", "QR points never scanned"),
    "status_no_scan_over": ("vượt ngưỡng cảnh báo {threshold}", "over the {threshold} alert"),
    "status_no_scan_under": ("chưa vượt ngưỡng cảnh báo {threshold}", "within the {threshold} alert"),
    "status_alert_districts": ("Địa phương vượt ngưỡng", "Districts over the alert"),
    "status_alert_districts_context": (
        "có tỷ lệ điểm không ghi nhận vào ra trên {threshold}",
        "with a no-scan rate above {threshold}",
    ),
    "status_scans_per_point": ("Lượt quét bình quân mỗi điểm", "Scans per check-in point"),
    "status_scans_per_point_context": ("tính từ đầu năm", "since January"),
    "tile_map_alt": (
        "Sơ đồ các địa phương (mỗi ô một địa phương, đặt gần vị trí thực), tô màu theo {metric}: {listing}.",
        "Schematic map of the districts (one tile each, near its real position), coloured by {metric}: {listing}.",
    ),
    "history_multiples_note": (
        "Mỗi ô một địa phương; đường đứt nét màu xám: toàn tỉnh. {note}",
        "One panel per district; dashed grey line: the province. {note}",
    ),
    "nav_menu_label": ("Các trang", "Pages"),
    "nav_menu_open": ("Mở danh sách các trang", "Open the list of pages"),  # a screen reader's name of the button
    "nav_menu_close": ("Đóng danh sách các trang", "Close the list of pages"),
    # Streamlit's other English names for a screen reader, in the page's language
    "aria_sidebar": ("Thanh bên", "Sidebar"),
    "aria_page_list": ("Các trang của ứng dụng", "The app's pages"),
    "aria_heading_link": ("Liên kết đến mục này", "Link to this section"),
    "aria_select_open": ("Mở danh sách lựa chọn", "Open the list of choices"),
    "aria_select_placeholder": ("Chọn một mục", "Choose an option"),
    "aria_choose_date": ("Chọn ngày trên lịch", "Choose the date on a calendar"),
    "aria_date_day": ("ngày", "day"),
    "aria_date_month": ("tháng", "month"),
    "aria_date_year": ("năm", "year"),
    "aria_file_input": ("Chọn tệp để tải lên", "Choose a file to upload"),
    "status_no_previous": (
        "Chưa có báo cáo kỳ trước để so sánh thay đổi.",
        "No earlier report to compare with.",
    ),
    "status_chart_coverage_pct": ("Tỷ lệ cài đặt Bluezone trên số ĐTTM", "Bluezone coverage of smartphones"),
    "status_chart_no_scan_pct": ("Tỷ lệ điểm không ghi nhận vào ra", "No-scan rate of QR points"),
    "status_chart_alert_note": (
        "Màu đỏ: địa phương trên ngưỡng cảnh báo {threshold}.",
        "Red: districts above the {threshold} alert.",
    ),
    "status_chart_laggard_none": (
        "Chưa tô đỏ địa phương nào: cần số liệu của trên {count} địa phương để chỉ ra {count} địa phương thấp nhất.",
        "No district in red: the {count} lowest are shown once more than {count} districts have figures.",
    ),
    "status_chart_laggard_note": (
        "Màu đỏ: {count} địa phương thấp nhất.",
        "Red: the {count} lowest districts.",
    ),
    "status_chart_province": ("Toàn tỉnh {value}", "Province {value}"),
    "status_chart_threshold": ("Ngưỡng {value}", "Alert {value}"),
    "status_chart_description": ("{title}, theo địa phương: {listing}.", "{title}, by district: {listing}."),
    "status_chart_table_link": ("Xem bảng số liệu đầy đủ", "See the full table"),
    # --- tables page
    "appendix1_title": ("Phụ lục 1: Tình hình triển khai Bluezone", "Appendix 1: Bluezone roll-out"),
    "appendix2_title": ("Phụ lục 2: Tình hình triển khai điểm kiểm dịch", "Appendix 2: QR check-in points"),
    "appendix3_title": (
        "Phụ lục 3: Tình hình triển khai điểm kiểm dịch công cộng",
        "Appendix 3: Public-venue and state-agency check-in points",
    ),
    "appendix1_rank_note": (
        "(Lào Cai đứng thứ {rank}/{total} tỉnh thành về tỷ lệ cài đặt Bluezone)",
        "(Lào Cai ranks {rank} of {total} provinces on the Bluezone installation rate)",
    ),
    "appendix2_total_points": (
        "Tổng số điểm kiểm dịch trên địa bàn tỉnh: {value};",
        "QR check-in points in the province: {value};",
    ),
    "appendix2_no_scan": (
        "Số điểm kiểm dịch không ghi nhận lượt vào ra: {value};",
        "Points that never recorded a scan: {value};",
    ),
    "appendix2_scans": (
        "Tổng số lượt ghi nhận vào ra trên tỉnh từ đầu năm đến nay: {value}.",
        "Scans recorded in the province since the start of the year: {value}.",
    ),
    "appendix3_note": (
        "Ghi chú: Số liệu tại Phụ lục 3 do các huyện, thị xã, thành phố báo cáo.",
        "Note: appendix 3 figures are as reported by the districts.",
    ),
    "not_reported": ("không có báo cáo", "not reported"),
    # as the dispatch writes it ("Huyện Văn Bàn (huyện không có báo cáo)"), with the unit's own kind: a city is no huyện
    "not_reported_label_district": ("{name} (huyện không có báo cáo)", "{name} (no report)"),
    "not_reported_label_town": ("{name} (thị xã không có báo cáo)", "{name} (no report)"),
    "not_reported_label_city": ("{name} (thành phố không có báo cáo)", "{name} (no report)"),
    "col_stt": ("STT", "No."),
    "col_district": ("Địa phương", "District"),
    "col_installs": ("Tổng số cài đặt Bluezone", "Bluezone installs"),
    "col_smartphones": ("Tổng điện thoại thông minh", "Smartphones"),
    "col_coverage_pct": ("Tỷ lệ (%)", "Rate (%)"),
    "col_qr_points": ("Số điểm kiểm dịch", "Check-in points"),
    "col_qr_points_no_scan": ("Số không ghi nhận vào ra", "Points with no scan"),
    "col_no_scan_pct": ("Tỷ lệ không ghi nhận vào ra (%)", "No-scan rate (%)"),
    "col_public_points": ("Số điểm kiểm dịch công cộng", "Public-venue points"),
    "col_state_points": ("Số điểm kiểm dịch cơ quan nhà nước", "State-agency points"),
    "col_recorded_pct": ("Tỷ lệ có ghi nhận (%)", "Share with scans (%)"),
    "col_public_share_pct": ("Tỷ lệ điểm công cộng (%)", "Public-venue share (%)"),
    "col_rank": ("Xếp hạng", "Rank"),
    "col_scans_per_point": ("Lượt quét/điểm", "Scans per point"),
    "col_over_threshold": ("Trên {threshold}", "Above {threshold}"),
    "province_row": ("Tỉnh Lào Cai", "Lào Cai province"),
    "upload_partial_sum": (
        "{value} (cộng {reported}/{districts} địa phương)",
        "{value} (total of {reported} of {districts} districts)",
    ),
    "province_row_partial": (
        "Cộng {reported}/{districts} địa phương có báo cáo",
        "Total of the {reported} of {districts} districts that reported",
    ),
    "appendix_partial_note": (
        "Báo cáo không có số tổng của tỉnh: số cộng là của {reported}/{districts} địa phương có báo cáo.",
        "The report gives no province totals: the totals are those of the {reported} of {districts} districts "
        "that reported.",
    ),
    "tables_as_printed": ("Như công văn", "As in the dispatch"),
    "tables_computed": ("Có cột tính toán (sắp xếp được)", "With computed columns (sortable)"),
    "tables_highlight_note": (
        "Dòng tô màu: tỷ lệ không ghi nhận vào ra trên {threshold}.",
        "Highlighted rows: no-scan rate above {threshold}.",
    ),
    "table_sort_hint": (
        "Bấm vào tiêu đề cột để sắp xếp; bấm lần thứ ba để trở về thứ tự như công văn.",
        "Click a column heading to sort; a third click returns to the dispatch's order.",
    ),
    "table_row_over_threshold": ("trên ngưỡng {threshold}", "above {threshold}"),
    "download_csv": ("Tải CSV", "Download CSV"),
    "download_xlsx": ("Tải Excel (XLSX)", "Download Excel (XLSX)"),
    # --- data-quality findings
    "finding_total_mismatch": (
        "{measure}: tổng của các địa phương là {district_sum}, số toàn tỉnh là {province_total} (chênh lệch {difference}{unattributed}).",
        "{measure}: districts sum to {district_sum}, the province total is {province_total} (difference {difference}{unattributed}).",
    ),
    "unattributed_suffix": ("; số chưa phân bổ về địa phương", "; not attributed to a district"),
    "unattributed_with_missing_suffix": (
        "; gồm số của {count} địa phương không có báo cáo và số chưa phân bổ về địa phương (nếu có)",
        "; the figures of the {count} districts that did not report, and any not attributed to a district",
    ),
    "finding_printed_rate_mismatch": (
        "{measure} {where}: in {printed}, tính từ số liệu được {computed} (chênh lệch {difference}).",
        "{measure} {where}: printed {printed}, the counts give {computed} (difference {difference}).",
    ),
    "finding_rate_rounded_in_two_steps": (
        "{measure} toàn tỉnh in {printed} là tỷ lệ {two_decimals}% làm tròn tiếp đến {precision} (làm tròn trực tiếp từ {computed} sẽ được {direct}).",
        "The province {measure} printed {printed} is {two_decimals}% rounded again to {precision} (rounding {computed} directly gives {direct}).",
    ),
    "finding_text_figure_rounded": (
        "{measure} toàn tỉnh ghi trong lời văn là {written}: đó là {computed} làm tròn đến {precision}.",
        "{measure} in the province, written in the text as {written}, is {computed} rounded to {precision}.",
    ),
    "precision_whole": ("hàng đơn vị", "a whole number"),
    "precision_decimals": ("{decimals} chữ số thập phân", "{decimals} decimal places"),
    "precision_one_decimal": ("1 chữ số thập phân", "1 decimal place"),
    "finding_ambiguous_number_confirmed": (
        "{district}: số điểm in là “{text}” (dấu phẩy ngăn cách hàng nghìn, khác các dòng khác); đọc là {value} vì {numerator}/{value} = {computed}, khớp tỷ lệ in {printed_pct}.",
        "{district}: the count is printed “{text}”, with a comma (in Vietnamese the decimal mark; the other rows group thousands with a point); it is read as {value} points, the comma taken as grouping thousands, because {numerator}/{value} = {computed}, matching the printed rate {printed_pct}.",
    ),
    "finding_ambiguous_number_unconfirmed": (
        "{district}: số “{text}” có thể hiểu nhiều cách; đã đọc là {value} nhưng tỷ lệ in {printed_pct} không khớp ({computed}). Đề nghị kiểm tra lại.",
        "{district}: “{text}” is ambiguous; read as {value}, but the printed rate {printed_pct} does not match ({computed}). Please check.",
    ),
    "finding_ambiguous_number": (
        "{district}: số “{text}” có thể hiểu nhiều cách; đã đọc là {value}.",
        "{district}: “{text}” is ambiguous; read as {value}.",
    ),
    "finding_district_not_reported": (
        "{name}: không có báo cáo ở {table} (để trống, không tính là 0).",
        "{name}: did not report {table} (left blank, not counted as zero).",
    ),
    "finding_district_missing": ("{name}: không có trong {table}.", "{name}: absent from {table}."),
    "finding_appendix_absent": ("Kỳ báo cáo này không có số liệu {table}.", "This report has no figures for {table}."),
    "finding_categories_partial": (
        "Phụ lục 3 phân loại {categorised} điểm (công cộng + cơ quan nhà nước) trên tổng số {points} điểm của {reporting}/{districts} địa phương có báo cáo.",
        "Appendix 3 classifies {categorised} points (public-venue + state-agency) of the {points} points of the {reporting} of {districts} districts that reported.",
    ),
    "finding_no_scan_over_threshold": (
        "{count}/{districts} địa phương có tỷ lệ điểm không ghi nhận vào ra trên {threshold}: {names}; toàn tỉnh {province_pct}.",
        "{count} of {districts} districts have a no-scan rate above {threshold}: {names}; province {province_pct}.",
    ),
    "finding_text_total_mismatch": (
        "{measure}: văn bản in {printed}, dòng tổng của bảng là {table_total}.",
        "{measure}: the text prints {printed}, the table's total row {table_total}.",
    ),
    "finding_district_fuzzy_match": ("“{value}” được hiểu là {name}.", "“{value}” was read as {name}."),
    "finding_unknown_district": (
        "“{value}” không phải là huyện, thị xã, thành phố của tỉnh Lào Cai. Sửa tên hoặc xóa dòng này.",
        "“{value}” is not a district of Lào Cai province. Correct the name or delete the row.",
    ),
    "finding_duplicate_district": (
        "“{value}” xuất hiện lần thứ hai (lần đầu ở dòng {first_row}). Giữ một dòng cho mỗi địa phương.",
        "“{value}” appears twice (first at row {first_row}). Keep one row per district.",
    ),
    "finding_number_full_width": (
        "“{value}” được gõ bằng chữ số toàn độ rộng (bộ gõ tiếng Trung, Nhật): đọc là {read}. Kiểm tra lại, "
        "nên gõ lại bằng chữ số thường.",
        "“{value}” is typed in full-width digits (a Chinese or Japanese input method): read as {read}. Check it; "
        "better typed again in ordinary digits.",
    ),
    "finding_count_typed_as_decimal": (
        "{district}: ô này lưu số thập phân “{value}”, không phải số nguyên (thường do gõ “{typed}” trên máy tính dùng "
        "dấu chấm làm dấu thập phân). Nếu số liệu là {whole}, nhập “{plain}” (không gõ dấu phân cách hàng nghìn).",
        "{district}: this cell holds the decimal number “{value}”, not a whole number (usually “{typed}” typed on a "
        "computer whose decimal mark is the point). If the figure is {whole}, type “{plain}” (no thousands separator).",
    ),
    "finding_not_a_number": (
        "{district}: “{value}” không phải là số. Nhập số (ví dụ 1.512) hoặc để trống nếu không có báo cáo.",
        "{district}: “{value}” is not a number. Enter a number (e.g. 1,512) or leave it blank if not reported.",
    ),
    "finding_number_too_large": (
        "{district}: số “{value}” quá lớn, không thể là số liệu của một địa phương. Kiểm tra lại ô này.",
        "{district}: “{value}” is far too large for a district's figure. Check this cell.",
    ),
    "finding_negative_number": (
        "{district}: số âm “{value}”. Số lượng không thể âm.",
        "{district}: negative value “{value}”. Counts cannot be negative.",
    ),
    "finding_row_without_district": (
        "dòng có số liệu nhưng không có tên địa phương (“{text}”): mỗi địa phương một dòng; nếu ô tên được gộp qua nhiều dòng, bỏ gộp và ghi tên ở từng dòng.",
        "a row has figures but no district name (“{text}”): one row per district; if the name cell is merged over several rows, unmerge it and name each row.",
    ),
    "finding_district_not_reported_written": (
        "{name}: không có báo cáo ở {table} (ô số liệu ghi “{written}”, để trống, không tính là 0).",
        "{name}: did not report {table} (the figure cell says “{written}”; left blank, not counted as zero).",
    ),
    "finding_filtered_rows_read": (
        "Các dòng {rows} bị bộ lọc (AutoFilter) ẩn đi vẫn được đọc: bộ lọc chỉ ẩn dòng khi xem, số liệu trong "
        "các dòng này vẫn là số liệu của bảng.",
        "Rows {rows}, hidden by a filter (AutoFilter), were read: a filter only hides rows from view, their "
        "figures are still the table's.",
    ),
    "finding_hidden_ignored": (
        "Các dòng ẩn ({rows}) và cột ẩn ({columns}) không được đọc: ứng dụng chỉ đọc những gì trang tính hiển thị.",
        "Hidden rows ({rows}) and columns ({columns}) were not read: only what the sheet shows is read.",
    ),
    "finding_hidden_rows_ignored": (
        "Các dòng ẩn ({rows}) không được đọc: ứng dụng chỉ đọc những gì trang tính hiển thị.",
        "Hidden rows ({rows}) were not read: only what the sheet shows is read.",
    ),
    "finding_hidden_columns_ignored": (
        "Các cột ẩn ({columns}) không được đọc: ứng dụng chỉ đọc những gì trang tính hiển thị.",
        "Hidden columns ({columns}) were not read: only what the sheet shows is read.",
    ),
    "finding_hidden_sheet_ignored": ("Trang ẩn “{sheet}” không được đọc.", "The hidden sheet “{sheet}” was not read."),
    "finding_columns_ignored": (
        "Các cột được nhận ra và bỏ qua (không lấy số liệu): {columns}.",
        "Columns recognised and left out (not read as figures): {columns}.",
    ),
    "finding_note_figure_not_read": (
        "Không rõ số liệu trong dòng ghi chú “{text}” thuộc chỉ tiêu nào: không sử dụng.",
        "The figure in the note “{text}” names no known measure: not used.",
    ),
    "finding_note_figures_disagree": (
        "Các dòng ghi chú ghi hai giá trị khác nhau cho {field}: {first} và {second}; dùng giá trị đầu tiên.",
        "The notes give two values for {field}: {first} and {second}; the first is used.",
    ),
    "finding_commune_rows_ignored": (
        "{count} dòng xã, phường, thị trấn không được cộng vào số liệu của huyện (tránh tính hai lần).",
        "{count} commune, ward or town row(s) were not added to the districts (no double counting).",
    ),
    "finding_group_rows_ignored": (
        "Các dòng cộng theo nhóm (dòng {rows}) không được tính là huyện hay tổng toàn tỉnh.",
        "Group subtotal rows ({rows}) are neither districts nor the province total.",
    ),
    "finding_period_chosen": (
        "Tệp có số liệu của nhiều kỳ: đọc các cột của kỳ này ({chosen}); bỏ qua các cột {ignored}.",
        "The file holds several periods: the current period's columns are read ({chosen}); ignored: {ignored}.",
    ),
    "finding_column_unsure": (
        "tiêu đề “{header}” có thể là {field} nhưng chưa chắc chắn. Xác nhận ở bước “Đối chiếu cột” (bấm “Áp dụng và kiểm tra lại”), hoặc dùng --layout khi nhập bằng dòng lệnh.",
        "the header “{header}” may be {field}, but not with certainty. Confirm it in the “Column mapping” step (press “Apply and check again”), or use --layout on the command line.",
    ),
    "finding_column_not_understood": (
        "không hiểu cột này: tiêu đề “{header}” không cho biết đây là chỉ tiêu nào (số liệu: {samples}). Chọn chỉ tiêu của cột, hoặc “Bỏ qua cột này”, ở bước “Đối chiếu cột” (không phải sửa tệp); hoặc đổi tiêu đề theo tệp mẫu.",
        "this column is not understood: its header “{header}” names no measure (values: {samples}). Choose its measure, or “Skip this column”, in the “Column mapping” step (no need to fix the file); or rename it as in the template.",
    ),
    "finding_appendix_incomplete": (
        "Bảng có cột {present} của {table} nhưng thiếu cột {missing}. Bổ sung cột này hoặc chọn chỉ tiêu cho cột ở bước đối chiếu cột.",
        "The table has {present} of {table} but no column for {missing}. Add it, or map it in the column-mapping step.",
    ),
    "finding_table_not_understood": (
        "Bảng có tên các huyện nhưng không nhận ra cột số liệu nào của các phụ lục (các cột: {columns}). Chọn chỉ tiêu cho từng cột ở bước “Đối chiếu cột” (không phải sửa tệp), hoặc đổi tiêu đề theo tệp mẫu.",
        "The table lists districts but none of its columns is an appendix measure (columns: {columns}). Map each column in the “Column mapping” step (no need to fix the file), or rename them as in the template.",
    ),
    "finding_field_in_several_columns": (
        "{field} có ở nhiều cột ({columns}) mà không rõ cột nào là số liệu kỳ này. Xóa các cột của kỳ trước, hoặc ghi rõ “Kỳ này”/“Kỳ trước” (hoặc ngày) ở tiêu đề.",
        "{field} appears in several columns ({columns}) and none is marked as the current period. Delete the previous period's columns, or mark the headers “Kỳ này”/“Kỳ trước” (or with dates).",
    ),
    "finding_district_former_name": (
        "“{value}” được hiểu là {name} (tên đơn vị hành chính trước đây).",
        "“{value}” was read as {name} (its former unit name).",
    ),
    "finding_code_column_disagrees": (
        "Cột mã ghi {code} bên cạnh “{value}”, nhưng mã của {name} là {own_code} (thường do chỉ sắp xếp lại "
        "một cột). Sửa mã hoặc tên ở dòng này cho khớp nhau rồi tải lại tệp.",
        "The code column says {code} beside “{value}”, but the code of {name} is {own_code} (usually one column "
        "sorted without the other). Make the code and the name of this row agree, then upload the file again.",
    ),
    "finding_code_name_conflict": (
        "“{value}”: mã {code} không phải mã của địa phương có tên này. Sửa mã hoặc tên.",
        "“{value}”: code {code} is not the code of the district named. Correct the code or the name.",
    ),
    "finding_other_province": (
        "“{text}”: đây là số liệu của tỉnh khác, không phải tỉnh Lào Cai. Không công bố.",
        "“{text}”: these are another province's figures, not Lào Cai's. Not published.",
    ),
    "finding_label_columns_disagree": (
        "cột này cũng ghi tên địa phương nhưng ở dòng {rows} khác với cột {label_column}: hai bảng đặt cạnh nhau có thứ tự dòng khác nhau. Tách mỗi bảng ra một trang (hoặc xếp cùng thứ tự).",
        "this column also names districts, but rows {rows} differ from column {label_column}: two tables side by side in a different row order. Put each table on its own sheet (or in the same order).",
    ),
    "finding_many_rows_per_district": (
        "{rows} dòng cho {districts} địa phương: đây có vẻ là danh sách chi tiết (từng điểm, từng đơn vị), không phải bảng phụ lục tổng hợp theo huyện. Tải lên bảng tổng hợp (một dòng cho mỗi huyện).",
        "{rows} rows for {districts} districts: this looks like a detailed list (one row per point or unit), not an appendix by district. Upload the summary table (one row per district).",
    ),
    "finding_figures_in_thousands": (
        "số liệu ghi theo đơn vị nghìn hoặc triệu (“{text}”): ghi số đầy đủ (ví dụ 135.445, không ghi 135,4 nghìn) rồi tải lên lại.",
        "figures are written in thousands or millions (“{text}”): write the full numbers (e.g. 135,445, not 135.4 thousand) and upload again.",
    ),
    "finding_no_header": (
        "Có tên các huyện nhưng không có dòng tiêu đề cột phía trên. Thêm dòng tiêu đề (theo tệp mẫu).",
        "Districts are listed but there is no header row above them. Add the header row (as in the template).",
    ),
    "finding_two_total_rows": (
        "Có hai dòng tổng toàn tỉnh với số liệu khác nhau (“{first}” ở dòng {first_row} và dòng này). Giữ một dòng tổng.",
        "Two province total rows with different figures (“{first}” at row {first_row}, and this one). Keep one.",
    ),
    "finding_subtotal_without_district": (
        "Dòng “{value}” cộng các xã, phường nhưng không rõ của huyện nào. Ghi tên huyện (ví dụ “Cộng huyện Bát Xát”).",
        "Row “{value}” adds up communes of no named district. Name it (e.g. “Cộng huyện Bát Xát”).",
    ),
    "finding_communes_without_district": (
        "{count} dòng xã, phường, thị trấn không thuộc huyện nào trong bảng.",
        "{count} commune row(s) belong to no district of the table.",
    ),
    "finding_district_from_communes": (
        "{name}: dòng huyện không có số liệu; số liệu của huyện là tổng {count} dòng xã, phường, thị trấn bên dưới. Đề nghị kiểm tra.",
        "{name}: the district row has no figures; its figures are the sum of the {count} commune rows below it. Please check.",
    ),
    "finding_communes_disagree": (
        "{name}: {field} của huyện là {district_value}, tổng các xã, phường, thị trấn là {other_value}. Dùng số của dòng huyện.",
        "{name}: {field} is {district_value} for the district, {other_value} summed over its communes. The district row is used.",
    ),
    "finding_subtotal_disagrees": (
        "{name}: {field} ở dòng huyện là {district_value}, ở dòng cộng là {other_value}. Dùng số của dòng huyện.",
        "{name}: {field} is {district_value} on the district row, {other_value} on its subtotal row. The district row is used.",
    ),
    "finding_count_shown_rounded": (
        "{district}: ô lưu số {stored} nhưng hiển thị {shown}; đọc là {shown} như hiển thị. Số lượng phải là số nguyên: đề nghị kiểm tra.",
        "{district}: the cell stores {stored} but shows {shown}; read as shown ({shown}). Counts are whole numbers: please check.",
    ),
    "finding_formula_without_value": (
        "{district}: ô chứa công thức chưa được tính (tệp do chương trình tạo ra). Mở tệp bằng Excel, lưu lại rồi tải lên lại.",
        "{district}: the cell holds a formula that was never computed (a file written by a program). Open it in Excel, save it, and upload it again.",
    ),
    "finding_total_formulas_without_value": (
        "{table}: dòng toàn tỉnh chỉ có công thức chưa được tính, không có số liệu chung của tỉnh; số toàn tỉnh sẽ là tổng các huyện (không gồm số chưa phân theo huyện).",
        "{table}: the province row holds formulas that were never computed, not the province's own figures; province totals will be the district sums (unattributed figures not included).",
    ),
    "finding_no_figures": (
        "Tệp tải lên không có số liệu nào (mẫu trống?). Không có gì để công bố.",
        "The upload holds no figure at all (an empty template?). Nothing to publish.",
    ),
    "finding_appendix_not_reported": (
        "{table} được ghi là không có báo cáo ở mọi ô số liệu ({written}): kỳ báo cáo mới sẽ không có số liệu "
        "của phụ lục này; các phụ lục khác vẫn được đọc.",
        "{table} is given as not reported in every figure cell ({written}): the new report will have no figures "
        "for it; the other appendices are read.",
    ),
    "finding_appendix_empty": (
        "{table} không có số liệu nào: điền số liệu, hoặc bỏ bảng này nếu kỳ này không cập nhật.",
        "{table} holds no figure: fill it in, or remove it if it is not updated this period.",
    ),
    "finding_columns_swapped": (
        "{table}: “{first}” lớn hơn “{second}” ở {count}/{of} địa phương (dòng {rows}); hai cột có thể bị đổi chỗ. Kiểm tra lại thứ tự cột.",
        "{table}: “{first}” exceeds “{second}” in {count} of {of} districts (rows {rows}); the two columns may be swapped. Check the column order.",
    ),
    "finding_province_total_falls": (
        "{measure} toàn tỉnh giảm từ {before} (kỳ {previous_as_of}) xuống {after}, trong khi tổng các huyện tăng từ {sum_before} lên {sum_after}. Kiểm tra dòng toàn tỉnh: số liệu chung của tỉnh gồm cả số chưa phân theo huyện.",
        "The province's {measure} fell from {before} ({previous_as_of}) to {after} while the districts rose from {sum_before} to {sum_after}. Check the province row: the province's own figure includes what no district reports.",
    ),
    "finding_province_total_equals_sum": (
        "{measure} toàn tỉnh ({total}) nay đúng bằng tổng các huyện, trong khi kỳ {previous_as_of} có {unattributed} chưa phân theo huyện. Dòng toàn tỉnh có thể đang là công thức cộng hoặc để trống: ghi số liệu chung của tỉnh.",
        "The province's {measure} ({total}) now equals the district sum, while the report of {previous_as_of} had {unattributed} not attributed to any district. The province row may be a sum formula or blank: enter the province's own figure.",
    ),
    "finding_layout_profile_used": (
        "Bảng được đọc theo cách đọc đã lưu “{name}” ({saved_by} lưu ngày {saved_at}).",
        "The table was read with the saved layout “{name}” (saved by {saved_by} on {saved_at}).",
    ),
    "finding_as_of_dates_differ": (
        "Các tệp ghi ngày số liệu khác nhau: {dates}. Chọn ngày “Số liệu tính đến” của kỳ báo cáo này (hoặc sửa tệp cho thống nhất).",
        "The files state different as-of dates: {dates}. Choose the report's “figures as of” date (or correct the files).",
    ),
    "finding_as_of_missing_ignored": (
        "Tệp không ghi rõ ngày số liệu (các ngày có trong tệp: {ignored}). Chọn ngày “Số liệu tính đến”, hoặc ghi trong tệp “Số liệu tính đến ngày …”.",
        "The files state no as-of date (dates found: {ignored}). Choose the “figures as of” date, or write “Số liệu tính đến ngày …” in the file.",
    ),
    "date_role_signing": ("ngày ký", "signing date"),
    "date_role_document": ("ngày của văn bản được dẫn", "date of a cited document"),
    "date_role_plain": ("không rõ là ngày gì", "a date without context"),
    "finding_file_cell_too_long": (
        "{file}: ô {detail} dài hơn giới hạn của Excel (32.767 ký tự): tệp không phải bảng tính do người nhập. Không đọc.",
        "{file}: cell {detail} is longer than Excel allows (32,767 characters): not a spreadsheet typed by a person. Not read.",
    ),
    "finding_file_unreadable": (
        "{file}: không đọc được tệp ({detail}). Mở tệp bằng Excel, lưu lại dạng .xlsx rồi tải lên lại.",
        "{file}: the file cannot be read ({detail}). Open it in Excel, save it as .xlsx and upload it again.",
    ),
    "finding_file_damaged_text": (
        "{file}: chữ tiếng Việt trong tệp bị lỗi mã hóa hoặc gõ bằng phông TCVN3 (.VnTime) (ví dụ “{detail}”). Chuyển sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey), lưu lại dạng Excel (.xlsx) hoặc “CSV UTF-8” rồi tải lên lại.",
        "{file}: the Vietnamese text is damaged by a wrong encoding or typed in a TCVN3 (.VnTime) font (e.g. “{detail}”). Convert it to Unicode (e.g. with Unikey's converter), save it as Excel (.xlsx) or “CSV UTF-8” and upload it again.",
    ),
    "location": ("{file}{sheet}{row}{column}", "{file}{sheet}{row}{column}"),
    "location_sheet": (", trang “{sheet}”", ", sheet “{sheet}”"),
    "location_row": (", dòng {row}", ", row {row}"),
    "location_column": (", cột {column}", ", column {column}"),
    "findings_col_severity": ("Mức độ", "Severity"),
    "findings_col_file": ("Tệp", "File"),
    "findings_col_sheet": ("Trang tính", "Sheet"),
    "findings_col_row": ("Dòng", "Row"),
    "findings_col_column": ("Cột", "Column"),
    "findings_col_text": ("Nội dung", "Finding"),
    "findings_group_head": (
        "{count} trường hợp cùng loại; {listed} trường hợp đầu tiên:",
        "{count} findings of the same kind; the first {listed}:",
    ),
    "findings_group_more": (
        "… và {more} trường hợp khác cùng loại: xem đầy đủ trong bảng tải về bên dưới.",
        "… and {more} more of the same kind: see them all in the table to download below.",
    ),
    "findings_download": ("Tải bảng đầy đủ {count} phát hiện (CSV)", "Download all {count} findings (CSV)"),
    "findings_file_stem": ("phat_hien", "findings"),
    "severity_error": ("Lỗi", "Error"),
    "severity_warning": ("Cảnh báo", "Warning"),
    "severity_info": ("Ghi chú", "Note"),
    "measure_installs": ("Số cài đặt Bluezone", "Bluezone installs"),
    "measure_smartphones": ("Số điện thoại thông minh", "Smartphones"),
    "measure_qr_points": ("Số điểm kiểm dịch", "QR check-in points"),
    "measure_qr_points_no_scan": ("Số điểm không ghi nhận vào ra", "Points with no scan"),
    "measure_scans": ("Số lượt ghi nhận vào ra", "Scans"),
    "measure_scans_total": ("Số lượt ghi nhận vào ra", "Scans"),
    "measure_coverage_pct": ("Tỷ lệ cài đặt Bluezone", "Bluezone coverage"),
    "measure_no_scan_pct": ("Tỷ lệ không ghi nhận vào ra", "No-scan rate"),
    "measure_scans_per_point": ("Lượt quét bình quân mỗi điểm", "Scans per point"),
    "table_bluezone": ("Phụ lục 1 (Bluezone)", "appendix 1 (Bluezone)"),
    "table_qr_points": ("Phụ lục 2 (điểm kiểm dịch)", "appendix 2 (check-in points)"),
    "table_qr_categories": ("Phụ lục 3 (điểm công cộng, cơ quan nhà nước)", "appendix 3 (point categories)"),
    "province_level": ("toàn tỉnh", "province"),
    # --- metrics (map, ranking)
    "metric_coverage_pct": ("Tỷ lệ cài đặt Bluezone trên số ĐTTM", "Bluezone installs per smartphone"),
    "metric_population_pct": ("Tỷ lệ cài đặt Bluezone trên dân số", "Bluezone installs per inhabitant"),
    "metric_installs": ("Số máy cài đặt Bluezone", "Bluezone installs"),
    "metric_smartphones": ("Số điện thoại thông minh", "Smartphones"),
    "metric_qr_points": ("Số điểm kiểm dịch QR", "QR check-in points"),
    "metric_qr_points_no_scan": ("Số điểm không ghi nhận vào ra", "Points with no scan"),
    "metric_no_scan_pct": ("Tỷ lệ điểm không ghi nhận vào ra", "No-scan rate"),
    "metric_recorded_pct": ("Tỷ lệ điểm có ghi nhận vào ra", "Share of points with scans"),
    "metric_scans_per_point": ("Lượt quét bình quân mỗi điểm", "Scans per point"),
    "metric_public_points": ("Số điểm kiểm dịch công cộng", "Public-venue points"),
    "metric_state_points": ("Số điểm kiểm dịch cơ quan nhà nước", "State-agency points"),
    "metric_public_share_pct": ("Tỷ lệ điểm công cộng", "Public-venue share"),
    "higher_is_better": ("càng cao càng tốt", "higher is better"),
    "lower_is_better": ("càng thấp càng tốt", "lower is better"),
    # --- map page
    "page_map": ("Bản đồ", "Map"),
    "map_metric": ("Chỉ tiêu", "Indicator"),
    "map_district": ("Địa phương", "District"),
    "map_no_district": ("— Chọn địa phương —", "— Choose a district —"),
    "map_basemap": ("Nền bản đồ (cần Internet)", "Basemap (needs Internet)"),
    "map_values_on_labels": ("Hiện số liệu trên nhãn", "Show values on labels"),
    "map_caption": (
        "{metric}, số liệu tính đến {date}. Bấm vào một địa phương để xem chi tiết.",
        "{metric}, figures as of {date}. Click a district for its details.",
    ),
    "tile_map_caption": (
        "{metric}, số liệu tính đến {date}. Chọn địa phương ở ô bên dưới để xem chi tiết.",
        "{metric}, figures as of {date}. Choose a district below for its details.",
    ),
    "map_alt": (
        "Bản đồ các huyện, thị xã, thành phố tỉnh Lào Cai tô màu theo {metric}.",
        "Map of the districts of Lào Cai coloured by {metric}.",
    ),
    "legend_title": ("Chú giải", "Legend"),
    "legend_no_data": ("Không có số liệu", "No data"),
    "legend_province": ("Toàn tỉnh: {value}", "Province: {value}"),
    "legend_threshold": ("Ngưỡng cảnh báo: {threshold} ({side})", "Alert threshold: {threshold} ({side})"),
    "threshold_above": ("trên ngưỡng là chưa đạt", "above it is a problem"),
    "threshold_below": ("dưới ngưỡng là chưa đạt", "below it is a problem"),
    "legend_districts": ("{count} địa phương", "{count} districts"),
    "legend_districts_one": ("{count} địa phương", "{count} district"),
    "legend_provinces": ("{count} tỉnh, thành phố", "{count} provinces"),
    "legend_provinces_one": ("{count} tỉnh, thành phố", "{count} province"),
    "map_metric_empty": (
        "Chưa có số liệu theo địa phương cho chỉ tiêu này; chọn chỉ tiêu khác.",
        "No district has a value for this indicator; choose another.",
    ),
    "detail_title": ("Chi tiết: {name}", "Details: {name}"),
    "detail_metric": ("Chỉ tiêu", "Indicator"),
    "detail_value": ("Giá trị", "Value"),
    "detail_rank": ("Xếp hạng trong tỉnh (1 = tốt nhất)", "Rank in province (1 = best)"),
    "detail_province": ("Toàn tỉnh", "Province"),
    "detail_rank_value": ("{rank}/{total}", "{rank} of {total}"),
    "detail_clear": ("Bỏ chọn", "Clear selection"),
    # --- boundaries
    "boundary_source_configured": (
        "Ranh giới hành chính: tệp do đơn vị triển khai cấu hình ({env}).",
        "Boundaries: file configured by the deployer ({env}).",
    ),
    "boundary_source_configured_plain": (
        "Ranh giới hành chính: tệp do đơn vị triển khai hệ thống cung cấp.",
        "Boundaries: a file provided by the system's deployer.",
    ),
    "boundary_source_uploaded": (
        "Ranh giới hành chính: tệp “{filename}” do quản trị viên tải lên ({when}).",
        "Boundaries: file “{filename}” uploaded by an administrator ({when}).",
    ),
    "boundary_source_downloaded": ("Ranh giới hành chính: {attribution}.", "Boundaries: {attribution}."),
    "boundary_fallback_districts": (
        "Chưa có dữ liệu ranh giới hành chính: bản đồ huyện là sơ đồ ô (mỗi địa phương một ô, đặt gần vị trí thực, "
        "màu theo nhóm). Để vẽ ranh giới: đặt biến môi trường LCM_BOUNDARIES "
        "trỏ tới tệp GeoJSON, GeoPackage hoặc Shapefile nén (.zip), hoặc tải bản geoBoundaries (cần Internet).",
        "No boundary data: the district map is a tile diagram (one tile per district, near its real position, "
        "colour by class). To draw boundaries, set LCM_BOUNDARIES to a GeoJSON, GeoPackage or zipped Shapefile, "
        "or download geoBoundaries (needs Internet).",
    ),
    "boundary_fallback_provinces": (
        "Chưa có dữ liệu ranh giới các tỉnh, thành phố: mỗi tỉnh được thể hiện bằng một vòng tròn. Để vẽ ranh giới: "
        "đặt biến môi trường LCM_PROVINCE_BOUNDARIES trỏ tới tệp GeoJSON, GeoPackage hoặc Shapefile nén (.zip), "
        "hoặc tải bản geoBoundaries (cần Internet).",
        "No province boundaries: each province is drawn as a circle. To draw boundaries, set "
        "LCM_PROVINCE_BOUNDARIES to a GeoJSON, GeoPackage or zipped Shapefile, or download geoBoundaries (needs Internet).",
    ),
    "boundary_circles_districts": (
        "Sơ đồ: mỗi ô là một địa phương, đặt gần vị trí thực; màu theo nhóm giá trị.",
        "Diagram: each tile is one district, placed near its real position; colour by class.",
    ),
    "boundary_circles_provinces": (
        "Mỗi tỉnh, thành phố được thể hiện bằng một vòng tròn tại vị trí trung tâm.",
        "Each province is a circle at its centre.",
    ),
    "boundary_download_button": ("Tải ranh giới geoBoundaries", "Download geoBoundaries boundaries"),
    "boundary_downloading": (
        "Đang tải dữ liệu ranh giới (không quá {seconds} giây)…",
        "Downloading boundaries (at most {seconds} s)…",
    ),
    "boundary_download_failed": (
        "Không tải được dữ liệu ranh giới từ máy chủ {host}: {reason}. Bản đồ vẫn dùng dạng sơ đồ (ô vuông cho các"
        " huyện, vòng tròn cho các tỉnh); có thể tải lên tệp ranh giới ở trang này.",
        "The boundaries could not be downloaded from {host}: {reason}. The maps stay diagrams (tiles for the"
        " districts, circles for the provinces); a boundary file can be uploaded on this page.",
    ),
    "boundary_download_done": (
        "Đã tải và kiểm tra dữ liệu ranh giới (sha256 khớp).",
        "Boundaries downloaded and verified (sha256 matches).",
    ),
    "download_reason_network": (
        "không kết nối được (máy chủ của ứng dụng không ra được Internet, hoặc không tìm thấy tên máy chủ)",
        "no connection (the app's server cannot reach the Internet, or the server's name is not found)",
    ),
    "download_reason_timeout": ("quá thời gian chờ", "timed out"),
    "download_reason_http": ("máy chủ báo lỗi", "server error"),
    "download_reason_size": ("kích thước tệp không đúng", "wrong file size"),
    "download_reason_checksum": ("mã kiểm tra sha256 không khớp", "sha256 mismatch"),
    "boundary_error": (
        "Không dùng được tệp ranh giới {path}: {reason}. Bản đồ dùng dạng sơ đồ thay cho ranh giới.",
        "The boundary file {path} cannot be used: {reason}. The map is a diagram instead.",
    ),
    "boundary_reason_unreadable": ("không đọc được dưới dạng dữ liệu bản đồ", "not a readable vector file"),
    "boundary_reason_not_geojson": (
        "không phải tệp GeoJSON (nội dung không phải một đối tượng JSON có đối tượng bản đồ)",
        "not a GeoJSON file (its content is not a JSON object with features)",
    ),
    "boundary_reason_not_gpkg": ("không phải tệp GeoPackage", "not a GeoPackage file"),
    "boundary_reason_zip_member_refused": (
        "tệp .zip chứa tệp không phải thành phần của lớp bản đồ (hoặc một liên kết)",
        "the .zip holds a file that is not part of a map layer (or a link)",
    ),
    "boundary_reason_empty": ("không có đối tượng nào", "it holds no features"),
    "boundary_reason_no_crs": ("không khai báo hệ tọa độ (CRS)", "it has no coordinate reference system (CRS)"),
    "boundary_reason_no_name_column": ("không có cột tên hoặc mã đơn vị hành chính", "no name or code column"),
    "boundary_configured_missing": (
        "Tệp ranh giới được cấu hình không tồn tại ({detail}); dùng nguồn tiếp theo.",
        "The configured boundary file does not exist ({detail}); using the next source.",
    ),
    "boundary_cache_invalid": (
        "Tệp ranh giới đã tải trước đây không khớp mã kiểm tra, bị bỏ qua ({detail}).",
        "A previously downloaded boundary file fails its checksum and is ignored ({detail}).",
    ),
    "boundary_missing_districts": (
        "Tệp ranh giới thiếu {names}: thể hiện bằng vòng tròn.",
        "The boundary file lacks {names}: drawn as circles.",
    ),
    "boundary_unmatched": (
        "Đối tượng trong tệp ranh giới không khớp địa phương nào: {names}.",
        "Features in the boundary file that match no district: {names}.",
    ),
    "boundary_duplicates": (
        "Địa phương có nhiều hơn một đối tượng trong tệp ranh giới (dùng đối tượng đầu tiên): {names}.",
        "Districts with more than one feature in the boundary file (the first is used): {names}.",
    ),
    "boundary_repaired": (
        "{count} hình học không hợp lệ đã được sửa tự động.",
        "{count} invalid geometries were repaired.",
    ),
    "boundary_outside": (
        "{count} đối tượng nằm ngoài tỉnh Lào Cai được bỏ qua.",
        "{count} features outside Lào Cai province were ignored.",
    ),
    "boundary_merged": ("{name} (đã sáp nhập) được gộp vào {target}.", "{name} (merged) was folded into {target}."),
    # --- commune boundaries and the commune map (a district's communes, lc_app.maps.commune_map)
    "legend_communes": ("{count} xã, phường, thị trấn", "{count} communes"),
    "legend_communes_one": ("{count} xã, phường, thị trấn", "{count} commune"),
    "commune_map_metric": ("Tô màu các xã, phường, thị trấn theo", "Colour the communes by"),
    "commune_map_alt": (
        "Bản đồ các xã, phường, thị trấn của {name} tô màu theo {metric}.",
        "Map of the communes of {name} coloured by {metric}.",
    ),
    "commune_map_caption": (
        "Các xã, phường, thị trấn của {name} theo {metric}. Chạm hoặc di chuột vào một xã để xem số liệu; "
        "bảng dưới đây có đầy đủ số liệu của từng xã.",
        "The communes of {name} by {metric}. Tap or hover over a commune for its figures; the table below has "
        "every commune's figures.",
    ),
    "commune_map_without": (
        "Chưa có ranh giới trên bản đồ ({count}): {names}. Số liệu của các đơn vị này có trong bảng.",
        "Not on the map, no boundary ({count}): {names}. Their figures are in the table.",
    ),
    "commune_map_how": (
        "Bản đồ theo xã, phường, thị trấn sẽ hiển thị ở đây khi có tệp ranh giới xã: đặt biến môi trường "
        "LCM_COMMUNE_BOUNDARIES hoặc tải tệp lên ở trang Quản trị.",
        "A commune map appears here when a commune boundary file is configured: set LCM_COMMUNE_BOUNDARIES or "
        "upload one on the Administration page.",
    ),
    "commune_map_none_here": (
        "Tệp ranh giới xã không có xã, phường, thị trấn nào của {name}: chỉ hiển thị bảng.",
        "The commune boundary file has no commune of {name}: the table only.",
    ),
    "commune_map_error": (
        "Không dùng được tệp ranh giới xã {path}: {reason}. Chỉ hiển thị bảng.",
        "The commune boundary file {path} cannot be used: {reason}. The table only.",
    ),
    "commune_map_unmatched": (
        "Tệp ranh giới xã có {count} đối tượng không khớp xã, phường, thị trấn nào: {names}.",
        "The commune boundary file has {count} features that match no commune: {names}.",
    ),
    "admin_boundaries_communes": (
        "Ranh giới các xã, phường, thị trấn (bản đồ theo xã)",
        "Commune boundaries (commune map)",
    ),
    "boundary_none_communes": (
        "Chưa có ranh giới xã: khi chọn một huyện, các xã, phường, thị trấn chỉ hiển thị dạng bảng.",
        "No commune boundaries yet: a district's communes are shown as a table only.",
    ),
    "admin_upload_communes": (
        "Tải lên tệp ranh giới xã, phường, thị trấn (GeoJSON, GeoPackage hoặc Shapefile nén .zip; hệ tọa độ bất kỳ)",
        "Upload commune boundaries (GeoJSON, GeoPackage or zipped Shapefile; any CRS)",
    ),
    "admin_communes_how": (
        "Không có tệp ranh giới xã công khai để tải về. Cách khớp: theo mã xã (5 chữ số) nếu tệp có cột mã; "
        "nếu không, theo tên xã trong huyện của nó — huyện lấy từ cột tên hoặc mã huyện, hoặc theo vị trí trong "
        "ranh giới huyện đang dùng, hoặc theo tên xã khi chỉ một huyện có tên đó. Tên viết có dấu hay không dấu, "
        "có hay không có “Xã”, “Phường”, “Thị trấn” đều được.",
        "There is no public commune boundary file to download. Matching: by the commune code (5 digits) when the "
        "file has a code column; otherwise by the commune's name within its district — the district from a "
        "district name or code column, or by location within the district boundaries in use, or by the name when "
        "only one district has it. Names with or without diacritics, with or without “Xã”, “Phường”, “Thị trấn”.",
    ),
    "admin_missing_count": ("Thiếu {count}: {names}.", "Missing {count}: {names}."),
    "admin_col_district": ("Huyện", "District"),
    "admin_col_district_by": ("Xác định huyện", "District found by"),
    "district_by_code": ("theo mã xã", "by the commune code"),
    "district_by_column": ("theo cột huyện", "by the district column"),
    "district_by_location": ("theo vị trí trong ranh giới huyện", "by location within the district boundaries"),
    "district_by_name": ("theo tên xã (chỉ một huyện có tên này)", "by the name (only one district has it)"),
    "match_method_folded": ("đúng tên (không phân biệt dấu)", "name without diacritics"),
    "match_method_former": ("đơn vị cũ, đã sáp nhập", "former unit, merged"),
    "finding_national_no_basis": (
        "Bảng toàn quốc cần cột số cài đặt Bluezone kèm cột dân số (hoặc số điện thoại thông minh), hoặc một cột tỷ lệ.",
        "The national table needs installs with population (or smartphones), or a rate column.",
    ),
    "finding_national_unknown_province": (
        "“{value}” không có trong danh sách 63 tỉnh, thành phố năm 2021. Sửa tên hoặc xóa dòng này.",
        "“{value}” is not one of the 63 provinces of 2021. Correct the name or delete the row.",
    ),
    "finding_national_former_province": (
        "“{value}” đã hợp nhất vào {target} từ năm {year}: cộng số liệu vào dòng {target} rồi xóa dòng này.",
        "“{value}” was merged into {target} in {year}: add its figures to {target} and delete this row.",
    ),
    "finding_national_duplicate_province": (
        "“{value}” xuất hiện lần thứ hai (lần đầu ở dòng {first_row}). Giữ một dòng cho mỗi tỉnh.",
        "“{value}” appears twice (first at row {first_row}). Keep one row per province.",
    ),
    "finding_national_not_a_number": (
        "{province}: “{value}” không phải là số. Nhập số hoặc để trống.",
        "{province}: “{value}” is not a number. Enter a number or leave it blank.",
    ),
    "finding_national_negative": (
        "{province}: số âm “{value}”. Số liệu không thể âm.",
        "{province}: negative value “{value}”. Figures cannot be negative.",
    ),
    "finding_national_missing_provinces": (
        "Thiếu {count}/63 tỉnh, thành phố: {names}. Thứ hạng chỉ tính trong các tỉnh, thành phố có số liệu.",
        "{count} of 63 provinces are missing: {names}. Ranks are among the provinces present only.",
    ),
    "finding_national_rate_mismatch": (
        "{province}: tỷ lệ in {printed}, tính từ số liệu được {computed}.",
        "{province}: printed rate {printed}, the counts give {computed}.",
    ),
    "finding_national_rank_differs": (
        "Theo bảng này, Lào Cai đứng thứ {computed}/{total}; báo cáo ghi thứ {reported}/{reported_total}.",
        "By this table Lào Cai ranks {computed} of {total}; the report says {reported} of {reported_total}.",
    ),
    "finding_not_an_appendix": (
        "{file}: không tìm thấy bảng phụ lục nào (cần dòng tiêu đề có cột Địa phương và các cột số liệu của Phụ lục 1, 2 hoặc 3). Đề nghị dùng tệp mẫu.",
        "{file}: no appendix table found (a header row with a district column and the columns of appendix 1, 2 or 3 is needed). Please use the template.",
    ),
    "finding_sheets_skipped": (
        "Các trang không phải phụ lục, bỏ qua: {sheets}.",
        "Sheets that are not appendices, skipped: {sheets}.",
    ),
    "finding_appendix_parts_merged": (
        "{table} được ghép từ hai phần ({first} và {second}), mỗi phần một nhóm địa phương; dòng tổng "
        "riêng của từng phần không được dùng làm số liệu toàn tỉnh (dòng tổng bỏ qua: {totals}).",
        "{table} was put together from two parts ({first} and {second}), one group of districts each; the "
        "parts' own total rows are not used as the province's figures (total rows left out: {totals}).",
    ),
    "finding_appendix_parts_disagree": (
        "“{value}” có ở cả hai phần của cùng một phụ lục với số liệu khác nhau ({first}, dòng {first_row}; {second}, dòng {second_row}). Giữ một "
        "dòng cho địa phương này, với số liệu đúng, rồi tải lại tệp.",
        "“{value}” is in both parts of the same appendix with different figures ({first}, row {first_row}; {second}, row {second_row}). Keep one "
        "row for this district, with the right figures, then upload the file again.",
    ),
    "finding_appendix_twice": (
        "{table} xuất hiện hai lần (lần đầu ở {first}). Giữ một bảng cho mỗi phụ lục.",
        "{table} appears twice (first in {first}). Keep one table per appendix.",
    ),
    "finding_appendix_missing": (
        "Không có {table} trong các tệp tải lên: kỳ báo cáo mới sẽ không có số liệu của phụ lục này.",
        "No {table} in the uploaded files: the new report will have no figures for it.",
    ),
    "finding_appendix_carried_over": (
        "{table}: không có trong tệp tải lên, dùng nguyên số liệu của kỳ {previous_as_of} (theo lựa chọn của người tải lên).",
        "{table}: not in the uploaded files, taken unchanged from the report of {previous_as_of} (as the uploader chose).",
    ),
    "carried_over_note": (
        "{table} không được cập nhật trong kỳ này: dùng lại số liệu của kỳ {date}.",
        "{table} was not updated this period: the figures of {date} are shown again.",
    ),
    "as_of_carried_stamp": (
        "Số liệu của kỳ {origin} (không cập nhật trong kỳ {date})",
        "Figures of {origin} (not updated for {date})",
    ),
    "kpi_carried_delta": ("số liệu kỳ {date}", "figures of {date}"),
    "upload_carry_over": (
        "Các phụ lục không có trong tệp tải lên: dùng nguyên số liệu của kỳ {date}",
        "Appendices missing from the files: take them unchanged from the report of {date}",
    ),
    "upload_carry_over_help": (
        "Nếu không chọn, kỳ báo cáo mới sẽ không có số liệu của các phụ lục này.",
        "Otherwise the new report has no figures for those appendices.",
    ),
    "finding_more_no_scan_than_points": (
        "{district}: số điểm không ghi nhận vào ra ({no_scan}) lớn hơn số điểm kiểm dịch ({points}). Kiểm tra lại hai cột này.",
        "{district}: more points with no scan ({no_scan}) than check-in points ({points}). Check these two columns.",
    ),
    "finding_installs_above_smartphones": (
        "{district}: số cài đặt Bluezone ({installs}) lớn hơn số điện thoại thông minh ({smartphones}). Đề nghị kiểm tra lại.",
        "{district}: more Bluezone installs ({installs}) than smartphones ({smartphones}). Please check.",
    ),
    "finding_sudden_change": (
        "{name}: {field} thay đổi đột ngột so với kỳ {previous_as_of}: {before} → {after} ({ratio}). Đề nghị kiểm tra lại.",
        "{name}: {field} changed sharply against {previous_as_of}: {before} → {after} ({ratio}). Please check.",
    ),
    "finding_unusual_change": (
        "{name}: {field} thay đổi bất thường so với các kỳ trước: {before} (kỳ {previous_as_of}) → {after}, tức {change} mỗi tuần, trong khi mức thay đổi thông thường là {median} mỗi tuần (trung vị của {weeks} lần thay đổi gần nhất; chỉ số z hiệu chỉnh {score}, ngưỡng ±{limit}). Đề nghị kiểm tra lại.",
        "{name}: {field} changed unusually against earlier reports: {before} ({previous_as_of}) → {after}, {change} a week, while its usual change is {median} a week (median of the {weeks} earlier changes; modified z-score {score}, limit ±{limit}). Please check.",
    ),
    "finding_cumulative_count_fell": (
        "{name}: {field} là số cộng dồn, không giảm giữa các kỳ, nhưng giảm từ {before} (kỳ {previous_as_of}) xuống {after}. Đề nghị kiểm tra lại.",
        "{name}: the number of {field} is a running total that never falls between reports, yet it fell from {before} ({previous_as_of}) to {after}. Please check.",
    ),
    "finding_categories_above_points": (
        "{name}: số điểm công cộng ({public_points}) cộng số điểm cơ quan nhà nước ({state_points}) là {categorised}, lớn hơn số điểm kiểm dịch ({points}) tại Phụ lục 2. Đề nghị kiểm tra lại.",
        "{name}: public-venue points ({public_points}) plus state-agency points ({state_points}) make {categorised}, more than the check-in points ({points}) in appendix 2. Please check.",
    ),
    "finding_same_file_uploaded": (
        "{file}: tệp này (cùng nội dung) đã được {uploaded_by} tải lên ngày {uploaded_at}{as_of_part}.",
        "{file}: this file (same content) was uploaded by {uploaded_by} on {uploaded_at}{as_of_part}.",
    ),
    "finding_as_of_differs": (
        "Tệp ghi số liệu tính đến ngày {in_file}, nhưng ngày được chọn là {chosen}.",
        "The files state figures as of {in_file}, but {chosen} was chosen.",
    ),
    "same_file_as_of": (" cho kỳ báo cáo {as_of}", " for the report of {as_of}"),
    "finding_as_of_missing": (
        "Tệp không ghi ngày số liệu: chọn ngày “Số liệu tính đến”.",
        "The files state no date: choose the “figures as of” date.",
    ),
    "field_population": ("dân số", "population"),
    "field_coverage_pct": ("tỷ lệ cài đặt trên số điện thoại thông minh", "coverage of smartphones"),
    "field_no_scan_pct": ("tỷ lệ điểm không ghi nhận vào ra", "no-scan rate"),
    "field_population_pct": ("tỷ lệ cài đặt trên dân số", "share of population"),
    "note_field_qr_points_total": ("tổng số điểm kiểm dịch", "check-in points"),
    "note_field_qr_points_no_scan_total": ("số điểm không ghi nhận vào ra", "points with no scan"),
    "note_field_scans_total": ("tổng số lượt ghi nhận vào ra", "scans"),
    "note_field_installs_total": ("tổng số cài đặt Bluezone", "Bluezone installs"),
    "note_field_smartphones_total": ("tổng số điện thoại thông minh", "smartphones"),
    "note_field_national_rank": ("thứ hạng toàn quốc", "national rank"),
    "note_field_population_pct": ("tỷ lệ trên dân số", "share of population"),
    "field_installs": ("số cài đặt Bluezone", "Bluezone installs"),
    "field_smartphones": ("số điện thoại thông minh", "smartphones"),
    "field_points": ("số điểm kiểm dịch", "check-in points"),
    "field_no_scan": ("số điểm không ghi nhận vào ra", "points with no scan"),
    "field_scans": ("số lượt ghi nhận vào ra", "scans"),
    "field_public_points": ("số điểm công cộng", "public-venue points"),
    "field_state_points": ("số điểm cơ quan nhà nước", "state-agency points"),
    "cli_no_such_file": ("Không có tệp {path}.", "No such file: {path}."),
    "cli_no_period": ("Không có kỳ báo cáo “{period}”.", "No reporting period “{period}”."),
    "cli_district_usage": (
        "Nộp báo cáo của huyện: một tệp, --district là mã huyện (080–089) và --user là tài khoản nộp "
        "(mật khẩu ở dòng đầu của đầu vào chuẩn).",
        "A district submission takes one file, --district a district code (080–089) and --user the account "
        "(its password on the first line of standard input).",
    ),
    "cli_sign_in_failed": ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password."),
    "cli_district_submitted": (
        "Đã nộp báo cáo của {district} kỳ đến ngày {as_of} (lần {version}, {late}).",
        "Submitted {district}'s report for the period to {as_of} (version {version}, {late}).",
    ),
    "cli_deadline_format": (
        'Mở kỳ báo cáo cần --as-of YYYY-MM-DD và --deadline "YYYY-MM-DD HH:MM" (giờ Việt Nam).',
        'Opening a period needs --as-of YYYY-MM-DD and --deadline "YYYY-MM-DD HH:MM" (Vietnam time).',
    ),
    "cli_no_smtp": (
        "Chưa cấu hình gửi thư: thêm mục [lcm_smtp] vào tệp bí mật (xem .streamlit/secrets.toml.example).",
        "E-mail is not configured: add [lcm_smtp] to the secrets file (see .streamlit/secrets.toml.example).",
    ),
    "cli_without_address": ("Chưa có địa chỉ thư của: {codes}.", "No e-mail address for: {codes}."),
    "cli_bad_layout": (
        "Không dùng được tệp cách đọc {path}: {error}",
        "The layout file {path} cannot be used: {error}",
    ),
    "cli_import_refused": (
        "Không công bố: {errors} lỗi cần sửa. Không có thay đổi nào trong kho dữ liệu.",
        "Not published: {errors} error(s) to fix. Nothing was written.",
    ),
    "cli_import_warnings": (
        "Không công bố: có {warnings} cảnh báo. Xem lại rồi chạy lại với --accept-warnings.",
        "Not published: {warnings} warning(s). Review them, then run again with --accept-warnings.",
    ),
    "cli_import_valid": (
        "Hợp lệ (chạy thử, chưa ghi): kỳ báo cáo {date}.",
        "Valid (dry run, nothing written): report of {date}.",
    ),
    "cli_import_published": ("Đã công bố kỳ báo cáo {date} (số {id}).", "Published the report of {date} (id {id})."),
    "finding_file_unsupported_type": (
        "{file}: định dạng không được hỗ trợ. Dùng tệp Excel (.xlsx) hoặc CSV.",
        "{file}: unsupported format. Use an Excel (.xlsx) or CSV file.",
    ),
    "finding_file_empty_file": ("{file}: tệp trống, không có số liệu.", "{file}: the file is empty."),
    # --- the check-in system's point register (lc_metrics/reading/register.py)
    "finding_register_format": (
        "{file}: sổ điểm kiểm dịch phải là tệp .csv hoặc .xlsx xuất từ hệ thống. Xuất lại tệp ở một trong hai định dạng này.",
        "{file}: the point register must be a .csv or .xlsx file exported from the system. Export it again in one of these formats.",
    ),
    "finding_register_too_large": (
        "{file}: tệp quá lớn (tối đa {limit} MB). Xuất riêng từng huyện, thị xã, thành phố.",
        "{file}: the file is too large ({limit} MB at most). Export each district separately.",
    ),
    "finding_register_no_header": (
        "{file}: không nhận ra dòng tiêu đề của danh sách điểm kiểm dịch (mã điểm, tên điểm, loại hình, xã/phường,"
        " huyện/thành phố, tổng lượt quét). Chọn nội dung từng cột ở mục “Cách đọc các cột”, hoặc tải lên tệp xuất"
        " nguyên bản từ hệ thống.",
        "{file}: no header row of a point register recognised (point code, name, kind, commune, district, total"
        " scans). Say what each column is under “How the columns are read”, or upload the file as the system"
        " exports it.",
    ),
    "finding_register_column_missing": (
        "Tệp thiếu cột {fields}. Nếu tệp có các cột này dưới tên khác, chọn cột tương ứng ở mục “Cách đọc các cột”;"
        " nếu không, xuất lại tệp có đủ các cột này.",
        "The file lacks the column(s) {fields}. If it has them under other names, choose them under “How the"
        " columns are read”; otherwise export the file again with these columns.",
    ),
    "finding_register_column_twice": (
        "Hai cột cùng là “{field}” ({headers}). Chọn “Bỏ qua cột này” cho một cột ở mục “Cách đọc các cột”, hoặc xóa"
        " một cột rồi tải lên lại.",
        "Two columns are both “{field}” ({headers}). Choose “Skip this column” for one under “How the columns are"
        " read”, or delete one and upload again.",
    ),
    "finding_register_broken_row": (
        "dòng này có {found} ô trong khi dòng tiêu đề có {expected} cột (thừa hoặc thiếu dấu phân cách, thường do dấu phẩy trong địa chỉ không đặt trong ngoặc kép). Không đọc tệp; sửa dòng này hoặc xuất lại tệp từ hệ thống.",
        "this row has {found} fields where the header has {expected} columns (a separator too many or too few, often a comma in an address outside quotes). The file is not read; correct this row or export the file again.",
    ),
    "finding_register_bad_quoting": (
        "dấu ngoặc kép không đóng hoặc đặt sai ({detail}). Không đọc tệp; sửa dòng này hoặc xuất lại tệp từ hệ thống.",
        "a quotation mark is not closed or is misplaced ({detail}). The file is not read; correct this row or export the file again.",
    ),
    "finding_register_footer_skipped": (
        "{rows} dưới điểm kiểm dịch cuối cùng không phải là điểm kiểm dịch (“{words}”: phần ký tên, dòng tổng cộng…) nên được bỏ qua.",
        "{rows} under the last check-in point are no check-in point (“{words}”: a signature block, a total line…) and are left out.",
    ),
    "finding_register_value_missing": (
        "{rows} để trống “{field}”. Mỗi điểm kiểm dịch phải có giá trị này; bổ sung rồi tải lên lại.",
        "{rows}: “{field}” is blank. Every check-in point needs it; fill it in and upload again.",
    ),
    "finding_register_not_a_count": (
        "{rows}: “{field}” không phải là số nguyên (ví dụ đúng: 1.234). Sửa các ô này rồi tải lên lại.",
        "{rows}: “{field}” is not a whole number (e.g. 1,234). Correct these cells and upload again.",
    ),
    "finding_register_negative_count": (
        "{rows}: “{field}” là số âm; số lượt quét không thể âm. Sửa các ô này rồi tải lên lại.",
        "{rows}: “{field}” is negative; scans cannot be negative. Correct these cells and upload again.",
    ),
    "finding_register_count_too_large": (
        "{rows}: “{field}” lớn hơn {limit}, không thể là số lượt quét của một điểm. Kiểm tra lại các ô này.",
        "{rows}: “{field}” is above {limit}, not a count of scans at one point. Check these cells.",
    ),
    "finding_register_bad_date": (
        "{rows}: “{field}” không phải là ngày (ghi dạng 23/06/2021). Sửa các ô này rồi tải lên lại.",
        "{rows}: “{field}” is not a date (write it as 23/06/2021). Correct these cells and upload again.",
    ),
    "finding_register_unknown_kind": (
        "{rows}: loại hình “{value}” không thuộc loại hình nào của điểm kiểm dịch (nhà hàng, quán ăn; chợ, siêu thị; bến xe, nhà ga; bệnh viện, trạm y tế; trường học; khách sạn, nhà nghỉ; cơ quan nhà nước …). Ghi lại loại hình rồi tải lên lại.",
        "{rows}: kind “{value}” is none of the check-in point kinds (restaurant; market; station; hospital; school; hotel; state agency …). Correct it and upload again.",
    ),
    "finding_register_other_province": (
        "{rows}: “{value}” không thuộc tỉnh Lào Cai. Sổ điểm kiểm dịch chỉ gồm các điểm trên địa bàn tỉnh; xóa các dòng này hoặc xuất lại tệp của tỉnh Lào Cai.",
        "{rows}: “{value}” is not in Lào Cai province. The register holds only the province's points; delete these rows or export Lào Cai's file again.",
    ),
    "finding_register_unknown_province": (
        "{rows}: “{value}” không phải là tên tỉnh, thành phố. Sửa các ô này rồi tải lên lại.",
        "{rows}: “{value}” is not a province. Correct these cells and upload again.",
    ),
    "finding_register_unknown_district": (
        "{rows}: “{value}” không phải là huyện, thị xã, thành phố của tỉnh Lào Cai. Sửa tên rồi tải lên lại.",
        "{rows}: “{value}” is not a district of Lào Cai province. Correct the name and upload again.",
    ),
    "finding_register_unknown_commune": (
        "{rows}: “{value}” không phải là xã, phường, thị trấn của {district}. Sửa tên trong tệp, hoặc chọn nơi tính {these} ở phần bên dưới.",
        "{rows}: “{value}” is not a commune of {district}. Correct the name in the file, or choose where {these} count below.",
    ),
    "finding_register_commune_other_district": (
        "{rows}: “{value}” không thuộc {district} mà thuộc {elsewhere}. Sửa huyện hoặc xã, phường, thị trấn của {these} trong tệp, hoặc chọn nơi tính {these} ở phần bên dưới.",
        "{rows}: “{value}” is not in {district} but in {elsewhere}. Correct the district or the commune of {these} in the file, or choose where {these} count below.",
    ),
    "finding_register_commune_ambiguous": (
        "{rows}: “{value}” (không dấu) có thể là hai đơn vị của {district}. Ghi tên có dấu (ví dụ Sa Pa hoặc Sa Pả) rồi tải lên lại.",
        "{rows}: “{value}” (without diacritics) fits two units of {district}. Write the name with its diacritics and upload again.",
    ),
    "finding_register_commune_former": (
        "{rows}: “{value}” đã được sáp nhập vào {name} (theo {resolution}); {these} được tính cho {name}.",
        "{rows}: “{value}” has since been merged into {name} (by {resolution}); {these} count for {name}.",
    ),
    "finding_register_duplicate_code": (
        "mã điểm “{value}” trùng nhau ở các dòng {rows}. Mỗi điểm kiểm dịch một mã; xóa dòng trùng rồi tải lên lại.",
        "point code “{value}” is repeated at rows {rows}. One code per check-in point; delete the repeated row and upload again.",
    ),
    "finding_register_duplicate_codes_more": (
        "thêm {count} mã điểm trùng nhau, ví dụ dòng {examples}. Xóa các dòng trùng rồi tải lên lại.",
        "{count} more repeated point codes, e.g. rows {examples}. Delete the repeated rows and upload again.",
    ),
    "register_rows_one": ("dòng {examples}", "row {examples}"),
    "register_these_one": ("điểm này", "this point"),
    "register_these_many": ("các điểm này", "these points"),
    "register_rows_few": ("{count} dòng ({examples})", "{count} rows ({examples})"),
    "register_rows_many": ("{count} dòng, ví dụ dòng {examples}, …", "{count} rows, e.g. rows {examples}, …"),
    "points_mapping_title": (
        "Cách đọc các cột (tiêu đề ở dòng {row})",
        "How the columns are read (header in row {row})",
    ),
    "points_mapping_intro": (
        "Mỗi cột có tiêu đề được hiểu như dưới đây. Nếu cột nào được hiểu sai hoặc chưa nhận ra, chọn lại rồi bấm"
        " “Áp dụng”: tệp được đọc lại ngay; khi lưu danh sách, cách đọc này được lưu cho các tệp sau có cùng tiêu đề.",
        "Each column with a header is read as below. Where one is read wrongly or not recognised, choose again and"
        " press “Apply”: the file is read again at once; when the register is kept, this mapping is saved for the"
        " next files with the same headers.",
    ),
    "points_mapping_column": ("Cột {letter}: “{header}”", "Column {letter}: “{header}”"),
    "points_mapping_values": ("ví dụ: {values}", "e.g. {values}"),
    "points_mapping_ignore": ("Bỏ qua cột này", "Skip this column"),
    "points_mapping_apply": ("Áp dụng", "Apply"),
    "points_mapping_saved": (
        "Cách đọc các cột đã được lưu cho các tệp sau có cùng tiêu đề.",
        "The column mapping was saved for the next files with the same headers.",
    ),
    "points_mapping_used_saved": (
        "Các cột {headers} được đọc theo cách đã lưu của {by} ({at}). Xem hoặc sửa ở mục “Cách đọc các cột”.",
        "The columns {headers} were read as {by} saved ({at}). See or change it under “How the columns are read”.",
    ),
    "register_field_point_code": ("Mã điểm", "Point code"),
    "register_field_name": ("Tên điểm kiểm dịch", "Point name"),
    "register_field_address": ("Địa chỉ", "Address"),
    "register_field_kind": ("Loại hình", "Kind"),
    "register_field_commune": ("Xã/Phường/Thị trấn", "Commune"),
    "register_field_district": ("Huyện/Thị xã/Thành phố", "District"),
    "register_field_province": ("Tỉnh", "Province"),
    "register_field_registered_on": ("Ngày đăng ký", "Registration date"),
    "register_field_scans_total": ("Tổng lượt quét", "Total scans"),
    "register_field_scans_14d": ("Lượt quét 14 ngày", "Scans in 14 days"),
    "register_field_scans_7d": ("Lượt quét 7 ngày", "Scans in 7 days"),
    "register_field_last_scan": ("Lần quét gần nhất", "Last scan"),
    "finding_file_too_large": ("{file}: tệp quá lớn (tối đa 20 MB).", "{file}: the file is too large (20 MB at most)."),
    "finding_file_too_large_unpacked": (
        "{file}: nội dung giải nén quá lớn (tối đa 200 MB); tệp có thể bị hỏng.",
        "{file}: too large once unpacked (200 MB at most); the file may be damaged.",
    ),
    "finding_file_not_a_spreadsheet": (
        "{file}: không phải bảng tính Excel hợp lệ. Mở bằng Excel và lưu lại dạng .xlsx.",
        "{file}: not a valid Excel workbook. Open it in Excel and save it as .xlsx.",
    ),
    "finding_file_too_many_rows": (
        "{file}: quá nhiều dòng (tối đa 5.000 dòng mỗi trang).",
        "{file}: too many rows (5,000 per sheet at most).",
    ),
    "finding_file_too_many_columns": (
        "{file}: có ô số liệu ở quá xa về bên phải (trang {detail} cột). Xoá các cột thừa rồi lưu lại.",
        "{file}: a cell lies too far to the right (sheet {detail} columns). Delete the extra columns and save again.",
    ),
    "finding_file_not_text": (
        "{file}: không đọc được tệp CSV (không phải văn bản UTF-8, UTF-16 hay Windows-1258). Lưu lại dạng “CSV UTF-8”.",
        "{file}: the CSV file cannot be read (not UTF-8, UTF-16 or Windows-1258 text). Save it as “CSV UTF-8”.",
    ),
    "finding_national_not_found": (
        "{file}: không tìm thấy bảng có cột tỉnh, thành phố và cột số cài đặt hoặc tỷ lệ. Đề nghị dùng tệp mẫu.",
        "{file}: no table with a province column and an installs or rate column. Please use the template.",
    ),
    # --- ranking page
    "page_ranking": ("Xếp hạng", "Ranking"),
    "ranking_national_section": ("Vị trí của tỉnh Lào Cai trên toàn quốc", "Lào Cai's national position"),
    "ranking_ahead_of": ("Số tỉnh, thành phố xếp sau Lào Cai", "Provinces ranked below Lào Cai"),
    "ranking_ahead_value": ("{behind}/{others} ({share})", "{behind} of {others} ({share})"),
    "ranking_ahead_help": (
        "Số tỉnh, thành phố xếp sau Lào Cai trên tổng số {others} tỉnh, thành phố còn lại.",
        "Provinces ranked below Lào Cai among the {others} others.",
    ),
    "ranking_history_title": ("Thứ hạng toàn quốc qua các kỳ báo cáo", "National rank across reports"),
    "ranking_history_single": (
        "Mới có một kỳ báo cáo nêu thứ hạng toàn quốc; diễn biến thứ hạng sẽ hiện khi có từ hai kỳ trở lên.",
        "Only one report states the national rank; its trend appears once there are two or more.",
    ),
    "ranking_no_national_rank": (
        "Kỳ báo cáo này không nêu thứ hạng toàn quốc.",
        "This report states no national rank.",
    ),
    "ranking_districts_section": ("Xếp hạng các huyện, thị xã, thành phố", "Districts ranked"),
    "ranking_catch_up_title_coverage_pct": (
        "Các địa phương có tỷ lệ cài đặt thấp hơn mức chung của tỉnh",
        "Districts below the province rate",
    ),
    "ranking_catch_up_title_no_scan_pct": (
        "Các địa phương vượt ngưỡng cảnh báo",
        "Districts above the alert threshold",
    ),
    "ranking_catch_up_coverage_pct": (
        "{name}: {value}; cần thêm {needed} lượt cài đặt để đạt mức toàn tỉnh ({target}).",
        "{name}: {value}; needs {needed} more installs to reach the province rate ({target}).",
    ),
    "ranking_catch_up_no_scan_pct": (
        "{name}: {value}; cần thêm {needed} điểm có ghi nhận vào ra để về ngưỡng {target}.",
        "{name}: {value}; {needed} more points must record scans to reach {target}.",
    ),
    "ranking_matrix_title": ("Thứ hạng theo từng chỉ tiêu (1 = tốt nhất)", "Rank on each indicator (1 = best)"),
    "national_table_section": ("Xếp hạng 63 tỉnh, thành phố", "Ranking of the 63 provinces"),
    "national_table_help": (
        "Bảng số liệu Bluezone của 63 tỉnh, thành phố (tên tỉnh, số cài đặt kèm dân số hoặc số điện thoại thông minh, "
        "hoặc một cột tỷ lệ). Sau khi kiểm tra và công bố, mọi người xem trang này đều thấy xếp hạng và bản đồ toàn quốc "
        "theo bảng; tệp được lưu trong kho dữ liệu cùng người công bố và thời điểm.",
        "The Bluezone figures of the 63 provinces (province name, installs with population or smartphones, or a rate "
        "column). Once checked and published, everyone who opens this page sees the national ranking and map from it; "
        "the file is kept in the data store with who published it and when.",
    ),
    "national_upload_title": ("Cập nhật bảng xếp hạng toàn quốc", "Update the national ranking table"),
    "national_preview": (
        "Xem trước: mọi người sẽ thấy như sau khi bảng được công bố.",
        "Preview: what everyone will see once the table is published.",
    ),
    "national_publish": ("Công bố bảng toàn quốc", "Publish the national table"),
    "national_withdraw": ("Gỡ bảng toàn quốc đang công bố", "Withdraw the published national table"),
    "national_none_published": (
        "Chưa có bảng số liệu toàn quốc được công bố. Cán bộ cập nhật số liệu của tỉnh đăng nhập để tải bảng lên, "
        "kiểm tra và công bố tại trang này.",
        "No national table has been published yet. The province's data officers sign in to upload, check and "
        "publish it on this page.",
    ),
    "national_none_published_staff": (
        "Chưa có bảng số liệu toàn quốc được công bố: tải bảng lên ở mục trên, kiểm tra rồi công bố.",
        "No national table has been published yet: upload one above, check it, then publish it.",
    ),
    "national_published_by": (
        "Theo bảng số liệu toàn quốc {file}, do {by} công bố lúc {when}.",
        "From the national table {file}, published by {by} at {when}.",
    ),
    "national_template": ("Tải tệp mẫu (63 tỉnh, thành phố)", "Download the template (63 provinces)"),
    "national_upload": ("Bảng số liệu toàn quốc (.xlsx, .csv)", "National table (.xlsx, .csv)"),
    "national_rate_population": ("Tỷ lệ cài đặt Bluezone trên dân số", "Bluezone installs per inhabitant"),
    "national_rate_smartphones": ("Tỷ lệ cài đặt Bluezone trên số ĐTTM", "Bluezone installs per smartphone"),
    "national_rate_rate": ("Tỷ lệ cài đặt Bluezone (theo bảng)", "Bluezone rate (as in the table)"),
    "national_other": ("Tỉnh, thành phố khác", "Other provinces"),
    "national_position_line": (
        "Theo bảng số liệu toàn quốc, Lào Cai đứng thứ {rank}/{total} ({rate}).",
        "By the national table, Lào Cai ranks {rank} of {total} ({rate}).",
    ),
    "national_map_title": ("Bản đồ toàn quốc", "National map"),
    "national_table_source": ("Theo bảng số liệu toàn quốc ({file})", "From the national table ({file})"),
    "national_errors": (
        "Bảng chưa dùng được: sửa các lỗi dưới đây rồi tải lên lại.",
        "The table cannot be used yet: fix the errors below and upload it again.",
    ),
    # --- targets (lc_metrics/metrics/targets.py, lc_app/targets.py, cli targets): status, projection, climb
    "target_indicator_coverage_pct": (
        "Tỷ lệ cài đặt Bluezone trên số điện thoại thông minh",
        "Bluezone installs per smartphone",
    ),
    "target_indicator_population_pct": ("Tỷ lệ cài đặt Bluezone trên dân số", "Bluezone installs per inhabitant"),
    "target_indicator_no_scan_pct": (
        "Tỷ lệ điểm kiểm dịch không ghi nhận vào ra",
        "Share of check-in points with no scan",
    ),
    "target_indicator_scans_per_point": ("Số lượt quét bình quân mỗi điểm", "Scans per point"),
    "target_indicator_public_points_per_commune": (
        "Số điểm kiểm dịch công cộng bình quân mỗi xã, phường, thị trấn",
        "Public-venue check-in points per commune",
    ),
    "target_indicator_national_rank": ("Thứ hạng toàn quốc", "National rank"),
    "target_scope_province": ("toàn tỉnh", "the province"),
    "target_direction_at_least": ("đạt tối thiểu", "at least"),
    "target_direction_at_most": ("không quá", "at most"),
    "target_label": (
        "{indicator} ({scope}): {direction} {value} trước ngày {deadline}",
        "{indicator} ({scope}): {direction} {value} by {deadline}",
    ),
    "target_status_reached": ("Đã đạt", "Reached"),
    "target_status_on_track": ("Đúng tiến độ", "On track"),
    "target_status_at_risk": ("Có nguy cơ không đạt", "At risk"),
    "target_status_off_track": ("Chậm tiến độ", "Off track"),
    "target_status_unknown": ("Chưa đủ số liệu để đánh giá", "Not enough reports to judge"),
    "target_points_pct": ("điểm %", "points"),
    "target_text_reached": (
        "{status}: kỳ báo cáo gần nhất đạt {latest}.",
        "{status}: the latest report gives {latest}.",
    ),
    "target_text_too_few": (
        "{status}: mới có {reports} kỳ báo cáo, cần ít nhất {minimum} kỳ để ước tính tốc độ; chưa dự báo thời điểm đạt.",
        "{status}: only {reports} report(s); at least {minimum} are needed to estimate the pace, so no date is "
        "projected.",
    ),
    "target_text_flat": (
        "Chỉ tiêu gần như không thay đổi qua các kỳ gần đây ({pace}/tuần): với tốc độ này không đạt mục tiêu, "
        "không có thời điểm dự báo.",
        "The figure has hardly changed over the recent reports ({pace} a week): at this pace the target is not "
        "reached, and no date is projected.",
    ),
    "target_text_wrong_way": (
        "Chỉ tiêu đang diễn biến theo chiều ngược lại ({pace}/tuần): với xu hướng này không đạt mục tiêu, "
        "không có thời điểm dự báo.",
        "The figure is moving the wrong way ({pace} a week): on this trend the target is not reached, and no date "
        "is projected.",
    ),
    "target_text_projected": (
        "Với tốc độ hiện nay ({pace}/tuần), dự kiến đạt mục tiêu vào khoảng tuần {week}; đến ngày {deadline} "
        "ước đạt {at_deadline}.",
        "At the current pace ({pace} a week), the target would be reached around the week of {week}; by "
        "{deadline} the projection is {at_deadline}.",
    ),
    "target_text_deadline_passed": ("Đã quá thời hạn mà chưa đạt.", "The deadline has passed unreached."),
    "target_text_needed": (
        "Tốc độ cần có để đạt đúng hạn: {needed}/tuần.",
        "Pace needed to meet the deadline: {needed} a week.",
    ),
    "target_text_per_week_installs": (
        "Cần thêm {count} lượt cài đặt mỗi tuần.",
        "{count} more installs are needed each week.",
    ),
    "target_text_per_week_public_points": (
        "Cần thêm {count} điểm kiểm dịch công cộng mỗi tuần.",
        "{count} more public-venue points are needed each week.",
    ),
    "target_text_per_week_points": (
        "Cần thêm {count} điểm có ghi nhận vào ra mỗi tuần.",
        "{count} more points must record scans each week.",
    ),
    "target_text_per_week_scans": ("Cần thêm {count} lượt quét mỗi tuần.", "{count} more scans are needed each week."),
    "target_method_short": (
        "Tốc độ tính theo độ dốc Theil–Sen qua các kỳ báo cáo gần nhất; sai số điển hình của thời điểm dự báo khoảng "
        "{error} tuần (chi tiết trên trang Xếp hạng).",
        "Pace: the Theil–Sen slope over the recent reports; the projected date is typically off by about {error} weeks "
        "(details on the Ranking page).",
    ),
    "target_method": (
        "Cách tính: tốc độ là độ dốc Theil–Sen qua {window} kỳ báo cáo gần nhất (trung vị của mức thay đổi mỗi tuần "
        "giữa mọi cặp kỳ báo cáo, nên một kỳ số liệu bất thường không làm lệch kết quả); đường thẳng với độ dốc đó "
        "cho giá trị dự kiến đến hạn và tuần dự kiến đạt. Cần ít nhất {minimum} kỳ báo cáo; khi chỉ tiêu đứng yên "
        "hoặc đi ngược chiều thì không đưa ra thời điểm dự báo. Kiểm tra lại trên chuỗi số liệu đã biết, "
        "sai số điển hình của thời điểm dự báo là khoảng {error} tuần.",
        "Method: the pace is the Theil–Sen slope over the last {window} reports (the median of the weekly change "
        "between every pair of reports, so one odd report does not sway it); the line with that slope gives the "
        "value projected at the deadline and the week the target is reached. At least {minimum} reports are needed; "
        "a flat or wrong-way figure gets no projected date. Back-tested on series with a known trend, the projected "
        "date is typically off by about {error} weeks.",
    ),
    "target_error_indicator": ("Chỉ tiêu không được hỗ trợ: {indicator}.", "Unsupported indicator: {indicator}."),
    "target_error_scope": (
        "Phạm vi không hợp lệ: {scope} (toàn tỉnh hoặc mã một huyện, thị xã, thành phố).",
        "Unknown scope: {scope} (the province or a district code).",
    ),
    "target_error_province_only": (
        "Thứ hạng toàn quốc chỉ đặt mục tiêu cho toàn tỉnh.",
        "A national-rank target is for the province only.",
    ),
    "target_error_pct": ("Mục tiêu tỷ lệ phải nằm trong khoảng 0–100%.", "A rate target must be within 0–100%."),
    "target_error_ratio": ("Mục tiêu phải là một số không âm.", "The target must be a number of zero or more."),
    "target_error_rank": (
        "Thứ hạng mục tiêu phải là số nguyên từ 1 đến 63.",
        "The target rank must be a whole number from 1 to 63.",
    ),
    "target_error_deadline": (
        "Thời hạn phải sau ngày hôm nay ({today}).",
        "The deadline must be after today ({today}).",
    ),
    "target_set_done": ("Đã lưu mục tiêu: {label}.", "Target saved: {label}."),
    "target_removed_done": ("Đã bỏ mục tiêu: {label}.", "Target removed: {label}."),
    "target_none": ("Chưa đặt mục tiêu nào.", "No target has been set."),
    "tables_swipe_hint": (
        "Bảng có {count} cột: trên điện thoại, vuốt ngang trên bảng để xem hết các cột.",
        "The table has {count} columns: on a phone, swipe across it to see them all.",
    ),
    "target_none_ranking": (
        "Chưa đặt mục tiêu nào. Quản trị viên đặt mục tiêu tại trang Quản trị; khi đã đặt, mục này cho biết tiến độ, "
        "thời điểm dự kiến đạt và phần mỗi đơn vị còn thiếu.",
        "No target has been set. Administrators set targets on the Administration page; once set, this section "
        "shows the progress, when each target is expected to be met and what each unit still lacks.",
    ),
    "target_not_found": ("Không có mục tiêu đang áp dụng: {name}.", "No target in force: {name}."),
    "target_set_by": ("Đặt bởi {by} lúc {when}.", "Set by {by} at {when}."),
    "targets_strip_label": ("Tiến độ các mục tiêu", "Progress towards the targets"),
    "target_short_projected": ("dự kiến đạt khoảng tuần {week}", "projected around the week of {week}"),
    "target_short_reached": ("kỳ gần nhất: {latest}", "latest report: {latest}"),
    "target_short_too_few": ("chưa đủ kỳ báo cáo để dự báo", "too few reports to project"),
    "target_short_no_date": ("không đạt với tốc độ hiện nay", "not reached at the current pace"),
    "target_short_deadline_passed": ("đã quá hạn", "deadline passed"),
    "targets_detail_link": ("Chi tiết trên trang Xếp hạng", "Details on the Ranking page"),
    "targets_section": ("Mục tiêu và tiến độ", "Targets and progress"),
    "targets_needs_title": ("Còn thiếu theo từng địa phương", "Still needed, district by district"),
    "targets_needs_unit_installs": ("Lượt cài đặt còn thiếu", "Installs still needed"),
    "targets_needs_unit_points": ("Số điểm cần có ghi nhận vào ra", "Points that must record scans"),
    "targets_needs_unit_public_points": ("Điểm kiểm dịch công cộng còn thiếu", "Public-venue points still needed"),
    "targets_needs_unit_scans": ("Lượt quét còn thiếu", "Scans still needed"),
    "targets_needs_place": ("Địa phương", "Place"),
    "targets_climb_title": ("Điều kiện để nâng thứ hạng toàn quốc", "What it takes to climb the national ranking"),
    "targets_climb_line": (
        "Lên hạng {rank}/{total} (ngang {province}): cần thêm {installs} lượt cài đặt{together}.",
        "To rank {rank} of {total} (level with {province}): {installs} more installs{together}.",
    ),
    "targets_climb_together": (
        "; với tốc độ chung của tỉnh, khoảng {weeks} tuần",
        "; at the province's pace, about {weeks} weeks",
    ),
    "targets_climb_soonest": (
        "Nhanh nhất nếu một địa phương tự đảm nhận: {districts}.",
        "Soonest if one district brought them alone: {districts}.",
    ),
    "targets_climb_district": ("{name} (khoảng {weeks} tuần)", "{name} (about {weeks} weeks)"),
    "targets_climb_none": (
        "Chưa có địa phương nào đủ tốc độ và dư địa để tự đảm nhận.",
        "No district has the pace and the room to bring them alone.",
    ),
    "targets_climb_basis": (
        "Tính theo bảng số liệu toàn quốc đang công bố, số liệu các tỉnh khác giữ nguyên.",
        "From the published national table, the other provinces' figures unchanged.",
    ),
    "targets_climb_no_table": (
        "Chưa có bảng số liệu toàn quốc được công bố để tính số lượt cài đặt cần thêm.",
        "No national table is published to count the installs needed.",
    ),
    "targets_admin_title": ("Mục tiêu", "Targets"),
    "targets_admin_indicator": ("Chỉ tiêu", "Indicator"),
    "targets_admin_scope": ("Phạm vi", "Scope"),
    "targets_admin_value": ("Mức mục tiêu", "Target level"),
    "targets_admin_value_help": (
        "Tỷ lệ tính bằng % (0–100); thứ hạng từ 1 đến 63; số lượt quét mỗi điểm là một số không âm.",
        "A rate in % (0–100); a rank from 1 to 63; scans per point a number of zero or more.",
    ),
    "targets_admin_deadline": ("Thời hạn", "Deadline"),
    "targets_admin_save": ("Lưu mục tiêu", "Save the target"),
    "targets_admin_remove": ("Bỏ mục tiêu đã chọn", "Remove the chosen target"),
    "targets_admin_history": ("Lịch sử thay đổi mục tiêu", "History of the targets"),
    "targets_admin_removed": ("đã bỏ", "removed"),
    "narrative_target_projected": (
        "Với tốc độ hiện nay, {indicator} ({scope}) đạt {value} vào khoảng tuần {week} (mục tiêu trước ngày {deadline})",
        "At the current pace, {indicator} ({scope}) reaches {value} around the week of {week} (target: by {deadline})",
    ),
    "narrative_target_no_date": (
        "Với tốc độ hiện nay, {indicator} ({scope}) chưa đạt mục tiêu {value} trước ngày {deadline}",
        "At the current pace, {indicator} ({scope}) does not reach the target of {value} by {deadline}",
    ),
    "narrative_target_per_week_installs": (
        "; cần thêm {count} lượt cài đặt mỗi tuần",
        "; {count} more installs are needed each week",
    ),
    "narrative_target_per_week_points": (
        "; cần thêm {count} điểm có ghi nhận vào ra mỗi tuần",
        "; {count} more points must record scans each week",
    ),
    "narrative_target_per_week_public_points": (
        "; cần thêm {count} điểm kiểm dịch công cộng mỗi tuần",
        "; {count} more public-venue points a week",
    ),
    "narrative_target_per_week_scans": ("; cần thêm {count} lượt quét mỗi tuần", "; {count} more scans a week"),
    "audit_target_set": ("Đặt mục tiêu", "Target set"),
    "audit_target_removed": ("Bỏ mục tiêu", "Target removed"),
    "audit_detail_target": ("mục tiêu {value}", "target {value}"),
    "audit_detail_target_value": ("mức {value}", "level {value}"),
    "audit_detail_by_date": ("thời hạn {value}", "deadline {value}"),
    "audit_direction_at_least": ("tối thiểu", "at least"),
    "audit_direction_at_most": ("tối đa", "at most"),
    # --- upload page
    "page_upload": ("Cập nhật dữ liệu", "Update data"),
    "upload_intro": (
        "Tải lên các phụ lục (một tệp Excel có cả ba phụ lục ở các trang bất kỳ, hoặc mỗi phụ lục một tệp; "
        ".xlsx, .xls, .ods hoặc .csv). Ứng dụng đọc, kiểm tra và cho xem trước; chỉ khi bấm “Công bố” thì "
        "kỳ báo cáo mới được lưu. Kỳ báo cáo cũ không bao giờ bị xóa.",
        "Upload the appendices (one Excel workbook holding all three on any sheets, or one file per appendix; "
        ".xlsx, .xls, .ods or .csv). The app reads, checks and previews them; nothing is stored until you press "
        "“Publish”. Earlier reports are never deleted.",
    ),
    "upload_template": (
        "Tải tệp mẫu (ba phụ lục, chín địa phương)",
        "Download the template (three appendices, nine districts)",
    ),
    "upload_files": ("Tệp phụ lục", "Appendix files"),
    "upload_empty_state": (
        "Chưa có tệp nào. Chọn hoặc kéo thả tệp vào ô trên; có thể dùng tệp mẫu.",
        "No file yet. Choose or drop files above; the template is a good start.",
    ),
    "upload_reading": ("Đang đọc và kiểm tra các tệp…", "Reading and checking the files…"),
    "upload_checks": ("Kết quả kiểm tra", "Checks"),
    "upload_no_findings": ("Không phát hiện lỗi hay điểm chưa khớp.", "No errors or discrepancies found."),
    "upload_notes": ("Ghi chú khi đọc tệp ({count})", "Notes from reading ({count})"),
    "upload_understood": ("Số liệu như ứng dụng đã hiểu", "Figures as the app understood them"),
    "upload_read_from": ("Đọc từ {where}, dòng tiêu đề {row}.", "Read from {where}, header row {row}."),
    "upload_col_row": ("Dòng", "Row"),
    "upload_col_as_typed": ("Tên như trong tệp", "Name as typed"),
    "upload_col_rate_computed": ("Tỷ lệ tính từ số liệu", "Rate from the counts"),
    "upload_col_rate_typed": ("Tỷ lệ ghi trong tệp", "Rate as typed"),
    "upload_differences": ("Thay đổi so với kỳ báo cáo {date}", "Changes against the report of {date}"),
    "upload_col_field": ("Chỉ tiêu", "Figure"),
    "upload_no_changes": (
        "Không có số liệu nào thay đổi so với kỳ trước.",
        "No figure differs from the previous report.",
    ),
    "upload_unchanged": ("{count} số liệu khác không thay đổi.", "{count} other figure(s) unchanged."),
    "upload_col_before": ("Kỳ trước", "Before"),
    "upload_col_after": ("Kỳ này", "Now"),
    "upload_col_change": ("Thay đổi", "Change"),
    "upload_publish": ("Công bố", "Publish"),
    "upload_as_of": ("Số liệu tính đến ngày", "Figures as of"),
    "upload_as_of_in_file": ("Ngày ghi trong tệp: {date}.", "Date stated in the files: {date}."),
    "upload_blocked": (
        "Chưa thể công bố: còn {errors} lỗi. Sửa tệp theo hướng dẫn ở trên rồi tải lên lại.",
        "Cannot publish yet: {errors} error(s). Fix the files as described above and upload them again.",
    ),
    "upload_accept_warnings": (
        "Tôi đã xem {count} cảnh báo ở trên và đồng ý công bố.",
        "I have reviewed the {count} warning(s) above and want to publish.",
    ),
    "upload_same_date": (
        "Đã có kỳ báo cáo ngày {date}: công bố sẽ thêm một bản mới hơn cho ngày này (bản cũ vẫn được lưu).",
        "A report for {date} exists: publishing adds a newer version for that date (the old one is kept).",
    ),
    "upload_publish_button": ("Công bố kỳ báo cáo {date}", "Publish the report of {date}"),
    "upload_store_changed": (
        "Một kỳ báo cáo khác vừa được công bố: đã kiểm tra lại với kỳ mới nhất, xem lại trước khi công bố.",
        "Another report was just published: the checks were redone against it; review before publishing.",
    ),
    "upload_published": ("Đã công bố kỳ báo cáo mới (số {id}).", "The new report is published (id {id})."),
    "mapping_title": ("Đối chiếu cột", "Column mapping"),
    "mapping_intro": (
        "Mỗi bảng tìm thấy trong tệp: cột nào được hiểu là chỉ tiêu nào, và mức chắc chắn. Có thể chọn lại chỉ tiêu cho "
        "từng cột (hoặc “Bỏ qua cột này”), chọn dòng tiêu đề và địa phương của từng dòng, rồi bấm “Áp dụng và kiểm tra lại”.",
        "Every table found in the files: which measure each column was read as, and how sure that is. You can choose "
        "another measure for any column (or “Skip this column”), the header row and what each row is, then press "
        "“Apply and check again”.",
    ),
    "mapping_block": (
        "{where}: bảng có tiêu đề ở dòng {rows} — {kinds}",
        "{where}: table with its header at row {rows} — {kinds}",
    ),
    "mapping_no_appendix": ("chưa nhận ra phụ lục nào", "no appendix recognised yet"),
    "mapping_used_saved": (
        "{where}: bảng được đọc tự động theo cách đọc đã lưu “{name}”.",
        "{where}: the table was read automatically with the saved layout “{name}”.",
    ),
    "mapping_header_row": ("Dòng tiêu đề", "Header row"),
    "mapping_label_column": ("Cột tên địa phương", "Column of district names"),
    "mapping_column_letter": ("Cột {letter}", "Column {letter}"),
    "mapping_row_number": ("Dòng {row}", "Row {row}"),
    "mapping_col_column": ("Cột", "Column"),
    "mapping_col_header": ("Tiêu đề trong tệp", "Header in the file"),
    "mapping_col_values": ("Giá trị đầu", "First values"),
    "mapping_col_state": ("Mức chắc chắn", "How sure"),
    "mapping_col_field": ("Được hiểu là", "Read as"),
    "mapping_field_of": ("Chỉ tiêu của cột {column}", "Measure of column {column}"),
    "mapping_sure": ("chắc chắn", "sure"),
    "mapping_by_uploader": ("theo lựa chọn của người tải lên", "as the uploader chose"),
    "mapping_unsure": ("chưa chắc chắn", "not sure"),
    "mapping_unknown": (":red[không nhận ra]", ":red[not understood]"),
    "mapping_other_period": ("cột của kỳ khác (bỏ qua)", "another period's column (skipped)"),
    "mapping_ignored": ("bỏ qua ({reason})", "skipped ({reason})"),
    "mapping_text": ("không phải số liệu", "not figures"),
    "mapping_reason_remarks": ("ghi chú", "remarks"),
    "mapping_reason_unit": ("đơn vị tính", "unit"),
    "mapping_reason_change": ("mức tăng, giảm", "change"),
    "mapping_reason_recorded": ("số điểm có ghi nhận", "points with scans"),
    "mapping_reason_computed": ("tỷ lệ tính được", "a computed rate"),
    "mapping_reason_average": ("bình quân", "an average"),
    "mapping_reason_other_rate": ("tỷ lệ khác", "another rate"),
    "mapping_reason_district": ("tên địa phương", "district names"),
    "mapping_reason_user": ("theo lựa chọn của người tải lên", "as the uploader chose"),
    "mapping_choice_none": ("— chưa chọn —", "— not chosen —"),
    "mapping_choice_installs": ("Số cài đặt Bluezone", "Bluezone installs"),
    "mapping_choice_smartphones": ("Số điện thoại thông minh", "Smartphones"),
    "mapping_choice_coverage_pct": ("Tỷ lệ cài đặt (%) (chỉ để đối chiếu)", "Coverage rate (%) (cross-check only)"),
    "mapping_choice_population": ("Dân số", "Population"),
    "mapping_choice_population_pct": (
        "Tỷ lệ trên dân số (%) (chỉ để đối chiếu)",
        "Share of population (%) (cross-check only)",
    ),
    "mapping_choice_points": ("Số điểm kiểm dịch", "Check-in points"),
    "mapping_choice_no_scan": ("Số điểm không ghi nhận vào ra", "Points with no scan"),
    "mapping_choice_no_scan_pct": (
        "Tỷ lệ không ghi nhận (%) (chỉ để đối chiếu)",
        "No-scan rate (%) (cross-check only)",
    ),
    "mapping_choice_scans": ("Số lượt ghi nhận vào ra", "Scans"),
    "mapping_choice_public_points": ("Số điểm công cộng", "Public-venue points"),
    "mapping_choice_state_points": ("Số điểm cơ quan nhà nước", "State-agency points"),
    "mapping_choice_stt": ("Số thứ tự", "Row number"),
    "mapping_choice_code": ("Mã đơn vị hành chính", "Administrative code"),
    "mapping_choice_ignore": ("Bỏ qua cột này", "Skip this column"),
    # --- fit-numbers: no change, a missing figure, a figure dropped, derived columns, the mapping from a refusal
    "change_none": ("không đổi", "unchanged"),
    "figure_missing": ("chưa có số liệu", "no figure"),
    "status_coverage_context_no_population": (
        "{rank}; chưa có tỷ lệ trên dân số",
        "{rank}; no share of population",
    ),
    "finding_figure_dropped": (
        "Báo cáo kỳ trước (ngày {previous_as_of}) có {what}; các tệp tải lên lần này không có: chỉ tiêu {kpis} sẽ không được hiển thị trong báo cáo mới.",
        "The previous report ({previous_as_of}) had {what}; the files uploaded now have none: {kpis} will not be shown in the new report.",
    ),
    "figure_dropped_districts": ("{field} của {count} địa phương", "{field} for {count} districts"),
    "figure_dropped_province": ("{kpi} của toàn tỉnh ({value})", "the province's {kpi} ({value})"),
    "columns_ignored_item": ("{letter} ({header}: {reason})", "{letter} ({header}: {reason})"),
    "mapping_reason_rank": ("thứ hạng, tính ra từ số liệu", "a rank, derived from the figures"),
    "mapping_reason_other_period": ("số liệu kỳ khác", "another period's figures"),
    "finding_appendix_repeated": (
        "{table} ở đây lặp lại đúng số liệu đã đọc ở {first} (như trang chỉ số tính toán của tệp tải về từ ứng dụng): chỉ đọc một lần.",
        "{table} here repeats the figures already read in {first} (as the computed-metrics sheet of a workbook downloaded from the app does): read once.",
    ),
    "upload_mapping_can_fix": (
        "Có {count} lỗi chỉ cần chọn lại cách đọc cột hoặc dòng, không phải sửa tệp: mở [bước Đối chiếu cột](#doi-chieu-cot) bên dưới, chọn chỉ tiêu (hoặc “Bỏ qua cột này”) rồi bấm “Áp dụng và kiểm tra lại”.",
        "{count} error(s) only need the columns or rows read another way, not the file fixed: open the [Column mapping step](#doi-chieu-cot) below, choose the measure (or “Skip this column”), then “Apply and check again”.",
    ),
    "upload_blocked_on_page": (
        "Chưa thể công bố: còn {errors} lỗi, đều chọn được ngay trên trang này (cách đọc cột ở [bước Đối chiếu cột](#doi-chieu-cot), ngày ở ô “Số liệu tính đến ngày”), không phải sửa tệp.",
        "Cannot publish yet: {errors} error(s), all settled on this page (how the columns are read in the [Column mapping step](#doi-chieu-cot), the date in “Figures as of”), without fixing the files.",
    ),
    "upload_blocked_mappable": (
        "Chưa thể công bố: còn {errors} lỗi. Chọn cách đọc ở [bước Đối chiếu cột](#doi-chieu-cot) phía trên; chỉ sửa tệp khi bước đó không giải quyết được.",
        "Cannot publish yet: {errors} error(s). Choose how to read the columns in the [Column mapping step](#doi-chieu-cot) above; fix the file only where that step cannot.",
    ),
    "mapping_rows": ("Các dòng của bảng ({count})", "The table's rows ({count})"),
    "mapping_row_of": ("Dòng {row} là", "Row {row} is"),
    "mapping_row_auto": ("Như đã hiểu: {understood}", "As understood: {understood}"),
    "mapping_row_district": ("{name}", "{name}"),
    "mapping_row_commune": ("xã, phường, thị trấn (không tính)", "commune (not counted)"),
    "mapping_row_subtotal": ("dòng cộng của {name}", "subtotal of {name}"),
    "mapping_row_generic_total": ("dòng cộng", "a total row"),
    "mapping_row_total": ("Toàn tỉnh (dòng tổng)", "Province total"),
    "mapping_row_group": ("dòng cộng theo nhóm (không tính)", "group subtotal (not counted)"),
    "mapping_row_unknown": ("không rõ", "unknown"),
    "mapping_row_ignore": ("Không phải huyện (bỏ qua)", "Not a district (skip)"),
    "mapping_apply": ("Áp dụng và kiểm tra lại", "Apply and check again"),
    "mapping_save": (
        "Lưu cách đọc này cho các tệp cùng bố cục (lần sau được đọc tự động)",
        "Save this way of reading for files with the same layout (read automatically next time)",
    ),
    "upload_see_overview": ("Xem tổng quan kỳ báo cáo mới", "See the new report's overview"),
    "field_installs_title": ("Số cài đặt Bluezone", "Bluezone installs"),
    "field_smartphones_title": ("Số điện thoại thông minh", "Smartphones"),
    "field_points_title": ("Số điểm kiểm dịch", "Check-in points"),
    "field_no_scan_title": ("Số điểm không ghi nhận vào ra", "Points with no scan"),
    "field_scans_title": ("Số lượt ghi nhận vào ra", "Scans"),
    "field_public_points_title": ("Số điểm công cộng", "Public-venue points"),
    "field_state_points_title": ("Số điểm cơ quan nhà nước", "State-agency points"),
    # --- history page
    "page_history": ("Lịch sử báo cáo", "Report history"),
    "history_col_as_of": ("Số liệu tính đến", "Figures as of"),
    "history_col_published": ("Công bố lúc (giờ Việt Nam)", "Published (Vietnam time)"),
    "history_col_by": ("Người công bố", "Published by"),
    "history_col_source": ("Nguồn", "Source"),
    "history_col_status": ("Trạng thái", "Status"),
    "history_open_report": ("Mở báo cáo số liệu tính đến {date}", "Open the report of figures as of {date}"),
    "status_published": ("Đã công bố", "Published"),
    "status_withdrawn": ("Đã thu hồi", "Withdrawn"),
    "history_trends": ("Diễn biến qua các kỳ báo cáo", "Trends across reports"),
    "history_trend_single": (
        "Mới có một kỳ báo cáo: diễn biến sẽ hiện khi có từ hai kỳ trở lên.",
        "Only one report so far: trends appear once there are two or more.",
    ),
    "history_withdraw_title": ("Thu hồi một kỳ báo cáo (quản trị)", "Withdraw a report (administrators)"),
    "history_withdraw_last": (
        "Chỉ còn một kỳ báo cáo đã công bố: không thể thu hồi.",
        "Only one published report is left: it cannot be withdrawn.",
    ),
    "history_withdraw_which": ("Kỳ báo cáo", "Report"),
    "history_withdraw_reason": ("Lý do thu hồi", "Reason"),
    "history_withdraw_confirm": (
        "Tôi xác nhận thu hồi kỳ báo cáo này (số liệu và tệp gốc vẫn được lưu).",
        "I confirm the withdrawal (figures and original files are kept).",
    ),
    "history_withdraw_button": ("Thu hồi", "Withdraw"),
    "history_withdraw_incomplete": (
        "Ghi lý do và đánh dấu xác nhận trước khi thu hồi.",
        "Give a reason and tick the confirmation first.",
    ),
    "history_withdrawn": ("Đã thu hồi: {label}.", "Withdrawn: {label}."),
    "history_files_title": ("Tệp gốc đã tải lên", "Original uploaded files"),
    "history_file_button": ("{file} (kỳ {date}, sha256 {sha}…)", "{file} (report of {date}, sha256 {sha}…)"),
    "history_files_none": (
        "Chưa có tệp nào được tải lên (kỳ báo cáo gốc được nhập từ công văn).",
        "No file uploaded yet (the original report comes from the dispatch).",
    ),
    # --- fit to sign: source lines from a report's provenance (lc_metrics/publish/sources.py), findings for
    # their reader, the audit log in words, the "Về số liệu" page (lc_metrics/publish/about.py)
    "source_month": ("tháng {month}/{year}", "{month} {year}"),
    "source_dispatch": (
        "Công văn của {issuer} V/v {subject}, {month} (số liệu ban đầu), theo báo cáo của {reported_by}",
        "Dispatch of the {issuer} on {subject}, {month} (the initial figures), from the report of {reported_by}",
    ),
    "source_dispatch_numbered": (
        "Công văn số {number} của {issuer} V/v {subject}, {month} (số liệu ban đầu), theo báo cáo của {reported_by}",
        "Dispatch no. {number} of the {issuer} on {subject}, {month} (the initial figures), from the report of "
        "{reported_by}",
    ),
    "source_dispatch_blank_number": (
        ". Bản công văn để trống số và ngày ký (“{printed}”; “{date_printed}”)",
        ". The dispatch leaves its number and day blank (“{printed}”; “{date_printed}”)",
    ),
    "source_upload": (
        "Báo cáo do {who} ({office}) cập nhật lúc {when}",
        "Report uploaded by {who} ({office}) at {when}",
    ),
    "source_office_province": ("cán bộ cấp tỉnh", "province staff"),
    "source_office_district": ("UBND {name}", "People's Committee of {name}"),
    "source_who_office": ("{who} ({office})", "{who} ({office})"),
    "source_when_unknown": ("không rõ thời điểm", "time unknown"),
    "source_consolidated": (
        "Tổng hợp báo cáo của {reported}/{total} huyện, thị xã, thành phố kỳ đến ngày {as_of}{province}; "
        "{who} tổng hợp lúc {when}",
        "Consolidated from the reports of {reported} of {total} districts for the period to {as_of}{province}; "
        "consolidated by {who} at {when}",
    ),
    "source_consolidated_province_file": (
        " và tệp số liệu của tỉnh “{file}”",
        " and the province's own file “{file}”",
    ),
    "source_consolidated_no_province_file": (
        ", không có tệp số liệu của tỉnh (số toàn tỉnh là tổng các địa phương)",
        ", without a province file (the province figures are the districts' sums)",
    ),
    "source_register": (
        "Danh sách điểm kiểm dịch xuất từ hệ thống ngày {register_as_of} (tệp “{file}”, do {who} cập nhật lúc {when})",
        "The register of check-in points exported on {register_as_of} (file “{file}”, uploaded by {who} at {when})",
    ),
    "source_register_bluezone": (
        "; Phụ lục 1 theo báo cáo đã công bố cùng ngày",
        "; appendix 1 from the report published for the same date",
    ),
    "source_register_no_bluezone": ("; không có số liệu Phụ lục 1", "; no appendix 1 figures"),
    "source_unknown": ("không rõ nguồn", "source unknown"),
    "source_published_dispatch": ("{month} (ngày công văn)", "{month} (date of the dispatch)"),
    "finding_place_appendix": ("Phụ lục {n}", "Appendix {n}"),
    "finding_place": ("{place} – {text}", "{place} – {text}"),
    "audit_detail_period": ("kỳ báo cáo ngày {date}", "the period to {date}"),
    "audit_detail_period_unknown": ("kỳ báo cáo số {id}", "reporting period no. {id}"),
    "audit_detail_snapshot": ("báo cáo số {id} (số liệu tính đến {date})", "report no. {id} (figures as of {date})"),
    "audit_detail_snapshot_unknown": ("báo cáo số {id}", "report no. {id}"),
    "audit_detail_as_of": ("số liệu tính đến {date}", "figures as of {date}"),
    "audit_detail_deadline": ("hạn nộp {when}", "deadline {when}"),
    "audit_detail_from": ("hạn cũ {when}", "previous deadline {when}"),
    "audit_detail_to": ("hạn mới {when}", "new deadline {when}"),
    "audit_detail_without_address": ("chưa có địa chỉ thư: {names}", "no e-mail address: {names}"),
    "audit_detail_sha256": ("mã kiểm tra sha256 {value}…", "sha256 {value}…"),
    "audit_detail_size": ("{value} byte", "{value} bytes"),
    "audit_detail_sent": ("đã gửi {value} thư", "{value} sent"),
    "audit_detail_action": ("kết quả: {value}", "result: {value}"),
    "audit_detail_file": ("tệp “{value}”", "file “{value}”"),
    "audit_detail_reason": ("lý do: “{value}”", "reason: “{value}”"),
    "audit_detail_comment": ("ý kiến: “{value}”", "comment: “{value}”"),
    "audit_detail_version": ("lần nộp thứ {value}", "version {value}"),
    "audit_detail_client": ("từ địa chỉ {value}", "from {value}"),
    "audit_detail_name": ("“{value}”", "“{value}”"),
    "audit_detail_id": ("bảng số {value}", "table no. {value}"),
    "audit_detail_register_id": ("danh sách điểm số {value}", "register no. {value}"),
    "audit_detail_point": ("điểm {value}", "point {value}"),
    "audit_detail_points": ("{value} điểm", "{value} points"),
    "audit_detail_matched": ("{value} huyện khớp ranh giới", "{value} districts matched"),
    "audit_detail_stored_as": ("lưu thành “{value}”", "stored as “{value}”"),
    "audit_detail_missing": ("thiếu ranh giới: {names}", "boundaries missing: {names}"),
    "audit_detail_names": ("tài khoản {names}", "accounts {names}"),
    "page_about": ("Về số liệu", "About the data"),
    "page_not_found": ("Không tìm thấy trang", "Page not found"),
    "page_not_found_meant": ("Trang có tên gần giống địa chỉ này:", "A page with a name like this address:"),
    "page_not_found_text": (
        "Địa chỉ “/{name}” không phải là một trang của ứng dụng (đường dẫn cũ hoặc ghi sai). Mời chọn trang cần xem "
        "trong danh sách các trang, hoặc mở trang Tổng quan.",
        "The address “/{name}” is not a page of this app (an old or mistyped link). Choose a page from the list of "
        "pages, or open the overview.",
    ),
    "about_intro": (
        "Mỗi chỉ tiêu trên các trang: định nghĩa, cách tính, nguồn và thời điểm cập nhật. Tỷ lệ luôn được tính "
        "lại từ các số đếm; địa phương không báo cáo được để trống, không tính là 0.",
        "Every indicator on the pages: its definition, how it is computed, its source and when it was updated. "
        "Rates are always computed from the counts; a district that did not report is left blank, never 0.",
    ),
    "about_report": ("Báo cáo đang xem: số liệu tính đến {date}.", "Report shown: figures as of {date}."),
    "about_chosen": ("Chỉ tiêu vừa chọn: {name}", "The indicator you chose: {name}"),
    "about_col_indicator": ("Chỉ tiêu", "Indicator"),
    "about_col_definition": ("Định nghĩa", "Definition"),
    "about_col_formula": ("Cách tính", "How it is computed"),
    "about_reported_by_1": ("Nguồn: {source}.", "Source: {source}."),
    "about_reported_by_2": ("Nguồn: {source}.", "Source: {source}."),
    "about_reported_by_3": (
        "Nguồn: {source}. Số liệu Phụ lục 3 do các huyện, thị xã, thành phố báo cáo.",
        "Source: {source}. Appendix 3's figures are reported by the districts.",
    ),
    "about_updated": (
        "Cập nhật: số liệu tính đến {date}; công bố {published}, {by}.",
        "Updated: figures as of {date}; published {published}, {by}.",
    ),
    "about_updated_carried": (
        "Cập nhật: số liệu của kỳ {origin}, dùng nguyên cho báo cáo tính đến {date}.",
        "Updated: the figures of {origin}, carried over unchanged into the report as of {date}.",
    ),
    "about_formula_rate": (
        "{numerator} / {denominator} × 100, làm tròn nửa lên đến 2 chữ số thập phân; tính từ các số đếm, không lấy "
        "tỷ lệ in sẵn.",
        "{numerator} / {denominator} × 100, rounded half up to 2 decimals; computed from the counts, never taken "
        "as printed.",
    ),
    "about_formula_count": (
        "Số đếm do đơn vị báo cáo tại thời điểm báo cáo; số toàn tỉnh là số của tỉnh khi báo cáo có ghi, nếu không "
        "là tổng các địa phương.",
        "A count reported by each unit at the report's date; the province figure is the province's own when the "
        "report gives it, otherwise the districts' sum.",
    ),
    "about_formula_cumulative": (
        "Số đếm cộng dồn từ khi triển khai (không giảm giữa các kỳ) do đơn vị báo cáo; số toàn tỉnh là số của tỉnh "
        "khi báo cáo có ghi, nếu không là tổng các địa phương.",
        "A count since the launch (it never falls between reports) reported by each unit; the province figure is "
        "the province's own when the report gives it, otherwise the districts' sum.",
    ),
    "about_formula_year_to_date": (
        "Số đếm cộng dồn từ đầu năm đến ngày báo cáo (không giảm giữa các kỳ trong cùng một năm, tính lại từ 0 mỗi "
        "năm) do đơn vị báo cáo; số toàn tỉnh là số của tỉnh khi báo cáo có ghi, nếu không là tổng các địa phương.",
        "A count since the start of the year up to the report's date (it never falls between reports of the same "
        "year, and starts again from 0 each year) reported by each unit; the province figure is the province's own "
        "when the report gives it, otherwise the districts' sum.",
    ),
    "about_formula_population_pct": (
        "số cài đặt Bluezone / dân số × 100; khi báo cáo không có dân số, dùng tỷ lệ báo cáo ghi.",
        "Bluezone installs / population × 100; when the report gives no population, the rate it prints.",
    ),
    "about_formula_national_rank": (
        "Theo bảng xếp hạng toàn quốc (ghi trong báo cáo, hoặc bảng toàn quốc đã công bố trên trang Xếp hạng); "
        "không tính lại.",
        "As the national ranking gives it (in the report, or the national table published on the Ranking page); "
        "never recomputed.",
    ),
    "about_formula_scans_per_point": (
        "số lượt ghi nhận vào ra / số điểm kiểm dịch.",
        "scans / check-in points.",
    ),
    "about_formula_public_share_pct": (
        "số điểm công cộng / (số điểm công cộng + số điểm cơ quan nhà nước) × 100, trên các địa phương có báo cáo "
        "Phụ lục 3.",
        "public-venue points / (public-venue + state-agency points) × 100, over the districts reporting appendix 3.",
    ),
    "about_def_installs": (
        "Số máy điện thoại đã cài đặt ứng dụng Bluezone trên địa bàn.",
        "Phones with the Bluezone app installed in the area.",
    ),
    "about_def_smartphones": (
        "Tổng số điện thoại thông minh trên địa bàn: mẫu số của tỷ lệ cài đặt.",
        "All smartphones in the area: the denominator of the coverage.",
    ),
    "about_def_population": (
        "Dân số của địa bàn, khi báo cáo có ghi.",
        "The area's population, when the report gives it.",
    ),
    "about_def_coverage_pct": (
        "Tỷ lệ máy cài đặt Bluezone trên tổng số điện thoại thông minh: chỉ tiêu chính của Phụ lục 1.",
        "Bluezone installs as a share of all smartphones: appendix 1's main indicator.",
    ),
    "about_def_points": (
        "Số điểm kiểm dịch điện tử đã đăng ký mã QR (trụ sở cơ quan, địa điểm công cộng).",
        "Electronic check-in points registered with a QR code (offices, public venues).",
    ),
    "about_def_no_scan": (
        "Số điểm đã đăng ký mã QR nhưng chưa ghi nhận lượt vào ra nào.",
        "Points registered with a QR code that never recorded a scan.",
    ),
    "about_def_scans": (
        "Số lượt quét mã QR ghi nhận vào ra từ đầu năm.",
        "QR scans recorded since the start of the year.",
    ),
    "about_def_no_scan_pct": (
        "Tỷ lệ điểm không ghi nhận vào ra trên tổng số điểm; công văn coi trên 50% là chưa đạt yêu cầu.",
        "The share of points with no scan; the dispatch treats more than 50% as a problem.",
    ),
    "about_def_public_points": (
        "Số điểm kiểm dịch tại địa điểm công cộng (dịch vụ ăn uống, vui chơi giải trí, thể thao…).",
        "Check-in points at public venues (eating places, entertainment, sport…).",
    ),
    "about_def_state_points": (
        "Số điểm kiểm dịch tại trụ sở cơ quan nhà nước.",
        "Check-in points at state agencies' offices.",
    ),
    "about_def_population_pct": (
        "Tỷ lệ máy cài đặt Bluezone trên dân số.",
        "Bluezone installs as a share of the population.",
    ),
    "about_def_national_rank": (
        "Thứ hạng của tỉnh về tỷ lệ cài đặt Bluezone trong các tỉnh, thành phố cả nước.",
        "The province's rank on Bluezone coverage among the country's provinces.",
    ),
    "about_def_scans_per_point": (
        "Số lượt ghi nhận vào ra bình quân của một điểm kiểm dịch.",
        "The average number of scans per check-in point.",
    ),
    "about_def_public_share_pct": (
        "Tỷ lệ điểm công cộng trong số điểm đã phân loại (công cộng và cơ quan nhà nước).",
        "The share of public-venue points among the points classified (public venues and state agencies).",
    ),
    "audit_cadence_weekly": ("báo cáo hằng tuần", "weekly reports"),
    "audit_cadence_manual": ("kỳ báo cáo mở thủ công", "periods opened by hand"),
    "audit_detail_hour": ("lúc {value}:00", "at {value}:00"),
    "audit_actor_system": ("ứng dụng (tự động)", "the app (automatic)"),
    "audit_why_other_district": ("số liệu của huyện khác", "another district's figures"),
    "audit_level_districts": ("ranh giới cấp huyện", "district boundaries"),
    "audit_level_provinces": ("ranh giới cấp tỉnh", "province boundaries"),
    "audit_role_uploader": ("quyền cập nhật dữ liệu", "uploader role"),
    "audit_role_admin": ("quyền quản trị", "administrator role"),
    # --- exports
    "xlsx_sheet_appendix": ("Phụ lục {n}", "Appendix {n}"),
    "xlsx_sheet_metrics": ("Chỉ số tính toán", "Computed metrics"),
    "xlsx_col_code": ("Mã", "Code"),
    "xlsx_col_rank_of": ("Xếp hạng: {metric}", "Rank: {metric}"),
    "document_comment": (
        "Tạo tự động từ số liệu đã công bố; tỷ lệ tính từ số liệu gốc.",
        "Generated from the published figures; rates computed from the counts.",
    ),
    # --- briefing (presentation mode, DOCX, PPTX)
    "page_present": ("Trình chiếu", "Presentation"),
    "slide_ranking_title": ("Xếp hạng các địa phương: {metric}", "Districts ranked: {metric}"),
    "briefing_title": (
        "Tình hình triển khai các ứng dụng công nghệ thông tin phòng, chống dịch Covid-19",
        "Roll-out of the digital epidemic-control tools",
    ),
    "briefing_province": ("Tỉnh Lào Cai", "Lào Cai province"),
    "slide_kpis": ("Các chỉ tiêu chính", "Key figures"),
    "slide_alert": ("{label}: {value} ({context})", "{label}: {value} ({context})"),
    "docx_page": ("Trang", "Page"),  # before "2/3" in a document's footer
    "slide_quality": ("Ghi chú về chất lượng số liệu", "Data-quality notes"),
    "slide_quality_none": ("Không phát hiện điểm chưa khớp.", "No discrepancies found."),
    "slide_narrative": ("Tóm tắt", "Summary"),
    "slide_targets": ("Mục tiêu và tiến độ", "Targets and progress"),
    "slide_of": ("{n}/{total}", "{n}/{total}"),
    "present_previous": ("Trang trước", "Previous"),
    "present_next": ("Trang sau", "Next"),
    "present_exit": ("Thoát trình chiếu", "Leave the presentation"),
    "present_auto": ("Tự chuyển trang sau {seconds} giây", "Advance every {seconds} s"),
    "present_auto_off": ("Không tự chuyển trang", "No auto-advance"),
    "present_keys": ("Phím ← → để chuyển trang", "Keys ← → change slides"),
    "docx_heading": ("BÁO CÁO", "REPORT"),
    "docx_subject": (
        "Tình hình triển khai Bluezone và điểm kiểm dịch điện tử (QR code) trên địa bàn tỉnh Lào Cai",
        "Bluezone and electronic QR check-in points in Lào Cai province",
    ),
    "docx_appendices": ("PHỤ LỤC", "APPENDICES"),
    "download_docx": ("Tải Word (DOCX)", "Download Word (DOCX)"),
    "download_pptx": ("Tải PowerPoint (PPTX)", "Download PowerPoint (PPTX)"),
    "download_png": ("Tải ảnh PNG (1920×1080)", "Download PNG (1920×1080)"),
    "narrative_copy": ("Sao chép đoạn văn", "Copy the paragraph"),
    "narrative_copied": ("Đã sao chép", "Copied"),
    "narrative_title": ("Đoạn tóm tắt cho công văn", "Summary paragraph for a dispatch"),
    "narrative_help": (
        "Đoạn văn được soạn tự động từ số liệu; bấm “Sao chép đoạn văn” rồi dán vào văn bản.",
        "Drafted from the figures; press “Copy the paragraph”, then paste it into a document.",
    ),
    "exports_title": ("Tải tài liệu cho cuộc họp, công văn", "Documents for meetings and dispatches"),
    "document_preparing": ("Đang chuẩn bị tệp…", "Preparing the file…"),
    "document_failed": ("Chưa tải được tệp, vui lòng bấm lại", "The file could not be downloaded; please try again"),
    # --- documents kept on disk: a client asking for too many new documents, a server busy building
    "document_rate_limited": (
        "Bạn đã yêu cầu tạo quá nhiều tệp mới trong một phút. Vui lòng thử lại sau {seconds} giây.",
        "You asked for too many new files within a minute. Please try again in {seconds} seconds.",
    ),
    "document_server_busy": (
        "Máy chủ đang tạo các tệp khác. Vui lòng thử lại sau {seconds} giây.",
        "The server is preparing other files. Please try again in {seconds} seconds.",
    ),
    # --- sign-in
    "sign_in_title": ("Đăng nhập (cán bộ được phân quyền)", "Sign in (authorised staff)"),
    "sign_in_name": ("Tên đăng nhập", "User name"),
    "sign_in_password": ("Mật khẩu", "Password"),
    "sign_in_button": ("Đăng nhập", "Sign in"),
    "sign_in_oidc": ("Đăng nhập", "Sign in"),
    "sign_in_failed": ("Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong user name or password."),
    "sign_in_wait": (
        "Đăng nhập sai nhiều lần từ máy này: thử lại sau {seconds} giây.",
        "Too many failed sign-ins from this computer: try again in {seconds} seconds.",
    ),
    "sign_in_required": (
        "Trang này dành cho cán bộ được phân quyền: đăng nhập ở thanh bên trái (trên điện thoại: bấm nút “{menu}” "
        "ở góc trên để mở thanh bên).",
        "This page is for authorised staff: sign in in the sidebar (on a phone, tap “{menu}” at the top to open it).",
    ),
    "role_required": ("Tài khoản của bạn không có quyền {role}.", "Your account does not have the {role} role."),
    "signed_in_as": ("Đã đăng nhập: {name} ({role})", "Signed in: {name} ({role})"),
    "sign_out": ("Đăng xuất", "Sign out"),
    "role_uploader": ("cập nhật dữ liệu", "uploader"),
    "role_admin": ("quản trị", "administrator"),
    "skip_to_content": ("Chuyển đến nội dung chính", "Skip to main content"),
    "role_district_account": ("tài khoản của {name}", "account of {name}"),
    # --- sign-in throttling (per account, under concurrency and address rotation)
    "sign_in_account_wait": (
        "Tài khoản này bị đăng nhập sai nhiều lần: thử lại sau {seconds} giây. "
        "Máy đã đăng nhập thành công tài khoản này gần đây thì không phải chờ.",
        "Too many failed sign-ins to this account: try again in {seconds} seconds. "
        "A computer that recently signed in to this account need not wait.",
    ),
    # --- administration
    "page_admin": ("Quản trị", "Administration"),
    "admin_boundaries_districts": ("Ranh giới các huyện, thị xã, thành phố", "District boundaries"),
    "admin_boundaries_provinces": (
        "Ranh giới các tỉnh, thành phố (bản đồ toàn quốc)",
        "Province boundaries (national map)",
    ),
    "boundary_none_districts": (
        "Chưa có ranh giới huyện: bản đồ đang dùng sơ đồ ô (mỗi ô một huyện, đặt gần vị trí thực).",
        "No district boundaries yet: the map is a tile diagram (one tile per district, near its real position).",
    ),
    "boundary_none_provinces": (
        "Chưa có ranh giới tỉnh: bản đồ toàn quốc đang dùng vòng tròn.",
        "No province boundaries yet: the national map uses circles.",
    ),
    "admin_configured_wins": (
        "Tệp do đơn vị triển khai cấu hình ({env}) được ưu tiên; tệp tải lên ở đây chỉ được dùng khi bỏ cấu hình đó.",
        "The file configured by the deployer ({env}) takes precedence; an upload here is used only without it.",
    ),
    "admin_upload_districts": (
        "Tải lên tệp ranh giới huyện (GeoJSON, GeoPackage hoặc Shapefile nén .zip; hệ tọa độ bất kỳ)",
        "Upload district boundaries (GeoJSON, GeoPackage or zipped Shapefile; any CRS)",
    ),
    "admin_upload_provinces": (
        "Tải lên tệp ranh giới tỉnh (GeoJSON, GeoPackage hoặc Shapefile nén .zip; hệ tọa độ bất kỳ)",
        "Upload province boundaries (GeoJSON, GeoPackage or zipped Shapefile; any CRS)",
    ),
    "admin_upload_refused": (
        "Không dùng được tệp {file}: {reason}. Không có thay đổi nào.",
        "{file} cannot be used: {reason}. Nothing was changed.",
    ),
    "upload_reason_unsupported_type": (
        "định dạng không được hỗ trợ (dùng .geojson, .gpkg hoặc .zip)",
        "unsupported format (use .geojson, .gpkg or .zip)",
    ),
    "upload_reason_empty_file": ("tệp trống", "the file is empty"),
    "upload_reason_file_too_large": ("tệp quá lớn (tối đa 20 MB)", "the file is too large (20 MB at most)"),
    "upload_reason_bad_zip": ("tệp .zip bị hỏng", "the .zip file is damaged"),
    "upload_reason_zip_too_large": ("nội dung giải nén quá lớn", "too large once unpacked"),
    "upload_reason_zip_too_many_members": ("tệp .zip chứa quá nhiều tệp", "the .zip holds too many files"),
    "upload_reason_zip_unsafe_path": ("tệp .zip chứa đường dẫn không an toàn", "the .zip holds an unsafe path"),
    "upload_reason_zip_no_layer": (
        "tệp .zip không chứa lớp bản đồ (.shp, .geojson, .gpkg)",
        "the .zip holds no map layer (.shp, .geojson, .gpkg)",
    ),
    "admin_match_summary": (
        "Khớp {matched}/{expected} đơn vị hành chính từ {features} đối tượng (hệ tọa độ của tệp: {crs}).",
        "{matched} of {expected} units matched from {features} features (file CRS: {crs}).",
    ),
    "admin_missing": ("Thiếu: {names}.", "Missing: {names}."),
    "admin_unmatched": ("Không khớp: {names}.", "Not matched: {names}."),
    "admin_duplicates": ("Trùng (dùng đối tượng đầu tiên): {names}.", "Duplicates (the first is used): {names}."),
    "admin_nothing_matched": (
        "Không đối tượng nào khớp với đơn vị hành chính: tệp không được dùng.",
        "No feature matches a unit: the file is not used.",
    ),
    "admin_match_table": ("Bảng đối chiếu tên", "Name matching"),
    "admin_col_unit": ("Đơn vị hành chính", "Unit"),
    "admin_col_source_name": ("Tên trong tệp", "Name in the file"),
    "admin_col_method": ("Cách khớp", "Matched by"),
    "admin_preview": ("Xem trước", "Preview"),
    "match_method_exact": ("đúng tên", "exact name"),
    "match_method_fuzzy": ("gần đúng (sai chính tả nhỏ)", "close spelling"),
    "match_method_code": ("theo mã", "by code"),
    "admin_use_file": ("Dùng tệp này làm ranh giới", "Use this file for the boundaries"),
    "admin_boundary_saved": (
        "Đã lưu {file}; bản đồ dùng ranh giới mới từ lần tải trang tiếp theo.",
        "{file} saved; the maps use it from the next page load.",
    ),
    "admin_audit": ("Nhật ký thao tác", "Audit log"),
    "admin_audit_empty": ("Chưa có thao tác nào.", "Nothing recorded yet."),
    "admin_col_at": ("Thời điểm (giờ Việt Nam)", "Time (Vietnam time)"),
    "admin_col_actor": ("Người thực hiện", "By"),
    "admin_col_action": ("Thao tác", "Action"),
    "admin_col_detail": ("Chi tiết", "Detail"),
    "audit_sign_in": ("Đăng nhập", "Sign-in"),
    "audit_sign_in_failed": ("Đăng nhập không thành công", "Failed sign-in"),
    "audit_sign_out": ("Đăng xuất", "Sign-out"),
    "audit_publish": ("Công bố kỳ báo cáo", "Report published"),
    "audit_period_opened": ("Mở kỳ báo cáo", "Reporting period opened"),
    "audit_period_deadline_changed": ("Sửa hạn nộp của kỳ báo cáo", "Period deadline changed"),
    "audit_period_published": ("Tổng hợp và công bố kỳ báo cáo", "Period consolidated and published"),
    "audit_reporting_schedule_set": ("Đặt lịch báo cáo", "Reporting schedule set"),
    "audit_district_submitted": ("Huyện nộp báo cáo", "District report submitted"),
    "audit_register_published": ("Lưu danh sách điểm kiểm dịch", "Register of check-in points kept"),
    "audit_point_action_recorded": ("Ghi nhận xử lý điểm kiểm dịch", "Action on a check-in point recorded"),
    "audit_point_action_refused": (
        "Từ chối ghi nhận xử lý điểm kiểm dịch của đơn vị khác",
        "Action on another district's check-in point refused",
    ),
    "audit_submission_refused": ("Từ chối báo cáo nộp sai đơn vị", "Submission for another district refused"),
    "audit_reminders_sent": ("Gửi thư nhắc nộp báo cáo", "Reminders e-mailed"),
    "audit_account_saved": ("Lưu tài khoản", "Account saved"),
    "audit_upload": ("Tải lên tệp phụ lục", "Appendix file uploaded"),
    "audit_national_table_published": ("Công bố bảng số liệu toàn quốc", "National table published"),
    "audit_national_table_withdrawn": ("Gỡ bảng số liệu toàn quốc", "National table withdrawn"),
    "audit_withdraw": ("Thu hồi kỳ báo cáo", "Report withdrawn"),
    "audit_boundary_upload": ("Tải lên ranh giới", "Boundary upload"),
    "audit_layout_saved": ("Lưu cách đọc bảng", "Table layout saved"),
    "audit_boundary_download_started": ("Tải ranh giới geoBoundaries", "geoBoundaries download"),
    "boundary_missing_provinces": (
        "Tệp ranh giới tỉnh thiếu {count} tỉnh, thành phố: {names}.",
        "The province boundary file lacks {count} provinces: {names}.",
    ),
    # --- district reporting: periods, submissions, the status board, consolidation, reminders
    "page_reporting": ("Tình hình báo cáo", "Reporting status"),
    "page_district": ("Báo cáo của huyện", "District report"),
    "page_consolidate": ("Tổng hợp kỳ báo cáo", "Consolidate a period"),
    "weekday_0": ("thứ Hai", "Monday"),
    "weekday_1": ("thứ Ba", "Tuesday"),
    "weekday_2": ("thứ Tư", "Wednesday"),
    "weekday_3": ("thứ Năm", "Thursday"),
    "weekday_4": ("thứ Sáu", "Friday"),
    "weekday_5": ("thứ Bảy", "Saturday"),
    "weekday_6": ("Chủ nhật", "Sunday"),
    "deadline_at": ("{hour} {weekday}, ngày {date}", "{hour} on {weekday}, {date}"),
    "period_label": ("Kỳ báo cáo đến ngày {as_of} (hạn nộp {deadline})", "Period to {as_of} (due {deadline})"),
    "period_published_suffix": (" — đã công bố", " — published"),
    "period_option": ("Kỳ đến ngày {as_of}", "Period to {as_of}"),
    "period_choose": ("Kỳ báo cáo", "Reporting period"),
    "period_none": (
        "Chưa có kỳ báo cáo nào. Quản trị viên mở kỳ báo cáo hoặc đặt lịch báo cáo hằng tuần ở trang Quản trị.",
        "No reporting period yet. An administrator opens one, or sets the weekly schedule, on Administration.",
    ),
    "due_in": (
        "Hạn nộp: {deadline} (giờ Việt Nam) — còn {left}.",
        "Due: {deadline} (Vietnam time) — {left} left.",
    ),
    "due_passed": (
        "Hạn nộp: {deadline} (giờ Việt Nam) — đã quá hạn {left}.",
        "Due: {deadline} (Vietnam time) — {left} overdue.",
    ),
    "time_left": ("{days} ngày {hours} giờ", "{days} d {hours} h"),
    "time_left_hours": ("{hours} giờ {minutes} phút", "{hours} h {minutes} min"),
    "time_under_a_minute": ("chưa đến 1 phút", "under a minute"),
    "period_published_on": (
        "Kỳ này đã được tổng hợp và công bố lúc {at} (người công bố: {by}).",
        "This period was consolidated and published at {at} by {by}.",
    ),
    "board_counts": (
        "{submitted}/{total} đơn vị đã nộp ({on_time} đúng hạn, {late} nộp muộn; {corrected} đơn vị đã nộp bản sửa); "
        "{waiting} đơn vị chưa nộp.",
        "{submitted} of {total} units have submitted ({on_time} on time, {late} late; {corrected} sent a correction); "
        "{waiting} have not.",
    ),
    "board_counts_closed": (
        "Kỳ đã công bố: {submitted}/{total} đơn vị đã nộp ({on_time} đúng hạn, {late} nộp muộn; "
        "{corrected} đơn vị đã nộp bản sửa); {waiting} đơn vị không nộp.",
        "Period published: {submitted} of {total} units submitted ({on_time} on time, {late} late; "
        "{corrected} sent a correction); {waiting} did not.",
    ),
    "board_still_missing": ("Chưa nộp, còn hạn: {names}.", "Not yet submitted, still due: {names}."),
    "board_overdue_names": ("Quá hạn, chưa nộp: {names}.", "Overdue, not submitted: {names}."),
    "board_missing_names": ("Không nộp: {names}.", "Did not submit: {names}."),
    "board_returned_names": ("Bị trả lại, chờ sửa: {names}.", "Returned, awaiting correction: {names}."),
    "board_reviews": (
        "Tỉnh xem xét bản nộp mới nhất: {pending} chờ xem xét, {accepted} đã chấp nhận, "
        "{returned} bị trả lại, chờ sửa.",
        "The province's review of the latest versions: {pending} awaiting review, {accepted} accepted, "
        "{returned} returned for correction.",
    ),
    "district_periods_waiting": (
        "Kỳ báo cáo đang chờ đơn vị: {listing}. Trang mở kỳ cũ nhất trong số đó; chọn kỳ khác ở ô “Kỳ báo cáo”.",
        "Reporting periods waiting on your unit: {listing}. The page opens the oldest of them; choose another in "
        "“Reporting period”.",
    ),
    "board_remind_unavailable": (
        "Chưa gửi được thư nhắc {count} đơn vị chưa nộp: máy chủ thư (SMTP) chưa được cấu hình. Quản trị viên "
        "cấu hình theo hướng dẫn vận hành; trong khi chờ, đề nghị nhắc các đơn vị qua điện thoại.",
        "Reminders to the {count} units that have not submitted cannot be e-mailed: no mail server (SMTP) is set "
        "up. An administrator sets it up as the operations guide says; meanwhile, remind the units by telephone.",
    ),
    "history_last_value_of": ("{value} (kỳ {date})", "{value} (report of {date})"),
    "admin_deadline_confirm": (
        "Đồng ý tính lại tình trạng nộp của các đơn vị theo hạn mới",
        "Agree that the units' timeliness is worked out again by the new deadline",
    ),
    "admin_deadline_turns_late": (
        "Chưa sửa hạn nộp: với hạn mới, báo cáo của {count} đơn vị đã nộp đúng hạn sẽ bị tính là nộp muộn "
        "({districts}). Nếu vẫn sửa, đánh dấu ô “Đồng ý tính lại tình trạng nộp của các đơn vị theo hạn mới” rồi bấm "
        "lại.",
        "The deadline is not changed: by the new one, the reports of {count} units sent on time would count as "
        "late ({districts}). To change it anyway, tick “Agree that the units' timeliness is worked out again by the "
        "new deadline” and press again.",
    ),
    "state_on_time": ("Đã nộp đúng hạn", "On time"),
    "state_late": ("Nộp muộn", "Late"),
    "state_due": ("Chưa nộp (còn hạn)", "Not yet (still due)"),
    "state_overdue": ("Quá hạn, chưa nộp", "Overdue, not submitted"),
    "state_missing": ("Không nộp", "Not submitted"),
    "state_returned": ("Bị trả lại, chờ sửa", "Returned, awaiting correction"),
    "state_none": ("Chưa có kỳ", "No period"),
    "board_review_pending": ("Chờ xem xét", "Awaiting review"),
    "board_review_accepted": ("Đã chấp nhận", "Accepted"),
    "board_review_returned": ("Bị trả lại, chờ sửa", "Returned, awaiting correction"),
    "board_map_title": ("Bản đồ tình hình nộp báo cáo", "Map of who has reported"),
    "board_map_alt": ("Tình hình nộp báo cáo theo huyện: {listing}", "Reporting by district: {listing}"),
    "board_table_title": ("Chi tiết theo đơn vị", "By district"),
    "board_col_district": ("Đơn vị", "District"),
    "board_col_state": ("Tình trạng", "Status"),
    "board_col_first": ("Nộp lần đầu", "First submitted"),
    "board_col_last": ("Nộp lần cuối", "Last submitted"),
    "board_col_versions": ("Số lần nộp", "Versions"),
    "board_col_by": ("Người nộp", "Submitted by"),
    "points_col_uploaded_by": ("Người tải lên", "Uploaded by"),
    "board_col_review": ("Tỉnh xem xét bản mới nhất", "Review of the latest version"),
    "board_rates_title": (
        "Tỷ lệ nộp báo cáo theo đơn vị ({count} kỳ gần nhất)",
        "Reporting rates by unit (last {count} periods)",
    ),
    "board_rates_caption": (
        "Số kỳ phải nộp: các kỳ đã công bố, cộng các kỳ đang mở mà đơn vị đã nộp. Tỷ lệ nộp báo cáo = số kỳ "
        "đã nộp / số kỳ phải nộp; tỷ lệ nộp đúng hạn = số kỳ nộp đúng hạn / số kỳ phải nộp; tỷ lệ bị trả lại = "
        "số kỳ có bản nộp bị trả lại ít nhất một lần / số kỳ đã nộp.",
        "Periods expected: the published periods, plus the open periods the unit has submitted to. Reporting "
        "rate = periods submitted / periods expected; on-time rate = periods submitted on time / periods "
        "expected; share returned = periods whose submission was returned at least once / periods submitted.",
    ),
    "board_col_expected": ("Số kỳ phải nộp", "Periods expected"),
    "board_col_submitted": ("Số kỳ đã nộp", "Periods submitted"),
    "board_col_reporting_rate": ("Tỷ lệ nộp báo cáo", "Reporting rate"),
    "board_col_on_time_rate": ("Tỷ lệ nộp đúng hạn", "On-time rate"),
    "board_col_returned_share": ("Tỷ lệ bị trả lại", "Share returned"),
    "board_heat_open": ("đang mở", "open"),
    "board_heat_title": ("Tình hình nộp báo cáo {count} kỳ gần nhất", "Reporting over the last {count} periods"),
    "board_heat_caption": (
        "Mỗi ô là một kỳ báo cáo (ngày tính số liệu), cũ bên trái, mới bên phải; kỳ chưa công bố ghi “đang mở”. "
        "Nhận xét về đơn vị nộp muộn, không nộp chỉ tính các kỳ đã công bố; bảng tỷ lệ dưới đây tính cả kỳ đang "
        "mở mà đơn vị đã nộp.",
        "Each cell is a period (its as-of date), oldest on the left; a period not yet published is marked “open”. "
        "What is said of late or missing reports counts published periods only; the rates below also count the "
        "open periods a unit has already submitted to.",
    ),
    "board_late_names": (
        "Trong {count} kỳ đã công bố gần nhất, các đơn vị nộp muộn hoặc không nộp: {names}.",
        "Over the last {count} published periods, late or not submitted: {names}.",
    ),
    "board_late_name": ("{name} ({parts})", "{name} ({parts})"),
    "board_late_part_late": ("{count} kỳ nộp muộn", "late {count}×"),
    "board_late_part_missing": ("{count} kỳ không nộp", "missing {count}×"),
    "board_all_on_time": (
        "Trong {count} kỳ đã công bố gần nhất, mọi đơn vị đều nộp đúng hạn.",
        "Over the last {count} published periods every unit reported on time.",
    ),
    "board_record_none_closed": (
        "Chưa có kỳ báo cáo nào kết thúc (được tổng hợp, công bố): chưa đánh giá việc nộp báo cáo đúng hạn.",
        "No period has closed yet (consolidated and published): timeliness is not assessed yet.",
    ),
    "board_open_not_due": (
        "Kỳ đến ngày {as_of} chưa đến hạn, chưa đánh giá.",
        "The period to {as_of} is not yet due: not assessed.",
    ),
    "board_open_overdue": (
        "Kỳ đến ngày {as_of} đã quá hạn nộp nhưng chưa công bố, chưa đánh giá.",
        "The period to {as_of} is past its deadline but not published: not assessed.",
    ),
    "board_remind": ("Gửi thư nhắc các đơn vị chưa nộp", "E-mail the units that have not submitted"),
    "board_reminded": ("Đã gửi {count} thư nhắc.", "{count} reminders sent."),
    "board_remind_none": ("Không có đơn vị nào cần nhắc.", "No unit needs a reminder."),
    "board_remind_failed": (
        "Không gửi được thư nhắc: {error}. Kiểm tra mục [lcm_smtp] trong tệp bí mật.",
        "The reminders could not be sent: {error}. Check [lcm_smtp] in the secrets file.",
    ),
    # --- reminders: one per district within the cooldown, sent in the background
    "board_remind_sending": (
        "Đang gửi thư nhắc tới {districts}. Kết quả hiện ở đây khi trang được tải lại.",
        "Sending reminders to {districts}. The outcome shows here when the page is run again.",
    ),
    "board_remind_last_sending": (
        "Đang gửi thư nhắc (bắt đầu lúc {time}, giờ Việt Nam, do {actor} gửi) tới {districts}.",
        "Reminders being sent (started {time}, Vietnam time, by {actor}) to {districts}.",
    ),
    "board_remind_last_sent": (
        "Lần nhắc gần nhất: {time} (giờ Việt Nam), do {actor} gửi tới {districts}.",
        "Last reminder: {time} (Vietnam time), sent by {actor} to {districts}.",
    ),
    "board_remind_last_failed": (
        "Lần nhắc gần nhất ({time}, giờ Việt Nam, do {actor} gửi) không gửi được tới {districts}: {error}. "
        "Kiểm tra mục [lcm_smtp] trong tệp bí mật rồi gửi lại.",
        "The last reminder ({time}, Vietnam time, by {actor}) could not be sent to {districts}: {error}. "
        "Check [lcm_smtp] in the secrets file, then send again.",
    ),
    "board_remind_last_partly": (
        "Lần nhắc gần nhất ({time}, giờ Việt Nam, do {actor} gửi) chỉ gửi được một phần, tới {districts}: {error}.",
        "The last reminder ({time}, Vietnam time, by {actor}) was sent only in part, to {districts}: {error}.",
    ),
    "board_remind_cooling": (
        "Các đơn vị chưa nộp đều đã được nhắc trong vòng {hours} giờ qua; có thể nhắc lại từ {time} (giờ Việt Nam).",
        "Every unit that has not submitted was reminded within the last {hours} hours; "
        "they can be reminded again from {time} (Vietnam time).",
    ),
    "board_remind_skipped": (
        "Không nhắc lại {districts}: đã được nhắc trong vòng {hours} giờ qua.",
        "Not reminded again: {districts}, reminded within the last {hours} hours.",
    ),
    "board_remind_district": ("{name} ({addresses})", "{name} ({addresses})"),
    "district_choose": ("Đơn vị báo cáo", "Reporting unit"),
    "district_your_unit": ("Đơn vị của tài khoản: {name}.", "Your account reports for {name}."),
    "district_no_open_period": (
        "Không có kỳ báo cáo nào đang nhận số liệu (các kỳ đã được công bố).",
        "No period is taking figures (all have been published).",
    ),
    "district_template": ("Tải mẫu báo cáo của đơn vị", "Download your unit's template"),
    "district_upload": ("Tệp báo cáo của đơn vị (Excel, CSV)", "Your unit's report file (Excel, CSV)"),
    "district_empty_state": (
        "Tải mẫu báo cáo ở trên, điền số liệu của đơn vị rồi tải tệp lên đây để kiểm tra trước khi nộp.",
        "Download the template above, fill in your unit's figures and upload the file here to check it first.",
    ),
    "district_understood": ("Số liệu của đơn vị đọc được từ tệp", "Your unit's figures as read from the file"),
    "district_accept_warnings": ("Tôi đã xem các cảnh báo và vẫn nộp", "I have read the warnings and submit anyway"),
    "district_submit": ("Nộp báo cáo", "Submit the report"),
    "district_submitted": (
        "Đã nộp báo cáo của {name} (lần {version}) lúc {at}.",
        "{name}'s report submitted (version {version}) at {at}.",
    ),
    "district_submitted_late": (
        "Đã nộp báo cáo của {name} (lần {version}) lúc {at}, sau hạn nộp.",
        "{name}'s report submitted (version {version}) at {at}, after the deadline.",
    ),
    "district_history": ("Các lần nộp của đơn vị trong kỳ này", "Your unit's submissions in this period"),
    "district_history_none": ("Đơn vị chưa nộp báo cáo kỳ này.", "Your unit has not submitted for this period."),
    "district_col_version": ("Lần", "Version"),
    "district_col_at": ("Thời điểm nộp", "Submitted at"),
    "district_col_file": ("Tệp", "File"),
    "district_field": ("Chỉ tiêu", "Figure"),
    "district_col_previous_version": ("Bản lần {version}", "Version {version}"),
    "district_col_this_version": ("Bản này", "This version"),
    "district_col_change": ("Thay đổi", "Change"),
    "district_change_changed": ("có thay đổi", "changed"),
    "no_change": ("không đổi", "no change"),
    "district_replaces": (
        "Bản này sẽ thay thế bản lần {version} ({by} nộp lúc {at}); bảng dưới đây đặt số liệu hai bản cạnh nhau.",
        "This version will replace version {version} (sent by {by} at {at}); the table below sets the two side by"
        " side.",
    ),
    "district_value": ("Số liệu", "Value"),
    "submission_other_district": (
        "Tài khoản của {own} không được nộp số liệu của {district}. Không có gì được ghi.",
        "An account of {own} may not submit {district}'s figures. Nothing was written.",
    ),
    "submission_no_period": ("Không có kỳ báo cáo số {period}.", "There is no period {period}."),
    "submission_period_published": (
        "Kỳ báo cáo đến ngày {as_of} đã được công bố: không nhận thêm số liệu.",
        "The period to {as_of} has been published: it takes no more figures.",
    ),
    "submission_correction_after_deadline": (
        "Đã quá hạn nộp: không sửa được báo cáo đã nộp của {district}. Liên hệ cán bộ tổng hợp của tỉnh.",
        "The deadline has passed: {district}'s submitted report can no longer be corrected. Contact the province.",
    ),
    "submission_has_errors": (
        "Tệp có {count} lỗi: sửa theo các thông báo ở trên rồi tải lên lại. Không có gì được ghi.",
        "The file has {count} errors: fix them as the messages above say and upload it again. Nothing was written.",
    ),
    "submission_warnings_not_accepted": (
        "Tệp có {count} cảnh báo: xem lại rồi xác nhận để nộp.",
        "The file has {count} warnings: read them and confirm to submit.",
    ),
    "submission_accepted_locked": (
        "Tỉnh đã chấp nhận báo cáo kỳ này của {district}: số liệu đã khóa, không nộp lại được. Nếu cần sửa, đề nghị cán bộ tổng hợp của tỉnh trả lại báo cáo.",
        "The province has accepted {district}'s report for this period: its figures are locked and cannot be sent again. To correct them, ask the province to return the report.",
    ),
    "submission_comment_needed": (
        "Tệp có {count} cảnh báo: ghi ý kiến giải trình (vì sao số liệu như vậy) rồi mới nộp được. Cán bộ duyệt của tỉnh sẽ đọc ý kiến này cùng các cảnh báo.",
        "The file has {count} warnings: write a comment explaining the figures before submitting. The province's reviewer reads it beside the warnings.",
    ),
    "intake_refused_has_errors": (
        "Còn {count} lỗi: chưa công bố được. Không có gì được ghi.",
        "{count} errors remain: nothing can be published. Nothing was written.",
    ),
    "intake_refused_warnings_not_accepted": (
        "Có {count} cảnh báo chưa được xác nhận: xem lại và xác nhận trước khi công bố. Không có gì được ghi.",
        "{count} warnings are not confirmed: read and confirm them before publishing. Nothing was written.",
    ),
    "intake_refused_store_changed": (
        "Trong lúc kiểm tra, một báo cáo khác vừa được công bố: trang đã kiểm tra lại, xem lại rồi công bố. Không có gì được ghi.",
        "Another report was published while this one was being checked: it has been checked again; review it and publish. Nothing was written.",
    ),
    "intake_refused_period_published": (
        "Kỳ báo cáo đến ngày {as_of} đã được công bố và đã đóng.",
        "The period to {as_of} has been published and is closed.",
    ),
    "intake_refused_no_register": ("Không có danh sách điểm số {id}.", "There is no register {id}."),
    "intake_refused_review_province_only": (
        "Chỉ cán bộ của tỉnh được duyệt báo cáo của các đơn vị.",
        "Only province staff review the units' reports.",
    ),
    "intake_refused_return_needs_comment": (
        "Ghi rõ lý do trả lại (cần sửa số liệu nào) để đơn vị biết mà sửa.",
        "Say why the report is returned (which figures to correct) so that the unit can correct it.",
    ),
    "intake_refused_review_period_published": (
        "Kỳ báo cáo này đã được công bố: không duyệt lại được.",
        "This period has been published: its reports can no longer be reviewed.",
    ),
    "intake_refused_review_not_latest": (
        "Đơn vị đã nộp bản mới hơn: duyệt bản mới nhất.",
        "The unit has sent a newer version: review the latest one.",
    ),
    "register_refused_province_only": (
        "Chỉ cán bộ của tỉnh được lưu danh sách điểm kiểm dịch của toàn tỉnh. Không có gì được ghi.",
        "Only province staff keep the register of the province's check-in points. Nothing was written.",
    ),
    "register_refused_has_errors": (
        "Danh sách điểm kiểm dịch còn {count} lỗi: chưa lưu được. Không có gì được ghi.",
        "{count} errors remain in the register of check-in points: it cannot be kept. Nothing was written.",
    ),
    "register_refused_not_a_register": (
        "Tệp {file} không được đọc thành danh sách điểm kiểm dịch. Không có gì được ghi.",
        "{file} was not read as a register of check-in points. Nothing was written.",
    ),
    "register_refused_no_points": (
        "Tệp {file} không có điểm kiểm dịch nào. Không có gì được ghi.",
        "{file} holds no check-in point. Nothing was written.",
    ),
    "register_refused_no_period": (
        "Không có kỳ báo cáo số {period}. Không có gì được ghi.",
        "There is no reporting period {period}. Nothing was written.",
    ),
    "register_refused_unknown_action": (
        "Không có cách xử lý “{action}”: chọn “Đã hướng dẫn”, “Đã gỡ bỏ” hoặc “Chưa kiểm tra”.",
        "There is no action “{action}”: choose “Guided”, “Removed” or “Not checked”.",
    ),
    "register_refused_no_point": (
        "Điểm kiểm dịch {point} không có trong danh sách này. Không có gì được ghi.",
        "Check-in point {point} is not in this register. Nothing was written.",
    ),
    "register_refused_other_district": (
        "Điểm kiểm dịch này thuộc {district}: tài khoản của {own} chỉ ghi nhận điểm của đơn vị mình. Không có gì được ghi.",
        "This check-in point belongs to {district}: {own}'s account records its own points only. Nothing was written.",
    ),
    "register_refused_note_needed": (
        "Ghi rõ lý do gỡ bỏ điểm {point} (đã ngừng hoạt động, mã trùng hoặc sai). Không có gì được ghi.",
        "Say why point {point} is removed (closed, duplicated or wrong code). Nothing was written.",
    ),
    "finding_register_commune_decided": (
        "{rows}: “{value}” ({district}) được tính cho {target}, theo quyết định của người tải lên.",
        "{rows}: “{value}” ({district}) counted for {target}, as the uploader decided.",
    ),
    "register_commune_none": ("huyện (không rõ xã)", "the district (commune unknown)"),
    "finding_register_differs_from_typed": (
        "{name}: {field} theo danh sách điểm kiểm dịch là {register}, báo cáo ghi {typed} (giữ nguyên cả hai số liệu).",
        "{name}: {field} is {register} in the register of check-in points, {typed} in the typed report (both figures kept).",
    ),
    "register_no_point": ("trống (không có điểm nào)", "blank (no point at all)"),
    "typed_not_reported": ("trống (không có báo cáo)", "blank (not reported)"),
    "finding_register_report_without_bluezone": (
        "Chưa có báo cáo đã công bố cùng ngày: Phụ lục 1 (Bluezone) để trống, không tính là 0.",
        "No report of the same date is published yet: appendix 1 (Bluezone) is left blank, not counted as zero.",
    ),
    "register_refused_reply_has_errors": (
        "Tệp kết quả kiểm tra có {count} dòng chưa đúng (xem dưới đây): chưa ghi nhận dòng nào. Sửa các dòng này rồi tải lên lại.",
        "The results file has {count} rows to correct (see below): nothing was recorded. Correct them and upload it again.",
    ),
    "finding_worklist_unknown_result": (
        "Kết quả “{value}” không phải là “Đã hướng dẫn”, “Đã gỡ bỏ” hay “Chưa kiểm tra”. Chọn một trong ba kết quả này.",
        "The result “{value}” is none of “Guided”, “Removed”, “Not checked”. Choose one of them.",
    ),
    "finding_worklist_row_without_code": (
        "Dòng có kết quả kiểm tra nhưng không có mã điểm. Ghi mã điểm (như trong danh sách đã tải về).",
        "The row has a result but no point code. Write the point's code (as in the list downloaded).",
    ),
    "finding_worklist_no_columns": (
        "Tệp {file} không có cột “Mã điểm” và cột “Kết quả kiểm tra”. Dùng danh sách điểm cần kiểm tra tải về từ trang này.",
        "The file {file} has no “Mã điểm” and “Kết quả kiểm tra” columns. Use the worklist downloaded from this page.",
    ),
    "finding_worklist_unknown_point": (
        "Mã điểm “{value}” không có trong danh sách điểm kiểm dịch của kỳ này.",
        "The point code “{value}” is not in this register.",
    ),
    "finding_worklist_other_district": (
        "Điểm “{value}” thuộc {district}, không thuộc đơn vị của tài khoản.",
        "The point “{value}” belongs to {district}, not to this account's unit.",
    ),
    "finding_worklist_note_needed": (
        "Điểm “{value}” ghi “Đã gỡ bỏ”: ghi rõ lý do ở cột Ghi chú (cơ sở đã đóng cửa, mã trùng hoặc sai).",
        "The point “{value}” is marked “Removed”: say why in the Note column (closed, duplicated or wrong code).",
    ),
    "page_points": ("Danh sách điểm kiểm dịch", "Check-in point register"),
    "points_intro": (
        "Tải lên danh sách điểm kiểm dịch xuất từ hệ thống quét mã QR (mỗi dòng một điểm: mã, tên, loại hình, xã, huyện, lượt quét). Ứng dụng tính Phụ lục 2 và 3 theo từng huyện, xã từ danh sách, đặt cạnh báo cáo đã nhập cùng ngày, rồi lưu danh sách để các huyện kiểm tra từng điểm chưa có lượt quét.",
        "Upload the list of check-in points exported from the QR check-in system (one row per point: code, name, kind, commune, district, scans). The app computes appendices 2 and 3 per district and commune from it, beside the typed report of the same date, and keeps it so that the districts check each point never scanned.",
    ),
    "points_as_of": ("Danh sách xuất ngày (số liệu tính đến)", "Exported on (figures as of)"),
    "date_in_future": (
        "Ngày {date} chưa đến (hôm nay là {today}): số liệu không thể tính đến ngày này. Đề nghị chọn lại ngày; "
        "chưa có gì được lưu.",
        "{date} has not come yet (today is {today}): figures cannot be as of that day. Please choose the date "
        "again; nothing has been saved.",
    ),
    "points_file": ("Tệp danh sách điểm kiểm dịch (CSV hoặc XLSX)", "Register file (CSV or XLSX)"),
    "points_empty_state": (
        "Chưa có tệp. Xuất danh sách điểm kiểm dịch từ hệ thống rồi tải lên tại đây.",
        "No file yet. Export the list of points from the check-in system and upload it here.",
    ),
    "points_reading": ("Đang đọc và kiểm tra danh sách điểm…", "Reading and checking the register…"),
    "points_blocked": (
        "Danh sách có {errors} lỗi: chưa lưu được. Sửa theo các thông báo ở trên rồi tải lên lại.",
        "The register has {errors} errors: it cannot be kept. Fix them as the messages above say and upload it again.",
    ),
    "points_blocked_decidable": (
        "Danh sách có {errors} lỗi: chưa lưu được. Sửa tệp theo các thông báo ở trên rồi tải lên lại; lỗi về xã, phường, thị trấn có thể giải quyết bằng cách chọn nơi tính các điểm ở phần bên dưới.",
        "The register has {errors} errors: it cannot be kept. Fix the file as the messages above say and upload it again; the errors about communes can be settled by choosing where their points count below.",
    ),
    "points_computed": (
        "Phụ lục 2 và 3 tính từ danh sách ({count} điểm)",
        "Appendices 2 and 3 computed from the register ({count} points)",
    ),
    "points_col_district": ("Địa phương", "District"),
    "points_col_commune": ("Xã, phường, thị trấn", "Commune"),
    "points_col_no_scan_pct": ("Tỷ lệ không ghi nhận vào ra (%)", "No-scan rate (%)"),
    "points_total_row": ("Cộng", "Total"),
    "points_no_commune": ("(chưa rõ xã)", "(commune unknown)"),
    "points_no_typed": (
        "Chưa có báo cáo đã công bố số liệu tính đến ngày {date} để đối chiếu.",
        "There is no published report as of {date} to compare with.",
    ),
    "points_differences": (
        "{count} số liệu tính từ danh sách khác với báo cáo đã công bố số liệu tính đến ngày {date}. Giữ nguyên cả hai: báo cáo không bị thay số liệu; cán bộ đối chiếu với các huyện.",
        "{count} figures computed from the register differ from the published report as of {date}. Both are kept: the report's figures are not replaced; staff check them with the districts.",
    ),
    "points_differences_label": ("Chênh lệch giữa danh sách và báo cáo", "Register against the report"),
    "points_col_field": ("Chỉ tiêu", "Figure"),
    "points_col_register": ("Theo danh sách điểm", "In the register"),
    "points_col_typed": ("Theo báo cáo", "In the report"),
    "points_col_gap": ("Chênh lệch", "Difference"),
    "points_same_as_typed": (
        "Số liệu tính từ danh sách khớp với báo cáo đã công bố số liệu tính đến ngày {date}.",
        "The figures computed from the register match the published report as of {date}.",
    ),
    "points_keep": ("Lưu danh sách điểm ngày {date}", "Keep the register of {date}"),
    "points_kept": (
        "Đã lưu danh sách điểm số {id} ({count} điểm). Các huyện xem danh sách điểm cần kiểm tra trên trang Báo cáo của huyện.",
        "Register {id} kept ({count} points). The districts see their points to check on the district's page.",
    ),
    "points_kept_title": ("Các danh sách đã lưu", "Registers kept"),
    "points_decide_title": (
        "Các điểm có xã, phường, thị trấn không khớp danh mục: sửa tệp, hoặc chọn nơi tính các điểm này",
        "Points whose commune matches none of the reference: correct the file, or choose where they count",
    ),
    "points_decide_label": ("“{value}” ({district}, {points})", "“{value}” ({district}, {points})"),
    "points_count_one": ("{count} điểm", "{count} point"),
    "points_count_many": ("{count} điểm", "{count} points"),
    "points_decide_undecided": ("— Chưa chọn (tệp chưa lưu được) —", "— Not chosen (the file cannot be kept) —"),
    "points_decide_no_commune": ("Không rõ xã: chỉ tính cho huyện", "Commune unknown: counted for the district only"),
    "points_decide_elsewhere": ("Tính cho {commune}, {district}", "Count for {commune}, {district}"),
    "points_decide_apply": ("Áp dụng và đọc lại tệp", "Apply and read the file again"),
    "points_date_stated": (
        "Dòng {row} của tệp ghi ngày {date}, còn ngày đã chọn là {chosen}. Danh sách được lưu theo ngày đã chọn: chọn lại ngày nếu cần.",
        "Row {row} of the file says {date}, but the date chosen is {chosen}. The register is kept under the date chosen: choose it again if needed.",
    ),
    "points_use_date_stated": ("Dùng ngày {date} của tệp", "Use the file's date, {date}"),
    "points_decided_title": (
        "Nơi tính các điểm có xã, phường, thị trấn không khớp danh mục ({count}): xem hoặc sửa",
        "Where the points whose commune matches none of the reference count ({count}): see or change",
    ),
    "points_decisions_used_saved": (
        "Các điểm ghi {wordings} được tính theo quyết định đã lưu của {by} ({at}). Xem hoặc sửa ở mục “Nơi tính các điểm có xã, phường, thị trấn không khớp danh mục”.",
        "The points written {wordings} are counted as {by} decided and saved ({at}). See or change it under “Where the points whose commune matches none of the reference count”.",
    ),
    "points_decisions_saved": (
        "Nơi tính các điểm có xã, phường, thị trấn không khớp danh mục đã được lưu cho các tệp sau.",
        "Where the points whose commune matches none of the reference count was saved for the next files.",
    ),
    "points_report_title": ("Công bố báo cáo từ danh sách điểm", "Publish a report from a register"),
    "points_report_choose": ("Danh sách", "Register"),
    "points_report_option": ("Ngày {date} — {file}", "{date} — {file}"),
    "points_report_publish": (
        "Công bố báo cáo ngày {date} (Phụ lục 2, 3 tính từ danh sách)",
        "Publish the report of {date} (appendices 2 and 3 from the register)",
    ),
    "points_none_kept": ("Chưa lưu danh sách điểm nào.", "No register kept yet."),
    "points_col_as_of": ("Số liệu tính đến", "As of"),
    "points_col_count": ("Số điểm", "Points"),
    "points_col_at": ("Lưu lúc", "Kept at"),
    "points_communes_choose": ("Xem theo xã, phường, thị trấn của", "See the communes of"),
    "points_communes_title": (
        "{name}: theo xã, phường, thị trấn (danh sách điểm ngày {date})",
        "{name}: by commune (register of {date})",
    ),
    "points_communes_none": ("Danh sách không có điểm nào của đơn vị này.", "The register has no point of this unit."),
    "points_board_title": ("Điểm kiểm dịch chưa có lượt quét: kết quả xử lý", "Never-scanned points: follow-up"),
    "points_board_caption": (
        "Theo danh sách điểm ngày {date}: tỷ lệ điểm chưa có lượt quét đã được huyện kiểm tra, xử lý đến ngày {limit} (trong {days} ngày) và tỷ lệ đã được danh sách kỳ sau xác minh trong thời hạn đó {verified}. Cột cuối: các xã chưa có điểm kiểm dịch công cộng nào theo danh sách mới nhất (ngày {latest}), theo mục 3 Công văn của UBND tỉnh.",
        "Register of {date}: the share of never-scanned points the district checked by {limit} (within {days} days), and the share the next register verified within that time {verified}. Last column: the communes without a single public-venue point in the latest register ({latest}), as item 3 of the Provincial People's Committee's dispatch asks.",
    ),
    "points_board_verified_by": ("(danh sách ngày {next})", "(the register of {next})"),
    "points_board_verified_late": (
        "(danh sách kỳ sau, ngày {next}, lập sau thời hạn nên không tính là xác minh trong hạn)",
        "(the next register, of {next}, came after that time and verifies nothing within it)",
    ),
    "points_board_verified_none": ("(chưa có danh sách kỳ sau)", "(no next register yet)"),
    "points_board_never": ("Điểm chưa có lượt quét", "Never scanned"),
    "points_board_handled": ("Đã xử lý trong {days} ngày (%)", "Handled within {days} days (%)"),
    "points_board_verified": ("Đã xác minh trong {days} ngày (%)", "Verified within {days} days (%)"),
    "points_board_no_public": ("Xã chưa có điểm công cộng", "Communes without a public point"),
    "points_board_none": ("— (xã nào cũng có)", "— (every commune has one)"),
    # --- the documents' part on the register of points (lc_metrics.publish.points_summary)
    "points_doc_title": ("Điểm kiểm dịch chưa có lượt quét", "Never-scanned check-in points"),
    "points_doc_register": (
        "Theo danh sách điểm kiểm dịch ngày {date}",
        "Register of check-in points of {date}",
    ),
    "points_col_points": ("Số điểm", "Points"),
    "points_col_never": ("Chưa có lượt quét", "Never scanned"),
    "points_col_never_pct": ("Tỷ lệ chưa có lượt quét", "Never-scanned rate"),
    "points_col_handled": ("Đã xử lý", "Handled"),
    "points_col_verified": ("Đã xác minh", "Verified"),
    "points_followup_verified": (
        "Đã xử lý, đã xác minh: tính trên {count} điểm chưa có lượt quét của danh sách ngày {date} — đã được huyện hướng dẫn hoặc gỡ bỏ trong 14 ngày; danh sách ngày {next} ghi nhận đã có lượt quét hoặc đã gỡ bỏ.",
        "Handled, verified: of the {count} never-scanned points of the register of {date} — guided or removed by the district within 14 days; shown scanned or gone by the register of {next}.",
    ),
    "points_followup_pending": (
        "Đã xử lý: tính trên {count} điểm chưa có lượt quét của danh sách ngày {date}, đã được huyện hướng dẫn hoặc gỡ bỏ trong 14 ngày; chưa có danh sách kỳ sau để xác minh.",
        "Handled: of the {count} never-scanned points of the register of {date}, guided or removed by the district within 14 days; no later register has verified them yet.",
    ),
    "points_communes_line": (
        "Xã, phường, thị trấn chưa có điểm kiểm dịch công cộng: {count} — {detail}.",
        "Communes without a public-venue check-in point: {count} — {detail}.",
    ),
    "points_communes_all_have": (
        "Mọi xã, phường, thị trấn đều đã có điểm kiểm dịch công cộng.",
        "Every commune has a public-venue check-in point.",
    ),
    "points_communes_more": ("và {count} xã khác", "and {count} more"),
    "points_sheet_title": (
        "Điểm kiểm dịch cần kiểm tra, chưa xử lý, theo danh sách điểm ngày {date}: {count} điểm",
        "Check-in points to check, not yet handled, register of {date}: {count} points",
    ),
    "points_sheet_note": (
        "Theo từng huyện, thị xã, thành phố; trong mỗi đơn vị, cơ quan nhà nước trước. Mỗi huyện tải danh sách của mình và ghi kết quả kiểm tra trên trang Báo cáo của huyện.",
        "District by district; within each, state agencies first. Each district downloads its own list and records the results on the district's page.",
    ),
    "points_sheet_none": ("Không còn điểm nào cần kiểm tra.", "No point is left to check."),
    "worklist_title_page": ("Điểm kiểm dịch cần kiểm tra", "Check-in points to check"),
    "worklist_no_register": (
        "Chưa có danh sách điểm kiểm dịch nào được lưu: tỉnh tải lên danh sách xuất từ hệ thống trên trang Danh sách điểm kiểm dịch.",
        "No register of check-in points has been kept yet: the province uploads the system's list on the register page.",
    ),
    "worklist_counts": (
        "Theo danh sách điểm ngày {date}: {total} điểm cần kiểm tra — {open} cần xử lý, {reopened} mở lại, {guided} đã hướng dẫn, {removed} đã gỡ bỏ (chờ danh sách kỳ sau xác minh).",
        "Register of {date}: {total} points to check — {open} open, {reopened} reopened, {guided} guided, {removed} removed (awaiting the next register).",
    ),
    "worklist_verified_line": (
        "Kết quả xử lý theo danh sách ngày {date}: {verified} điểm đã xác minh, {reopened} điểm mở lại (vẫn chưa có lượt quét).",
        "Follow-up of the register of {date}: {verified} points verified, {reopened} reopened (still not scanned).",
    ),
    "worklist_pending_line": (
        "{pending} điểm được xử lý sau ngày {next}, ngày xuất danh sách này, nên chưa thể xác minh: chuyển sang kỳ sau.",
        "{pending} points were handled after {next}, the date of this register, so it cannot verify them: carried"
        " over to the next register.",
    ),
    "worklist_commune": ("Xã, phường, thị trấn", "Commune"),
    "worklist_more": (
        "Trên đây là {shown} trong {count} điểm (cơ quan nhà nước trước). Tải danh sách XLSX để xem đủ, hoặc chọn từng xã.",
        "Above: {shown} of {count} points (state agencies first). Download the XLSX for all of them, or choose a commune.",
    ),
    "worklist_all_communes": ("Tất cả", "All"),
    "worklist_download": ("Tải danh sách điểm cần kiểm tra (XLSX)", "Download the points to check (XLSX)"),
    "worklist_download_commune": (
        "Tải danh sách điểm cần kiểm tra của {commune} (XLSX)",
        "Download the points to check in {commune} (XLSX)",
    ),
    "worklist_upload": (
        "Tải lên danh sách đã ghi kết quả kiểm tra (cột “Kết quả kiểm tra” và “Ghi chú”)",
        "Upload the list with the results filled in (“Kết quả kiểm tra” and “Ghi chú” columns)",
    ),
    "worklist_reply_read": (
        "Đọc được: {guided} điểm đã hướng dẫn, {removed} điểm đã gỡ bỏ, {unchecked} điểm chưa kiểm tra.",
        "Read: {guided} guided, {removed} removed, {unchecked} not checked.",
    ),
    "worklist_record": ("Ghi nhận kết quả kiểm tra", "Record the results"),
    "worklist_recorded": ("Đã ghi nhận kết quả kiểm tra của {count} điểm.", "Recorded the results of {count} points."),
    "worklist_one_point": ("Ghi kết quả một điểm", "Record one point"),
    "worklist_record_one": ("Ghi nhận", "Record"),
    "worklist_choose_point": ("Chọn một điểm trong danh sách", "Choose a point of the list"),
    "worklist_choose_first": (
        "Chọn điểm và kết quả kiểm tra rồi bấm “Ghi nhận”. Chưa có gì được ghi.",
        "Choose the point and the result of the check, then “Record”. Nothing was recorded.",
    ),
    "worklist_sheet": ("Điểm cần kiểm tra", "Points to check"),
    "worklist_title": (
        "{district}: điểm kiểm dịch cần kiểm tra theo danh sách điểm ngày {date}",
        "{district}: check-in points to check, register of {date}",
    ),
    "worklist_instructions": (
        "Ghi kết quả kiểm tra từng điểm ở cột “Kết quả kiểm tra” (Đã hướng dẫn / Đã gỡ bỏ / Chưa kiểm tra) và ghi chú, rồi tải tệp lên trang Báo cáo của huyện.",
        "Write each point's result in the “Kết quả kiểm tra” column (Guided / Removed / Not checked) and a note, then upload the file on the district's page.",
    ),
    "worklist_col_code": ("Mã điểm", "Point code"),
    "worklist_col_name": ("Tên điểm kiểm dịch", "Point name"),
    "worklist_col_kind": ("Loại hình", "Kind"),
    "worklist_col_commune": ("Xã, phường, thị trấn", "Commune"),
    "worklist_col_address": ("Địa chỉ", "Address"),
    "worklist_col_reason": ("Lý do cần kiểm tra", "Why it is listed"),
    "worklist_col_status": ("Tình trạng", "Status"),
    "worklist_col_action": ("Kết quả kiểm tra", "Result of the check"),
    "worklist_col_note": ("Ghi chú", "Note"),
    "point_kind_state": ("Cơ quan nhà nước", "State agency"),
    "point_kind_food": ("Nhà hàng, quán ăn", "Restaurant, eatery"),
    "point_kind_entertainment": ("Điểm vui chơi, giải trí", "Entertainment venue"),
    "point_kind_sport": ("Cơ sở thể dục, thể thao", "Sports venue"),
    "point_kind_market": ("Chợ, siêu thị, trung tâm thương mại", "Market, supermarket, mall"),
    "point_kind_transport": ("Bến xe, nhà ga, điểm giao thông", "Bus or railway station, transport"),
    "point_kind_health": ("Cơ sở y tế", "Health facility"),
    "point_kind_school": ("Cơ sở giáo dục", "School"),
    "point_kind_lodging": ("Cơ sở lưu trú", "Lodging"),
    "point_kind_religious": ("Cơ sở tôn giáo, tín ngưỡng", "Place of worship"),
    "point_kind_business": ("Cơ sở sản xuất, kinh doanh", "Business"),
    "point_action_guided": ("Đã hướng dẫn", "Guided"),
    "point_action_removed": ("Đã gỡ bỏ", "Removed"),
    "point_action_unchecked": ("Chưa kiểm tra", "Not checked"),
    "point_reason_never_scanned": ("Chưa ghi nhận lượt quét", "Never scanned"),
    "point_reason_no_recent_scan": ("Không có lượt quét trong 14 ngày", "No scan in 14 days"),
    "point_status_open": ("Cần xử lý", "Open"),
    "point_status_reopened": (
        "Mở lại: danh sách kỳ sau vẫn chưa có lượt quét",
        "Reopened: still no scan in the next register",
    ),
    "point_status_guided": ("Đã hướng dẫn, chờ kỳ sau xác minh", "Guided, awaiting the next register"),
    "point_status_removed": ("Đã gỡ bỏ, chờ kỳ sau xác minh", "Removed, awaiting the next register"),
    "point_outcome_verified": ("Đã xác minh: có lượt quét", "Verified: scanned"),
    "point_outcome_verified_removed": ("Đã xác minh: không còn trong danh sách", "Verified: gone from the register"),
    "point_outcome_reopened": ("Mở lại", "Reopened"),
    "point_outcome_absent": (
        "Không còn trong danh sách dù báo còn hoạt động",
        "Gone from the register although reported operating",
    ),
    "finding_consolidation_province_file_errors": (
        "Tệp của tỉnh {file} có lỗi (xem dưới đây): sửa tệp rồi tải lên lại, hoặc tổng hợp không dùng tệp này.",
        "The province workbook {file} has errors (see below): fix it and upload it again, or consolidate without it.",
    ),
    "finding_consolidation_pending_review": (
        "Báo cáo của {names} chưa được duyệt: chưa đưa vào tổng hợp. Duyệt (chấp nhận hoặc trả lại) trước khi công bố.",
        "The reports of {names} have not been reviewed and are not consolidated. Accept or return them before publishing.",
    ),
    "finding_consolidation_returned": (
        "Báo cáo của {names} đã bị trả lại và chưa được sửa: chưa đưa vào tổng hợp.",
        "The reports of {names} were returned and not yet corrected: they are not consolidated.",
    ),
    "finding_consolidation_before_deadline": (
        "Chưa đến hạn nộp ({deadline}, còn {left}). Công bố lúc này sẽ đóng kỳ báo cáo: các đơn vị không nộp hoặc sửa báo cáo được nữa.",
        "The deadline ({deadline}) is {left} away. Publishing now closes the period: the units can no longer submit or correct their reports.",
    ),
    "finding_consolidation_districts_missing": (
        "{count} đơn vị chưa có số liệu được chấp nhận và sẽ được ghi “không có báo cáo”: {names}.",
        "{count} units have no accepted figures and will be shown as “not reported”: {names}.",
    ),
    "finding_consolidation_conflicts_unresolved": (
        "Chọn nguồn số liệu cho các đơn vị có số liệu khác với tệp của tỉnh: {names}.",
        "Choose which figures to use for the units whose figures differ from the province workbook: {names}.",
    ),
    "cli_review_nothing": (
        "{district} chưa nộp báo cáo cho kỳ đến ngày {as_of}: không có gì để duyệt.",
        "{district} has not submitted for the period to {as_of}: nothing to review.",
    ),
    "cli_review_accepted": (
        "Đã chấp nhận báo cáo lần {version} của {district}; số liệu đã khóa.",
        "Accepted version {version} of {district}'s report; its figures are locked.",
    ),
    "cli_review_returned": (
        "Đã trả lại báo cáo lần {version} của {district} kèm ý kiến; đơn vị sửa và nộp lại.",
        "Returned version {version} of {district}'s report with the comment; the district corrects and sends it again.",
    ),
    "cli_choose_format": (
        "--choose {given}: viết MÃ=district hoặc MÃ=province (ví dụ 083=district).",
        "--choose {given}: write CODE=district or CODE=province (e.g. 083=district).",
    ),
    "district_review_accepted": (
        "Tỉnh đã chấp nhận báo cáo lần {version} của đơn vị: số liệu đã khóa. Nếu cần sửa, đề nghị cán bộ tổng hợp của tỉnh trả lại báo cáo.",
        "The province has accepted your version {version}: its figures are locked. To correct them, ask the province to return the report.",
    ),
    "district_review_returned": (
        "Tỉnh đã trả lại báo cáo lần {version} với ý kiến: “{comment}”{end} Sửa theo ý kiến rồi nộp lại (được nộp cả sau hạn).",
        "The province returned version {version} with the comment: “{comment}”{end} Correct it and send it again (also after the deadline).",
    ),
    "district_review_pending": (
        "Báo cáo lần {version} đang chờ tỉnh duyệt. Nộp bản sửa trước hạn sẽ thay thế bản này.",
        "Version {version} is awaiting the province's review. A correction sent before the deadline replaces it.",
    ),
    "district_warning_comment": (
        "Ý kiến giải trình các cảnh báo (bắt buộc; tỉnh đọc khi duyệt)",
        "Explanation of the warnings (required; the province reads it when reviewing)",
    ),
    "district_col_review": ("Duyệt", "Review"),
    "district_col_review_comment": ("Ý kiến của tỉnh", "Province's comment"),
    "review_pending": ("chờ duyệt", "awaiting review"),
    "review_replaced": ("đã được thay thế bằng lần {version}", "replaced by version {version}"),
    "review_accepted": ("đã chấp nhận", "accepted"),
    "review_returned": ("đã trả lại", "returned"),
    "review_title": ("Duyệt báo cáo của các đơn vị", "Review the units' reports"),
    "review_none": ("Chưa đơn vị nào nộp báo cáo kỳ này.", "No unit has submitted for this period yet."),
    "review_heading": ("{name} — lần {version} — {state}", "{name} — version {version} — {state}"),
    "review_sender_comment": ("Giải trình của đơn vị: “{comment}”", "The unit's explanation: “{comment}”"),
    "review_comment_given": ("Ý kiến đã gửi đơn vị: “{comment}”", "Comment sent to the unit: “{comment}”"),
    "review_return_comment": (
        "Lý do trả lại (cần sửa số liệu nào)",
        "Why it is returned (which figures to correct)",
    ),
    "review_accept": ("Chấp nhận số liệu của {name}", "Accept {name}'s figures"),
    "review_return": ("Trả lại {name} để sửa", "Return to {name} for correction"),
    "consolidate_checks": ("Kiểm tra báo cáo tổng hợp", "Checks of the consolidated report"),
    "consolidate_closing_means": (
        "Công bố sẽ đóng kỳ báo cáo: các đơn vị không nộp hoặc sửa báo cáo kỳ này được nữa; đơn vị chưa có số liệu được chấp nhận được ghi “không có báo cáo”.",
        "Publishing closes the period: the units can no longer submit or correct this period's report; a unit without accepted figures is shown as “not reported”.",
    ),
    "consolidate_confirm": (
        "Tôi đã đọc {count} cảnh báo ở trên và xác nhận công bố, đóng kỳ báo cáo",
        "I have read the {count} warnings above and confirm publishing and closing the period",
    ),
    "finding_submission_other_districts": (
        "Tệp có số liệu của đơn vị khác ({districts}): chỉ nộp số liệu của {own}. Dùng mẫu báo cáo của đơn vị.",
        "The file has other units' figures ({districts}): submit only {own}'s. Use your unit's template.",
    ),
    "finding_submission_district_absent": (
        "Tệp không có dòng số liệu của {district}.",
        "The file has no row for {district}.",
    ),
    "finding_submission_appendix_absent": (
        "Tệp không có {table}: phụ lục này sẽ ghi “không có báo cáo” cho đơn vị.",
        "The file has no {table}: that appendix will say “not reported” for this unit.",
    ),
    "finding_province_totals_from_districts": (
        "Không có tệp tổng hợp của tỉnh: số liệu toàn tỉnh là tổng của các huyện có báo cáo.",
        "No province workbook: the province figures are the sums of the districts that reported.",
    ),
    "consolidate_province_file": (
        "Tệp tổng hợp của tỉnh (không bắt buộc: số liệu chung toàn tỉnh, thứ hạng, ghi chú)",
        "The province's workbook (optional: province totals, rank, notes)",
    ),
    "consolidate_province_errors": (
        "Tệp tổng hợp của tỉnh có lỗi, chưa dùng được:",
        "The province's workbook has errors and cannot be used yet:",
    ),
    "consolidate_side_by_side": ("Số liệu các đơn vị, đặt cạnh nhau", "The units' figures side by side"),
    "consolidate_col_source": ("Nguồn", "Source"),
    "consolidate_source_district": ("Đơn vị nộp (lần {version})", "Unit's submission (v{version})"),
    "consolidate_source_province": ("Tệp của tỉnh", "Province workbook"),
    "consolidate_conflicts": (
        "{count} đơn vị có số liệu khác nhau giữa báo cáo của đơn vị và tệp của tỉnh: chọn nguồn cho từng đơn vị.",
        "{count} units' figures differ between their own report and the province workbook: choose a source for each.",
    ),
    "consolidate_conflict_choice": ("{name}: khác nhau ở {fields}", "{name}: differs in {fields}"),
    "consolidate_choice_district": ("Số liệu của đơn vị", "The unit's figures"),
    "consolidate_choice_province": ("Số liệu trong tệp của tỉnh", "The province workbook's figures"),
    "consolidate_not_reported": (
        "Không có báo cáo (để trống, không tính là 0): {names}.",
        "Not reported (left empty, not counted as 0): {names}.",
    ),
    "consolidate_all_reported": ("Tất cả các đơn vị đều có số liệu.", "Every unit has figures."),
    "consolidate_unresolved": ("Chọn nguồn cho: {names}.", "Choose a source for: {names}."),
    "consolidate_publish": ("Công bố báo cáo của kỳ", "Publish the period's report"),
    "consolidate_published": (
        "Đã công bố báo cáo kỳ đến ngày {as_of} (số {id}). Trang Tổng quan hiển thị báo cáo này.",
        "The report to {as_of} is published (id {id}). The overview shows it.",
    ),
    "consolidate_nothing": (
        "Chưa có đơn vị nào nộp và chưa có tệp của tỉnh: chưa có gì để tổng hợp.",
        "No unit has submitted and there is no province workbook: nothing to consolidate yet.",
    ),
    "admin_reporting": ("Kỳ báo cáo", "Reporting periods"),
    "admin_schedule": ("Lịch báo cáo", "Schedule"),
    "admin_cadence": ("Cách mở kỳ báo cáo", "How periods open"),
    "cadence_weekly": ("Hằng tuần (tự động)", "Weekly (automatic)"),
    "cadence_manual": ("Quản trị viên mở từng kỳ", "Opened by hand"),
    "admin_weekday": ("Ngày hạn nộp", "Deadline day"),
    "admin_hour": ("Giờ hạn nộp (giờ Việt Nam)", "Deadline hour (Vietnam time)"),
    "admin_schedule_save": ("Lưu lịch báo cáo", "Save the schedule"),
    "admin_schedule_saved": ("Đã lưu lịch báo cáo.", "Schedule saved."),
    "admin_schedule_now": (
        "Hiện tại: {cadence}; hạn nộp {weekday} lúc {hour}:00.",
        "Now: {cadence}; due {weekday} at {hour}:00.",
    ),
    "admin_open_period": ("Mở kỳ báo cáo", "Open a period"),
    "admin_period_as_of": ("Số liệu tính đến ngày", "Figures as of"),
    "admin_period_deadline_day": ("Ngày hạn nộp", "Deadline date"),
    "admin_period_deadline_time": ("Giờ hạn nộp (giờ Việt Nam)", "Deadline time (Vietnam time)"),
    "admin_period_opened": ("Đã mở kỳ báo cáo đến ngày {as_of}.", "Period to {as_of} opened."),
    "admin_period_exists": (
        "Đã có kỳ báo cáo đến ngày {as_of}: không mở thêm.",
        "There is already a period to {as_of}: none opened.",
    ),
    "admin_period_bad_deadline": (
        "Hạn nộp phải sau ngày tính số liệu.",
        "The deadline must come after the as-of date.",
    ),
    "admin_change_deadline": ("Sửa hạn nộp", "Change the deadline"),
    "admin_deadline_changed": ("Đã sửa hạn nộp thành {deadline}.", "Deadline changed to {deadline}."),
    "admin_users": ("Tài khoản", "Accounts"),
    "admin_users_none": ("Chưa có tài khoản nào.", "No account yet."),
    "admin_user_name": ("Tên đăng nhập", "User name"),
    "admin_user_role": ("Vai trò", "Role"),
    "admin_user_district": ("Đơn vị (chỉ với tài khoản của huyện)", "District (district accounts only)"),
    "admin_user_district_none": ("— cả tỉnh —", "— whole province —"),
    "admin_user_password": ("Mật khẩu (ít nhất 10 ký tự)", "Password (at least 10 characters)"),
    "admin_user_save": ("Lưu tài khoản", "Save the account"),
    "admin_user_saved": ("Đã lưu tài khoản {name}.", "Account {name} saved."),
    "admin_user_error_bad_name": (
        "Tên đăng nhập không hợp lệ (chữ thường không dấu, số, . _ -; 2–40 ký tự).",
        "Invalid user name (lower-case letters, digits, . _ -; 2–40 characters).",
    ),
    "admin_user_error_bad_role": ("Vai trò không hợp lệ.", "Invalid role."),
    "admin_user_error_bad_district": (
        "Chỉ tài khoản cập nhật dữ liệu mới gắn được với một đơn vị.",
        "Only an uploader account can be tied to a district.",
    ),
    "admin_user_error_short_password": ("Mật khẩu cần ít nhất 10 ký tự.", "The password needs at least 10 characters."),
    "role_district_uploader": ("cập nhật dữ liệu của {name}", "uploader for {name}"),
    # --- accounts in the store (lc_metrics.store.auth, lc_app.admin accounts, lc_app.accounts, cli user …)
    "admin_user_error_exists": (
        "Đã có tài khoản tên này: dùng mục “Sửa một tài khoản” để đặt lại mật khẩu hay đổi vai trò.",
        "An account of that name exists: use “Change an account” to reset its password or change its role.",
    ),
    "admin_user_error_long_password": (
        "Mật khẩu dài quá 1.024 ký tự.",
        "The password is longer than 1,024 characters.",
    ),
    "admin_user_error_unknown_account": ("Không có tài khoản này.", "There is no such account."),
    "admin_user_error_wrong_password": ("Mật khẩu hiện tại không đúng.", "The current password is wrong."),
    "admin_user_error_same_password": (
        "Mật khẩu mới phải khác mật khẩu hiện tại.",
        "The new password must differ from the current one.",
    ),
    "admin_user_error_self": (
        "Quản trị viên không tự khoá tài khoản của mình.",
        "An administrator cannot disable their own account.",
    ),
    "admin_user_error_last_admin": (
        "Đây là tài khoản quản trị cuối cùng còn dùng được: không khoá hay đổi vai trò được.",
        "This is the last enabled administrator account: it cannot be disabled or given another role.",
    ),
    "admin_user_add": ("Thêm tài khoản", "Add an account"),
    "admin_user_state": ("Trạng thái", "State"),
    "admin_user_state_active": ("đang dùng", "active"),
    "admin_user_state_disabled": ("đã khoá", "disabled"),
    "admin_user_state_must_change": ("chờ đổi mật khẩu một lần", "one-time password to change"),
    "admin_user_updated": ("Thay đổi gần nhất", "Last changed"),
    "admin_user_manage": ("Sửa một tài khoản", "Change an account"),
    "admin_user_action": ("Việc cần làm", "Action"),
    "admin_user_action_one_time": (
        "Đặt lại mật khẩu: cấp mật khẩu dùng một lần",
        "Reset the password: issue a one-time password",
    ),
    "admin_user_action_set": ("Đặt lại mật khẩu: quản trị viên tự đặt", "Reset the password: set by the administrator"),
    "admin_user_action_disable": ("Khoá tài khoản", "Disable the account"),
    "admin_user_action_enable": ("Mở khoá tài khoản", "Enable the account"),
    "admin_user_action_role": ("Đổi vai trò, đơn vị", "Change the role and district"),
    "admin_user_new_password": ("Mật khẩu mới (ít nhất 10 ký tự)", "New password (at least 10 characters)"),
    "admin_user_apply": ("Thực hiện", "Apply"),
    "admin_user_one_time": (
        "Mật khẩu dùng một lần của {name} (chỉ hiện lần này; trao tận tay người dùng, họ đổi ngay sau khi đăng nhập):",
        "{name}'s one-time password (shown this once; hand it to its owner, who changes it after signing in):",
    ),
    "admin_user_reset_done": (
        "Đã đặt lại mật khẩu của {name}; mọi phiên đăng nhập của tài khoản này đã kết thúc.",
        "{name}'s password was reset; every session of the account has ended.",
    ),
    "admin_user_disabled_done": (
        "Đã khoá tài khoản {name}; các phiên đăng nhập của tài khoản kết thúc ngay.",
        "Account {name} disabled; its sessions ended at once.",
    ),
    "admin_user_enabled_done": ("Đã mở khoá tài khoản {name}.", "Account {name} enabled."),
    "admin_user_role_done": ("Đã đổi vai trò của {name}.", "{name}'s role changed."),
    "admin_accounts_taken_over": (
        "Các tài khoản {names} trong tệp bí mật {file} đã được chuyển vào kho dữ liệu và từ nay chỉ được quản lý "
        "ở đây: có thể xoá mục [lcm_users] khỏi tệp đó (ứng dụng không ghi vào tệp bí mật).",
        "The accounts {names} of the secrets file {file} were taken over into the store and are managed here "
        "only from now on: the [lcm_users] entries can be removed from that file (the app never writes it).",
    ),
    "account_change_title": ("Đổi mật khẩu", "Change your password"),
    "account_current_password": ("Mật khẩu hiện tại", "Current password"),
    "account_new_password": ("Mật khẩu mới (ít nhất 10 ký tự)", "New password (at least 10 characters)"),
    "account_new_password_again": ("Nhập lại mật khẩu mới", "New password again"),
    "account_change_button": ("Đổi mật khẩu", "Change the password"),
    "account_changed": (
        "Đã đổi mật khẩu; các phiên đăng nhập khác của tài khoản đã kết thúc.",
        "Password changed; the account's other sessions have ended.",
    ),
    "account_mismatch": ("Hai lần nhập mật khẩu mới không khớp.", "The two new passwords differ."),
    "account_must_change": (
        "Bạn đang dùng mật khẩu một lần do quản trị viên cấp: hãy đổi mật khẩu ngay.",
        "You signed in with a one-time password from the administrator: change it now.",
    ),
    "cli_account_added": ("Đã thêm tài khoản {name} vào kho dữ liệu.", "Account {name} added to the store."),
    "cli_account_password_set": ("Đã đặt lại mật khẩu của {name}.", "{name}'s password was reset."),
    "cli_account_disabled": (
        "Đã khoá tài khoản {name}; các phiên đăng nhập của nó đã kết thúc.",
        "Account {name} disabled; its sessions have ended.",
    ),
    "cli_account_enabled": ("Đã mở khoá tài khoản {name}.", "Account {name} enabled."),
    "audit_accounts_taken_over": (
        "Chuyển tài khoản từ tệp bí mật vào kho",
        "Accounts taken over from the secrets file",
    ),
    "audit_account_created": ("Thêm tài khoản", "Account added"),
    "audit_account_password_changed": ("Người dùng đổi mật khẩu", "Password changed by its owner"),
    "audit_account_password_reset": ("Đặt lại mật khẩu", "Password reset"),
    "audit_account_disabled": ("Khoá tài khoản", "Account disabled"),
    "audit_account_enabled": ("Mở khoá tài khoản", "Account enabled"),
    "audit_account_role_changed": ("Đổi vai trò tài khoản", "Account role changed"),
    "audit_password_rehashed": ("Băm lại mật khẩu theo thiết lập mới", "Password re-hashed with today's settings"),
    "district_account_elsewhere": (
        "Tài khoản của {name} chỉ nộp số liệu của đơn vị, ở trang “Báo cáo của huyện”. Trang này dành cho cán bộ "
        "tổng hợp của tỉnh.",
        "An account of {name} submits only its unit's figures, on the “District report” page. This page is for the "
        "province's staff.",
    ),
    "district_account_unknown_code": (
        "Tài khoản này gắn với mã đơn vị “{code}”, không phải mã huyện nào của tỉnh: quản trị viên cần sửa lại "
        "tài khoản (trang Quản trị hoặc lệnh add-user --district).",
        "This account is tied to the unit code “{code}”, which is no district of the province: an administrator "
        "must correct the account (Administration, or add-user --district).",
    ),
    "district_role_required": (
        "Trang này dành cho tài khoản cập nhật dữ liệu (của huyện hoặc của tỉnh).",
        "This page is for uploader accounts (a district's or the province's).",
    ),
    "reminder_subject_due": (
        "[Bluezone Lào Cai] Nhắc nộp báo cáo kỳ đến ngày {as_of}, hạn {deadline}",
        "[Bluezone Lào Cai] Report to {as_of} due {deadline}",
    ),
    "reminder_subject_overdue": (
        "[Bluezone Lào Cai] Quá hạn nộp báo cáo kỳ đến ngày {as_of}",
        "[Bluezone Lào Cai] Report to {as_of} overdue",
    ),
    "reminder_body_due": (
        "Kính gửi {name},\n\nĐơn vị chưa nộp báo cáo tình hình triển khai Bluezone và điểm kiểm dịch kỳ đến "
        "ngày {as_of}. Hạn nộp: {deadline} (giờ Việt Nam), còn {left}.\n\nĐề nghị đơn vị nộp báo cáo tại trang "
        "“Báo cáo của huyện”: {url}\n\nTin nhắn tự động của ứng dụng theo dõi triển khai Bluezone tỉnh Lào Cai.",
        "To {name},\n\nYour unit has not submitted its Bluezone and check-in point report to {as_of}. Due: "
        "{deadline} (Vietnam time), {left} left.\n\nPlease submit it on the “District report” page: {url}\n\n"
        "An automatic message of the Lào Cai Bluezone monitoring app.",
    ),
    "reminder_body_overdue": (
        "Kính gửi {name},\n\nĐơn vị chưa nộp báo cáo tình hình triển khai Bluezone và điểm kiểm dịch kỳ đến "
        "ngày {as_of}; hạn nộp {deadline} (giờ Việt Nam) đã qua {left}.\n\nĐề nghị đơn vị nộp ngay tại trang "
        "“Báo cáo của huyện”: {url}\n\nTin nhắn tự động của ứng dụng theo dõi triển khai Bluezone tỉnh Lào Cai.",
        "To {name},\n\nYour unit has not submitted its Bluezone and check-in point report to {as_of}; the "
        "deadline, {deadline} (Vietnam time), passed {left} ago.\n\nPlease submit it now on the “District "
        "report” page: {url}\n\nAn automatic message of the Lào Cai Bluezone monitoring app.",
    ),
}


class _Missing(dict):
    """Parameters of a message; one a caller forgot shows as "—" instead of breaking the page."""

    def __missing__(self, key: str) -> str:
        return "—"


# Parameters that are numbers but not quantities: written as they are, never grouped ("năm 2020", not "2.020").
# labels, not amounts: written as they are (a row number as the spreadsheet shows it: "dòng 4001")
NOT_QUANTITIES = frozenset({"year", "id", "reference", "code", "own_code", "port", "row"})


def _param(name: str, value: Any, lang: str) -> Any:
    """A parameter as the message shows it: a number in ``lang``'s convention (:func:`format_value`)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and name not in NOT_QUANTITIES:
        return format_value(value, lang)
    return value


def t(key: str, lang: str = DEFAULT_LANG, **params: Any) -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in; a number given as it is is written in
    the language's convention (1.234; 50,34 in Vietnamese). KeyError for an unknown key."""
    vi, en = MESSAGES[key]
    text = en if lang == "en" else vi
    if not params:
        return text
    return text.format_map(_Missing({name: _param(name, value, lang) for name, value in params.items()}))


def not_reported_label(code: str, name: str, lang: str = DEFAULT_LANG) -> str:
    """A district without figures as a table names it: "Huyện Văn Bàn (huyện không có báo cáo)", as the dispatch
    writes it, "Thành phố Lào Cai (thành phố không có báo cáo)" (English: "Văn Bàn District (no report)")."""
    return t(f"not_reported_label_{district_by_code(code).unit_type_en.lower()}", lang, name=name)


def describe_location(location: Location | None, lang: str = DEFAULT_LANG) -> str:
    """ "tệp.xlsx, trang “PL1”, dòng 7, cột C (Số ĐTTM)" — empty when there is no location."""
    if location is None or not location.file:
        return ""
    return t(
        "location",
        lang,
        file=location.file,
        sheet=t("location_sheet", lang, sheet=location.sheet) if location.sheet else "",
        row=t("location_row", lang, row=location.row) if location.row else "",
        column=t("location_column", lang, column=location.column) if location.column else "",
    )


def _district_name(code: str | None, lang: str) -> str:
    if code is None:
        return t("province_level", lang)
    try:
        return district_by_code(code).full_name(lang)
    except KeyError:
        return code


def _register_params(p: dict[str, Any], lang: str) -> None:
    """Parameters of a point-register finding in words: the rows ("1.234 dòng, ví dụ dòng 17, 93, …"),
    fields and districts by name, numbers in ``lang``'s format."""
    from lc_metrics.core.communes import commune_by_code, load_former_communes

    num = lambda v: format_number(v, 0, lang)  # noqa: E731
    if "field" in p:
        p["field"] = t(f"register_field_{p['field']}", lang)
    if "fields" in p:
        p["fields"] = ", ".join(f"“{t(f'register_field_{name}', lang)}”" for name in p["fields"])
    if "district_code" in p:
        p["district"] = _district_name(p["district_code"], lang)
    if "elsewhere" in p:
        p["elsewhere"] = ", ".join(_district_name(c, lang) for c in p["elsewhere"])
    if p.get("code") and "former" in p:
        p["name"] = commune_by_code(p["code"]).name
        p["resolution"] = next((f.resolution for f in load_former_communes() if f.code == p["former"]), "")
    if "commune" in p:  # a decision: the commune chosen, or none
        chosen = commune_by_code(p["commune"]) if p["commune"] else None
        p["target"] = chosen.name if chosen is not None else t("register_commune_none", lang)
        if chosen is not None and chosen.district_code != p.get("district_code"):  # moved to its own district
            p["target"] += f" ({_district_name(chosen.district_code, lang)})"
    if "limit" in p:
        p["limit"] = num(p["limit"])
    if "count" in p:  # "điểm này" / "các điểm này"
        p["these"] = t("register_these_one" if p["count"] == 1 else "register_these_many", lang)
    examples = p.get("examples")
    if "count" in p and examples is not None:
        listed = ", ".join(num(row) for row in examples)
        key = "one" if p["count"] == 1 else "few" if p["count"] <= len(examples) else "many"
        p["rows"] = t(f"register_rows_{key}", lang, count=num(p["count"]), examples=listed)
        p["examples"] = listed
        p["count"] = num(p["count"])
    elif isinstance(p.get("rows"), list):
        p["rows"] = ", ".join(num(row) for row in p["rows"])


def _join_words(items: list[str], lang: str) -> str:
    """ "A, B và C" / "A, B and C"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" và " if lang == "vi" else " and ") + items[-1]


def _precision(decimals: int, lang: str) -> str:
    """What a figure is rounded to: "hàng đơn vị", "1 chữ số thập phân", "2 chữ số thập phân"."""
    if decimals == 0:
        return t("precision_whole", lang)
    if decimals == 1:
        return t("precision_one_decimal", lang)
    return t("precision_decimals", lang, decimals=decimals)


def _printed(value: Any, lang: str, *, rate: bool) -> str:
    """A figure as the file printed it, in ``lang``'s convention with the decimals it was printed with:
    "50.34" (an English file) → "50,34%"; text that reads as no number stays as it was written."""
    try:
        reading = parse_rate(value) if rate else parse_count(value)
    except NotANumberError:
        reading = None
    if reading is None:
        return str(value)
    return format_number(reading.value, reading.decimals, lang) + ("%" if rate else "")


# what a finding's "measure" counts, as the field of an appendix (lc_metrics.core.appendices)
_MEASURE_FIELDS = {
    "qr_points": "points",
    "qr_points_no_scan": "no_scan",
    "scans": "scans",
    "scans_per_point": "scans",
    "installs": "installs",
    "smartphones": "smartphones",
    "coverage_pct": "coverage_pct",
    "no_scan_pct": "no_scan_pct",
}


def finding_appendix(finding: Finding) -> int | None:
    """The number of the appendix a finding is about ("Phụ lục 2"), from the table, field or measure it
    names; None when it names none (a finding about a file as a whole)."""
    from lc_metrics.core.appendices import APPENDICES

    p = finding.params
    table = p.get("table")
    field = p.get("field") if isinstance(p.get("field"), str) else _MEASURE_FIELDS.get(str(p.get("measure")))
    for spec in APPENDICES:
        if table == spec.kind.value or (table is None and field is not None and field in spec.names()):
            return spec.number
    return None


def describe_finding(
    finding: Finding, lang: str = DEFAULT_LANG, *, with_location: bool = True, with_appendix: bool | None = None
) -> str:
    """A finding as one sentence in ``lang``, numbers in that language's format, written for its reader.

    ``with_location=False`` (viewers, a meeting) leaves out where in the file it was found (file, sheet, row,
    column) and starts with the appendix it is about instead ("Phụ lục 2 – Huyện Bảo Thắng: …"), unless the
    sentence names it already; staff see the file, sheet, row and column, and with ``with_appendix=True`` the
    appendix before them. ``with_appendix`` defaults to ``not with_location``."""
    text = _finding_text(finding, lang, with_location)
    if with_appendix if with_appendix is not None else not with_location:
        number = finding_appendix(finding)
        appendix = t("finding_place_appendix", lang, n=number) if number is not None else ""
        if appendix and appendix.casefold() not in text.casefold():
            return t("finding_place", lang, place=appendix, text=text)
    return text


def _finding_text(finding: Finding, lang: str, with_location: bool) -> str:
    p = dict(finding.params)
    num = lambda v, d=0: format_number(v, d, lang)  # noqa: E731
    pct = lambda v, d=2: format_pct(v, d, lang)  # noqa: E731
    code = finding.code
    for name in ("printed", "printed_pct"):  # a figure as printed, unless a caller already wrote it
        if isinstance(p.get(name), str) and code != "national_rate_mismatch":
            p[name] = _printed(p[name], lang, rate=code != "text_total_mismatch")
    if isinstance(p.get("samples"), list):  # a column's first values: numbers as read, text as written
        p["samples"] = format_values(p["samples"], lang)
    if lang == "en" and isinstance(p.get("district"), str):  # a row's label as the file wrote it ("Huyện Bảo
        match = match_district(p["district"])  # Thắng"): in English, the district's English name when it is one
        if match.method == "exact" and match.code is not None:
            p["district"] = district_by_code(match.code).full_name(lang)
    if "measure" in p:
        p["measure"] = t(f"measure_{p['measure']}", lang)
    if "table" in p:
        p["table"] = t(f"table_{p['table']}", lang)
    if code == "total_mismatch":
        unattributed = ""
        if p["difference"] > 0:
            missing = p.get("not_reported") or 0
            unattributed = (
                t("unattributed_with_missing_suffix", lang, count=missing)
                if missing
                else t("unattributed_suffix", lang)
            )
        p.update(
            district_sum=num(p["district_sum"]),
            province_total=num(p["province_total"]),
            difference=num(p["difference"]) if p["difference"] > 0 else format_signed(p["difference"], 0, lang),
            unattributed=unattributed,
        )
    elif code == "printed_rate_mismatch":
        printed = parse_rate(p["printed"])
        difference = None if printed is None else p["computed"] - printed.value
        points = " điểm %" if lang == "vi" else " pp"
        p.update(
            where=_district_name(p.get("code"), lang),
            computed=pct(p["computed"]),
            difference="—" if difference is None else format_signed(difference, 2, lang, points),
        )
    elif code == "rate_rounded_in_two_steps":
        p.update(
            precision=_precision(p["decimals"], lang),
            two_decimals=num(p["computed"], 2),
            computed=num(p["computed"], 4),
            direct=num(float(round_half_up(p["computed"], p["decimals"])), p["decimals"]),
        )
    elif code == "text_figure_rounded":
        decimals, unit = p["decimals"], "%" if p["percent"] else ""
        p.update(
            written=_printed(p["written"], lang, rate=True).removesuffix("%") + unit,  # as written, any decimals
            computed=num(p["computed"], p["shown_decimals"]) + unit,
            precision=_precision(decimals, lang),
        )
    elif code.startswith("ambiguous_number"):
        p.update(value=num(p["value"]))
        if "numerator" in p:
            p.update(numerator=num(p["numerator"]), computed=pct(p["computed_pct"]))
    elif code in ("district_not_reported", "district_missing"):
        p["name"] = _district_name(p.get("code"), lang)
        if p.get("written"):
            code = "district_not_reported_written"
    elif code in ("district_from_communes", "district_former_name"):
        p["name"] = _district_name(p.get("code"), lang)
    elif code in ("communes_disagree", "subtotal_disagrees"):
        p.update(
            name=p["value"],
            field=t(f"field_{p['field']}", lang),
            district_value=num(p["district_value"]),
            other_value=num(p["other_value"]),
        )
    elif code == "count_shown_rounded":
        p.update(
            stored=num(p["stored"], 4).rstrip("0").rstrip(",.") if isinstance(p["stored"], float) else p["stored"],
            shown=num(p["shown"]),
        )
    elif code in ("column_unsure",):
        p["field"] = t(f"field_{p['field']}", lang) if f"field_{p['field']}" in MESSAGES else p["field"]
    elif code == "field_in_several_columns":
        name = p["field"]
        p["field"] = next((t(key, lang) for key in (f"field_{name}_title", f"field_{name}") if key in MESSAGES), name)
    elif code == "columns_ignored" and isinstance(p.get("columns"), list):
        p["columns"] = "; ".join(
            t(
                "columns_ignored_item",
                lang,
                letter=letter,
                header=header,
                reason=t(f"mapping_reason_{reason}", lang) if f"mapping_reason_{reason}" in MESSAGES else reason,
            )
            for letter, header, reason in p["columns"]
        )
    elif code == "figure_dropped":
        kpis = [t(f"kpi_{key}", lang) for key in p["kpis"]]
        value = p["value"]
        first = p["kpis"][0]
        shown = (
            pct(value)
            if first.endswith("_pct")
            else t("rank_value", lang, rank=value, total=p.get("total"))
            if first == "national_rank"
            else num(value, 0 if float(value).is_integer() else 2)
        )
        p.update(
            what=t("figure_dropped_districts", lang, field=t(f"field_{p['field']}", lang), count=p["districts"])
            if p.get("field") and p.get("districts")
            else t("figure_dropped_province", lang, kpi=kpis[0][:1].lower() + kpis[0][1:], value=shown),
            kpis=_join_words([f"“{k}”" for k in kpis], lang),
            previous_as_of=format_date(dt.date.fromisoformat(p["previous_as_of"]), lang),
        )
    elif code == "appendix_incomplete":
        p["missing"] = ", ".join(t(f"field_{name}", lang) for name in p["missing"])
    elif code == "note_figures_disagree":
        p.update(
            field=t(f"note_field_{p['field']}", lang),
            first=num(p["first"], 0 if float(p["first"]).is_integer() else 2),
            second=num(p["second"], 0 if float(p["second"]).is_integer() else 2),
        )
    elif code in ("province_total_falls", "province_total_equals_sum"):
        p.update(
            {k: num(p[k]) for k in ("before", "after", "sum_before", "sum_after", "total", "unattributed") if k in p}
        )
        p["previous_as_of"] = format_date(dt.date.fromisoformat(p["previous_as_of"]), lang)
    elif code == "hidden_ignored" and "—" in (p.get("rows"), p.get("columns")):
        code = "hidden_columns_ignored" if p.get("rows") == "—" else "hidden_rows_ignored"
    elif code == "layout_profile_used" and len(str(p.get("saved_at", ""))) == 10:
        try:
            p["saved_at"] = format_date(dt.date.fromisoformat(p["saved_at"]), lang)
        except ValueError:
            pass
    elif code == "as_of_dates_differ":
        p["dates"] = "; ".join(
            f"{format_date(dt.date.fromisoformat(date), lang)} ({describe_location(Location(file, sheet, row), lang)})"
            for date, file, sheet, row in p["dates"]
        )
    elif code == "as_of_missing" and p.get("ignored"):
        code = "as_of_missing_ignored"
        p["ignored"] = "; ".join(
            f"{format_date(dt.date.fromisoformat(d), lang)} — {t(f'date_role_{role}', lang)}"
            for d, role in p["ignored"]
        )
    elif code == "categories_partial":
        p.update(categorised=num(p["categorised"]), points=num(p["points"]))
    elif code == "no_scan_over_threshold":
        p.update(
            names=", ".join(_district_name(c, lang) for c in p["codes"]),
            threshold=pct(p["threshold"], 0),
            province_pct=pct(p["province_pct"]),
            districts=p.get("districts", 9),
        )
    elif code == "text_total_mismatch":
        p.update(table_total=num(p["table_total"]))
    elif code == "district_fuzzy_match":
        p["name"] = _district_name(p["code"], lang)
    elif code in ("more_no_scan_than_points", "installs_above_smartphones"):
        p.update({k: num(p[k]) for k in ("no_scan", "points", "installs", "smartphones") if k in p})
    elif code == "sudden_change":
        ratio = p["after"] / p["before"]
        p.update(
            name=_district_name(p["code"], lang),
            field=t(f"field_{p['field']}", lang),
            before=num(p["before"]),
            after=num(p["after"]),
            previous_as_of=format_date(dt.date.fromisoformat(p["previous_as_of"]), lang),
            ratio=("×" + num(ratio, 1)) if ratio >= 1 else ("−" + pct((1 - ratio) * 100, 0)),
        )
    elif code == "consolidation_before_deadline":
        deadline, now = dt.datetime.fromisoformat(p["deadline"]), dt.datetime.fromisoformat(p["now"])
        minutes = max(0, int((deadline - now).total_seconds() // 60))
        days, hours = minutes // 1440, minutes % 1440 // 60
        p["deadline"] = format_timestamp(p["deadline"], lang)
        p["left"] = (
            t("time_left", lang, days=days, hours=hours)
            if days
            else t("time_left_hours", lang, hours=hours, minutes=minutes % 60)
            if minutes
            else t("time_under_a_minute", lang)
        )
    elif code in ("unusual_change", "cumulative_count_fell"):
        p.update(
            name=_district_name(p["code"], lang),
            field=t(f"field_{p['field']}", lang),
            before=num(p["before"]),
            after=num(p["after"]),
            previous_as_of=format_date(dt.date.fromisoformat(p["previous_as_of"]), lang),
        )
        if code == "unusual_change":
            whole = lambda v: 0 if float(v).is_integer() else 1  # noqa: E731
            p.update(
                change=format_signed(p["change"], whole(p["change"]), lang),
                median=format_signed(p["median"], whole(p["median"]), lang),
                score=num(p["score"], 1),
                limit=num(p["limit"], 1),
            )
    elif code == "categories_above_points":
        p["name"] = _district_name(p["code"], lang)
        p.update({k: num(p[k]) for k in ("public_points", "state_points", "categorised", "points")})
    elif code == "appendix_carried_over":
        p["previous_as_of"] = format_date(dt.date.fromisoformat(p["previous_as_of"]), lang)
    elif code == "as_of_differs":
        p.update(
            in_file=format_date(dt.date.fromisoformat(p["in_file"]), lang),
            chosen=format_date(dt.date.fromisoformat(p["chosen"]), lang),
        )
    elif code == "count_typed_as_decimal":
        thousandths = int(p["whole"])
        p.update(
            value=format_number(p["value"], 3, lang),
            typed=f"{thousandths // 1000}.{thousandths % 1000:03d}",
            whole=num(thousandths),
            plain=str(thousandths),
        )
    elif code == "same_file_uploaded":
        as_of = p.get("as_of")
        p["as_of_part"] = (
            t("same_file_as_of", lang, as_of=format_date(dt.date.fromisoformat(as_of), lang)) if as_of else ""
        )
        p["uploaded_at"] = format_date(dt.date.fromisoformat(p["uploaded_at"][:10]), lang)  # 7/12/2026, not ISO
    elif code == "national_former_province":
        p["target"] = province_by_code(p["code"]).short_name
    elif code == "national_missing_provinces":
        names = [province_by_code(c).short_name for c in p["codes"]]
        p["names"] = ", ".join(names[:12]) + (" …" if len(names) > 12 else "")
    elif code == "register_differs_from_typed":  # the appendices' fields, before the reader's findings below
        p.update(
            name=_district_name(p["code"], lang),
            field=t(f"field_{p['field']}", lang),
            register=t("register_no_point", lang) if p["register"] is None else num(p["register"]),
            typed=t("typed_not_reported", lang) if p["typed"] is None else num(p["typed"]),
        )
    elif code.startswith("register_"):  # the register reader's findings
        _register_params(p, lang)
    elif code == "national_rate_mismatch":
        p.update(printed=pct(p["printed"]), computed=pct(p["computed"]))
    elif code == "worklist_other_district":
        p["district"] = _district_name(p["code"], lang)
    text = t(f"finding_{code}", lang, **p)
    location = finding.location
    if location is not None and isinstance(finding.params.get("rows"), list) and "examples" in finding.params:
        location = dataclasses.replace(location, row=None)  # the sentence names its rows ("dòng 113: dòng 113: …")
    where = describe_location(location, lang) if with_location else ""
    if where and text.startswith(f"{where}: "):
        return text  # a file-level message already names its file
    return f"{where}: {text}" if where else text
