"""Deviation charts are tested on the Figure objects they return."""

from __future__ import annotations

from vernetool.stats.deviation_charts import (
    chart_text,
    figure_injuries,
    figure_per_category,
    figure_per_month,
    figure_per_severity,
    figure_png,
)


def _heights(fig: object) -> list[float]:
    ax = fig.axes[0]  # type: ignore[attr-defined]
    return [p.get_height() for p in ax.patches]


def test_month_chart_stacks_the_types() -> None:
    data = {"accident": {"01": 2}, "near_miss": {"01": 3, "12": 1}, "hazard": {},
            "improvement": {"06": 4}}
    fig = figure_per_month(data, year=2024, lang="nb")
    ax = fig.axes[0]
    assert len(ax.patches) == 48  # 12 months × 4 types
    tops = [0.0] * 12
    for patch in ax.patches:
        index = round(patch.get_x() + patch.get_width() / 2)
        tops[index] = max(tops[index], patch.get_y() + patch.get_height())
    assert tops[0] == 5 and tops[5] == 4 and tops[11] == 1
    assert ax.get_legend().get_texts()[0].get_text() == "Ulykke/personskade"
    assert ax.get_xticklabels()[4].get_text() == "mai"


def test_category_severity_and_injury_charts() -> None:
    cat = figure_per_category({"Annet": 3, "": 2}, year=2024, lang="en",
                              labels={"Annet": "Other"})
    ax = cat.axes[0]
    assert [p.get_width() for p in ax.patches] == [3, 2]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Other", "Not categorised"]
    sev = figure_per_severity({"1": 4, "5": 1, "unknown": 2}, year=2024, lang="en")
    assert _heights(sev) == [4, 0, 0, 0, 1, 2]
    inj = figure_injuries({"not_reported_to_nav": 77, "absence_le3": 18}, year=2024)
    assert [p.get_width() for p in inj.axes[0].patches][:2] == [77, 18]
    assert figure_png(inj, dpi=40).startswith(b"\x89PNG")


def test_category_labels_print_as_typed_and_wrap() -> None:
    """A configured or imported category name is not markup: '$' is not mathematics, '<b>'
    is not bold, and a long name wraps instead of running into the bars."""
    long = "Arbeidsplass og personskade/-sykdom med en svært lang tilleggsforklaring fra import"
    fig = figure_per_category({"<b>Brann</b> & $5 $ skade": 2, long: 1}, year=2024)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == r"<b>Brann</b> & \$5 \$ skade"
    assert "\n" in labels[1] and all(len(line) <= 38 for line in labels[1].split("\n"))
    fig.canvas.draw()  # renders without a mathtext error
    assert chart_text("a$b") == r"a\$b"


def test_the_highest_month_total_has_room_below_the_title() -> None:
    """The demo's IKJ in 2026: March's total (4) was drawn on the axes' top edge, into the
    title, because the empty bars stacked on top pinned the axis at 4 (issue 8 trial)."""
    data = {"accident": {"03": 2}, "near_miss": {"03": 2}, "hazard": {}, "improvement": {}}
    ax = figure_per_month(data, year=2026, lang="nb").axes[0]
    low, high = ax.get_ylim()
    assert low == 0 and high >= 4 * 1.1

