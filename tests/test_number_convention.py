"""Every number of every message in its language's convention: the whole catalog rendered with numbers of
several magnitudes (0, 7, 1.234, 50,34, 1.234.567,5), every finding through :func:`describe_finding`,
and no Vietnamese text with an English number ("1,234", "50.34") nor an English text with a Vietnamese one.

The expected forms are written here by hand, as an official writes them (Nghị định 30/2020/NĐ-CP writes
135.445 and 23,25%), not taken from the formatter under test."""

from __future__ import annotations

import re
import string
from typing import Any

import pytest

from lc_metrics.core.findings import Finding, Location
from lc_metrics.core.messages import MESSAGES, NOT_QUANTITIES, describe_finding, t

MAGNITUDES: tuple[int | float, ...] = (0, 7, 1234, 50.34, 1234567.5)
# the same magnitudes written by hand in each convention
WRITTEN = {
    "vi": ("0", "7", "1.234", "50,34", "1.234.567,5"),
    "en": ("0", "7", "1,234", "50.34", "1,234,567.5"),
}
# what a number of the other convention (or none) looks like
WRONG = {
    "vi": re.compile(r"\d,\d{3}(?!\d)|\d\.\d{1,2}(?!\d)|(?<![\d./,])(?:1234|1234567)(?![\d])"),
    "en": re.compile(r"\d\.\d{3}(?!\d)|\d,\d{1,2}(?!\d)|(?<![\d./,])(?:1234|1234567)(?![\d])"),
}

QUOTED = re.compile(r"“[^”]*”")  # the file's own text, quoted as it is written there


