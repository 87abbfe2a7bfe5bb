"""Reading the KPI cards (lc_app.kpi_html) out of a page run by AppTest, as a viewer reads them."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from streamlit.testing.v1 import AppTest


@dataclass
class Card:
    key: str
    label: str = ""
    value: str = ""
    delta: str | None = None
    help: str | None = None
    context: str | None = None


class _Cards(HTMLParser):
    FIELDS = {
        "lcm-kpi-label": "label",
        "lcm-kpi-value": "value",
        "lcm-kpi-delta": "delta",
        "lcm-kpi-help": "help",
        "lcm-kpi-context": "context",
    }

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[Card] = []
        self.field: str | None = None
        self.depth = 0
        self.hidden_at: int | None = None  # depth of an aria-hidden element: its text is not read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self.field is not None:
            self.depth += 1
            if self.hidden_at is None and found.get("aria-hidden") == "true":
                self.hidden_at = self.depth
            return
        testid = found.get("data-testid")
        if testid == "lcm-kpi":
            self.cards.append(Card(found.get("data-kpi") or ""))
        elif testid in self.FIELDS and tag not in ("br", "img"):
            self.field, self.depth = self.FIELDS[testid], 0
            setattr(self.cards[-1], self.field, "")

    def handle_endtag(self, tag: str) -> None:
        if self.field is not None:
            if self.depth == 0:
                self.field = None
            else:
                if self.hidden_at == self.depth:
                    self.hidden_at = None
                self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.field is not None and self.hidden_at is None:
            setattr(self.cards[-1], self.field, (getattr(self.cards[-1], self.field) or "") + data)


def kpi_cards(at: AppTest) -> list[Card]:
    """Every KPI card on the page, in order."""
    parser = _Cards()
    for element in at.get("html"):
        parser.feed(element.proto.body)
    return parser.cards


def kpi_values(at: AppTest) -> dict[str, tuple[str, str | None]]:
    """Label → (value, change) of each card, as st.metric's label/value/delta were read."""
    return {card.label: (card.value, card.delta) for card in kpi_cards(at)}
