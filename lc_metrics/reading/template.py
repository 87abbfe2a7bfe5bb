"""The empty workbook officials fill in: the three appendices in the dispatch's layout, the nine
districts listed, a line for the as-of date, and for Bluezone a province row that asks for the
province's own figures. Reading it back goes through the same reader as any other upload.

The province row is not a sum of the districts: the province's totals include installs and
smartphones that no district reports (14.776 and 74.645 in June 2021), so a formula there would
publish a province figure that is too low."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from lc_metrics.core.districts import load_districts

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
# (sheet, title, headers, number of count columns, rate formula over count columns or None)
APPENDICES = (
    (
        "Phụ lục 1",
        "Phụ lục 1: Tình hình triển khai Bluezone",
        ["STT", "Địa phương", "Tổng số cài đặt Bluezone", "Tổng điện thoại thông minh", "Tỷ lệ (%)"],
        2,
        "C/D",
    ),
    (
        "Phụ lục 2",
        "Phụ lục 2: Tình hình triển khai điểm kiểm dịch",
        ["STT", "Địa phương", "Số điểm kiểm dịch", "Số không ghi nhận vào ra", "Tỷ lệ không ghi nhận vào ra (%)"],
        2,
        "D/C",
    ),
    (
        "Phụ lục 3",
        "Phụ lục 3: Tình hình triển khai điểm kiểm dịch công cộng",
        ["STT", "Địa phương", "Số điểm kiểm dịch công cộng", "Số điểm kiểm dịch cơ quan nhà nước"],
        2,
        None,
    ),
)
DATE_LINE = "Số liệu tính đến ngày …/…/20…"
RANK_LINE = "(Lào Cai đứng thứ …/63 tỉnh thành về tỷ lệ cài đặt Bluezone)"
POPULATION_LINE = "Số máy cài đặt Bluezone đạt …% dân số"
QR_NOTES = (
    "Tổng số điểm kiểm dịch trên địa bàn tỉnh: …;",
    "Số điểm kiểm dịch không ghi nhận lượt vào ra: …;",
    "Tổng số lượt ghi nhận vào ra trên tỉnh từ đầu năm đến nay: …",
)
PROVINCE_ROW_NOTE = (
    "Dòng “Tỉnh Lào Cai”: ghi số liệu chung của toàn tỉnh (gồm cả số máy chưa phân theo huyện), "
    "không phải tổng các dòng trên."
)
PROVINCE_FILL = PatternFill("solid", fgColor="FFF2CC")


DISTRICT_NOTE = (
    "Dòng của huyện ghi số liệu của cả huyện; có thể thêm các dòng xã, thị trấn ngay dưới dòng huyện "
    "(không bắt buộc). Ô nào không có số liệu thì để trống, không điền số không."
)


def template_workbook(codes: list[str] | None = None, as_of: dt.date | None = None) -> bytes:
    """An .xlsx with one sheet per appendix, ready to fill in: the nine districts and the province's own
    figures, or (``codes``) only those districts' rows, for a district that reports its own figures —
    no province row, no province notes. ``as_of`` fills in the date line."""
    workbook = openpyxl.Workbook()
    workbook.properties.creator = ""  # a clerk's file, not openpyxl's (its default author)
    for sheet in list(workbook.worksheets):  # the default empty sheet
        workbook.remove(sheet)
    districts = [d for d in load_districts() if codes is None or d.code in codes]
    province = codes is None
    date_line = DATE_LINE if as_of is None else f"Số liệu tính đến ngày {as_of.day}/{as_of.month}/{as_of.year}"
    for sheet_name, title, headers, counts, rate in APPENDICES:
        sheet = workbook.create_sheet(sheet_name)
        sheet.append([title])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
        sheet.append([date_line])
        if sheet_name == "Phụ lục 2" and province:
            for line in QR_NOTES:
                sheet.append([line])
        sheet.append([])
        sheet.append(headers)
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        first = header_row + 1
        for number, district in enumerate(districts, start=1):
            sheet.append([number, district.name])
        if sheet_name == "Phụ lục 1" and province:
            sheet.append(["", "Tỉnh Lào Cai"])  # the province's own figures: typed, never a sum
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
            for column in range(3, 3 + counts):
                sheet.cell(sheet.max_row, column).fill = PROVINCE_FILL
        if rate:
            numerator, denominator = rate.split("/")
            for row in range(first, sheet.max_row + 1):
                sheet.cell(row, 5, f'=IF({denominator}{row}>0,ROUND({numerator}{row}/{denominator}{row}*100,2),"")')
        if sheet_name == "Phụ lục 1" and province:
            sheet.append([PROVINCE_ROW_NOTE])
            sheet.append([RANK_LINE])
            sheet.append([POPULATION_LINE])
        if not province:
            sheet.append([DISTRICT_NOTE])
        elif sheet_name == "Phụ lục 3":
            sheet.append(["Ghi chú: huyện không có báo cáo thì để trống các ô số liệu (không ghi 0)."])
        sheet.column_dimensions["A"].width = 6
        sheet.column_dimensions["B"].width = 26
        for column in range(3, len(headers) + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 22
        sheet.row_dimensions[header_row].height = 45
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