def placeholders(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def test_the_magnitudes_as_written_by_hand():
    """The patterns catch the other convention and let this one through (a check of the check)."""
    for lang, other in (("vi", "en"), ("en", "vi")):
        assert not [w for w in WRITTEN[lang] if WRONG[lang].search(f"x {w} y")]
        assert [w for w in WRITTEN[other] if WRONG[lang].search(f"x {w} y")] == [WRITTEN[other][2], *WRITTEN[other][3:]]
        assert WRONG[lang].search("x 1234 y") and WRONG[lang].search("x 1234567 y")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_message_with_numbers_is_in_the_convention_of_its_language(lang):
    wrong = []
    for key, texts in MESSAGES.items():
        names = [n for n in placeholders(texts[0]) if n not in NOT_QUANTITIES]
        if not names:
            continue
        for name in names:  # one number at a time: "{difference}{unattributed}" would glue two together
            for number, written in zip(MAGNITUDES, WRITTEN[lang]):
                params = {n: number if n == name else "…" for n in placeholders(texts[0])}
                text = t(key, lang, **params)
                if WRONG[lang].search(text) or written not in text:
                    wrong.append((key, text))
    assert not wrong, wrong[:10]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_catalogs_own_figures_are_in_the_convention_of_their_language(lang):
    index = 0 if lang == "vi" else 1
    # the command-line and configuration texts name versions and files ("0.6.0", "lcm.sqlite"): only figures
    literal = re.compile(WRONG[lang].pattern.replace("(?!\\d)", "(?![\\d.\\w])"))
    wrong = [(key, texts[index]) for key, texts in MESSAGES.items() if literal.search(texts[index])]
    assert not wrong, wrong


# --- findings: each code with the parameters its producers give, the numbers taken from MAGNITUDES
DATES = {"previous_as_of", "in_file", "chosen", "saved_at", "as_of"}
FIXED: dict[str, Any] = {
    "measure": "coverage_pct",
    "table": "bluezone",
    "field": "installs",
    "code": "082",
    "codes": ["082", "086"],
    "missing": ["installs", "smartphones"],
    "dates": [["2021-06-23", "a.xlsx", "PL1", 4], ["2021-06-30", "b.xlsx", None, None]],
    "ignored": [["2021-06-20", "signing"]],
    "deadline": "2021-06-25T09:00:00+00:00",
    "now": "2021-06-24T01:30:00+00:00",
    "fields": ["point_code", "name"],
    "elsewhere": ["083"],
    "district_code": "082",
    "written": "KBC",
    "headers": "“Mã”, “Mã điểm”",
    "header": "Xếp hạng",
    "text": "1.512",
    "value": "Huyện Bát Xát",
    "name": "Huyện Bát Xát",
    "names": "Huyện Bát Xát",
    "file": "a.xlsx",
    "sheet": "PL1",
    "detail": "—",
    "district": "Huyện Bát Xát",
    "province": "Hà Giang",
    "own": "Huyện Bát Xát",
    "target": "Sa Pa",
    "columns": "C, D",
    "rows": "4, 5",
    "label_column": "B",
    "first": "Số cài đặt",
    "second": "Số ĐTTM",
    "saved_by": "lan",
    "uploaded_by": "lan",
    "uploaded_at": "2021-06-23",  # as the importer gives it (ISO), the message writes 23/6/2021
    "as_of_part": "",
    "unattributed": "",
    "reporting": "8",
    "sheets": "Bìa",
    "header_row": 4,
    "year": 2020,
}
# what each code reads besides its placeholders, or reads as another type
NUMBER = object()  # a number taken from MAGNITUDES
PER_CODE: dict[str, dict[str, Any]] = {
    "ambiguous_number": {"value": NUMBER},
    "count_typed_as_decimal": {"value": 11.912, "whole": NUMBER},
    "figure_dropped": {"field": "population", "districts": NUMBER, "kpis": ["population_pct"], "value": NUMBER},
    "columns_ignored": {"columns": [["E", "Xếp hạng", "rank"], ["F", "Tỷ lệ có ghi nhận (%)", "other_rate"]]},
    "note_figures_disagree": {"field": "installs_total", "first": NUMBER, "second": NUMBER},
    "province_total_equals_sum": {"unattributed": NUMBER},
    "consolidation_before_deadline": {"now": FIXED["now"]},
    "code_column_disagrees": {"own_code": "083"},
    "ambiguous_number_confirmed": {"computed_pct": 50.34, "printed_pct": None, "value": NUMBER, "numerator": NUMBER},
    "ambiguous_number_unconfirmed": {"computed_pct": 50.34, "printed_pct": None, "value": NUMBER},
    "printed_rate_mismatch": {"printed": None},
    "rate_rounded_in_two_steps": {"printed": None, "decimals": 1},
    "text_figure_rounded": {"written": NUMBER, "decimals": 0, "shown_decimals": 2, "percent": False},
    "text_total_mismatch": {"printed": "1234567"},  # a count as the text printed it
    "communes_disagree": {"field": "installs"},
    "subtotal_disagrees": {"field": "installs"},
    "sudden_change": {"before": 1234},
    "column_not_understood": {"samples": None},
    "register_column_twice": {"field": "name"},
    "register_value_missing": {"field": "name", "examples": [17, 93, 1234], "rows": None},
    "register_duplicate_codes_more": {"examples": [17, 93, 1234]},
    "register_commune_decided": {"commune": None},
    "register_commune_former": {"code": None},
    "register_differs_from_typed": {"field": "points"},
    "no_scan_over_threshold": {"codes": ["082"], "threshold": 50.0},
    "national_former_province": {"code": "02"},
    "national_missing_provinces": {"codes": ["02", "04"]},
    "appendix_incomplete": {"missing": ["installs"]},
    "field_in_several_columns": {"field": "installs"},
    "hidden_ignored": {"rows": "4", "columns": "C"},
    "layout_profile_used": {"saved_at": "2021-06-16"},
}


def finding_params(code: str, key: str, shift: int, lang: str) -> dict[str, Any]:
    """Parameters for ``code``: names of fields, districts and dates fixed, every other placeholder a number."""
    names = placeholders(MESSAGES[key][0])
    params: dict[str, Any] = {"code": "082", "value": "Huyện Bát Xát"}  # read by most codes
    numbers = iter(MAGNITUDES[(i + shift) % len(MAGNITUDES)] for i in range(100))
    for name in names:
        if name in DATES:
            params[name] = "2021-06-16"
        elif name in FIXED:
            params[name] = FIXED[name]
        else:
            params[name] = next(numbers)
    for name, value in PER_CODE.get(code, {}).items():
        params[name] = next(numbers) if value is NUMBER else value
    number = MAGNITUDES[shift % len(MAGNITUDES)]
    if params.get("printed", 0) is None:  # a figure as the file printed it, English or Vietnamese
        params["printed"] = str(number) if shift % 2 or number > 1000 else WRITTEN["vi"][shift % len(MAGNITUDES)]
    if params.get("printed_pct", 0) is None:
        params["printed_pct"] = str(number)
    if params.get("samples", 0) is None:  # first values of a column: numbers as read, text as written
        params["samples"] = [number, 7, "KBC"]
    if params.get("rows", 0) is None:
        params.pop("rows")
        params["count"] = 1234
    if params.get("commune", 0) is None:
        params.pop("commune")
    if params.get("code", 0) is None:
        params.pop("code")
    if code.startswith("register_") and params.get("field") == "installs":
        params["field"] = "name"
    if code.startswith("register_") and "district" in params:
        params["district_code"] = params.pop("district") and "082"
    return params


FINDING_CODES = sorted(
    key.removeprefix("finding_")
    for key in MESSAGES
    if key.startswith("finding_")
    and key.removeprefix("finding_")
    not in ("district_not_reported_written", "hidden_rows_ignored", "hidden_columns_ignored", "as_of_missing_ignored")
    and not key.startswith("finding_place")  # how a finding is placed ("Phụ lục 2 – …"), not a finding
)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_finding_with_numbers_is_in_the_convention_of_its_language(lang):
    wrong, rendered = [], 0
    for code in FINDING_CODES:
        for shift in range(len(MAGNITUDES)):
            params = finding_params(code, f"finding_{code}", shift, lang)
            # a row number is a label, written as the spreadsheet shows it (tested below): not a magnitude here
            finding = Finding(code, "warning", params, Location("a.xlsx", "PL1", 12, "C (Số ĐTTM)"))
            try:
                text = describe_finding(finding, lang) + " " + describe_finding(finding, lang, with_location=False)
            except Exception as error:  # a parameter of the wrong type here: say which code
                raise AssertionError(f"{code}: {params}") from error
            rendered += 1
            if WRONG[lang].search(QUOTED.sub("“”", text)):
                wrong.append((code, text))
    assert rendered == len(FINDING_CODES) * len(MAGNITUDES) and len(FINDING_CODES) > 130
    assert not wrong, wrong[:10]


@pytest.mark.parametrize(("lang", "said"), [("vi", "a.xlsx, dòng 4001"), ("en", "a.xlsx, row 4001")])
def test_a_row_number_is_written_as_the_spreadsheet_shows_it(lang, said):
    from lc_metrics.core.messages import describe_location

    assert describe_location(Location("a.xlsx", None, 4001), lang) == said


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "vi",
            "Tỷ lệ cài đặt Bluezone Huyện Bát Xát: in 50,34%, tính từ số liệu được 48,32% (chênh lệch −2,02 điểm %).",
        ),
        ("en", "Bluezone coverage Bát Xát District: printed 50.34%, the counts give 48.32% (difference −2.02 pp)."),
    ],
)
def test_a_printed_rate_read_from_an_english_file_is_written_as_the_rate_beside_it(lang, expected):
    """The issue's "in 50.34" beside "48,32%": the printed rate is a number, written as the computed one is."""
    params = {"measure": "coverage_pct", "code": "082", "printed": "50.34", "computed": 48.32}
    finding = Finding("printed_rate_mismatch", "warning", params)
    assert describe_finding(finding, lang, with_location=False, with_appendix=False) == expected
