"""How a revision reads (wikitui.present.revision): one rule each, for the CLI and the app."""

from __future__ import annotations

from datetime import UTC, datetime

from wikitui.model import Page, Revision
from wikitui.present.revision import (
    RowMark,
    delta_label,
    delta_role,
    delta_style,
    format_time,
    format_wiki_time,
    is_large,
    plain_summary,
    revision_row,
    summary_parts,
    user_label,
)


def test_summary_reads_as_on_the_history_page() -> None:
    assert plain_summary("/* History */ fix [[Pear|pears]] &amp; [[:Category:X]]") == (
        "→History: fix pears & Category:X"
    )
    assert plain_summary("  a\n\tb  ") == "a b"
    assert plain_summary(None) == "" and plain_summary("") == ""
    parts = summary_parts("see /* Uses */ below")
    assert [(p.text, p.section) for p in parts] == [
        ("see ", False),
        ("→Uses:", True),
        (" below", False),
    ]


def test_user_labels_tell_hidden_unknown_ip_and_user_apart() -> None:
    def kind(**fields: object) -> tuple[str, str]:
        label = user_label(Revision(1, **fields))  # type: ignore[arg-type]
        return label.text, label.kind

    assert kind(user="Alice") == ("Alice", "user")
    assert kind(user="192.0.2.1") == ("192.0.2.1", "ip")
    assert kind(user="2001:db8::1") == ("2001:db8::1", "ip")
    assert kind(user="15.22", anon=True) == ("15.22", "ip")  # an old dump's cut address
    assert kind(user="imported>Rkitko", anon=True) == ("imported>Rkitko", "user")
    assert kind(user="Alice", user_hidden=True) == ("(username removed)", "hidden")
    assert kind(user=None) == ("(unknown user)", "unknown")
    assert kind(user="Eve\r\nforged") == ("Eve␍␊forged", "user")


def test_size_changes_and_the_500_byte_rule() -> None:
    assert [delta_label(d) for d in (1234, -56, 0, None)] == ["+1,234", "−56", "0", "?"]
    assert [delta_role(d) for d in (1, -1, 0, None)] == [
        "delta-up",
        "delta-down",
        "delta-zero",
        "delta-unknown",
    ]
    assert [is_large(d) for d in (499, 500, -500, -499, None)] == [False, True, True, False, False]
    assert delta_style(-500).bold and not delta_style(-499).bold


def test_times() -> None:
    moment = datetime(2024, 12, 24, 19, 14, tzinfo=UTC)
    assert format_time(moment) == "2024-12-24 19:14"
    assert format_wiki_time(moment) == "19:14, 24 December 2024"
    assert format_time(None) == "????-??-?? ??:??"


def test_a_row_carries_marks_where_views_put_them() -> None:
    page = Page(title="Pear")
    page.add(Revision(1, 0, datetime(2024, 1, 1, tzinfo=UTC), user="A", size=10))
    page.add(Revision(2, 1, datetime(2024, 1, 2, tzinfo=UTC), user="B", size=4, comment="rv"))
    assert revision_row(page, 1).plain == "2024-01-02 00:00 B (−6) rv"
    marks = [
        RowMark("◆", "bold magenta", place="lead"),
        RowMark("reverted", "italic", row_style="dim strike"),
        RowMark("[!]", place="end"),
    ]
    row = revision_row(page, 0, marks)
    assert row.plain == "◆ 2024-01-01 00:00 A (+10) reverted [!]"
    assert any(str(span.style) == "dim strike" and span.end == len(row) for span in row.spans)
