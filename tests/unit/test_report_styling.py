"""How report tables, counts, contents and diagrams are written as HTML (no kernel, no AWS)."""

from __future__ import annotations

import re

import pandas as pd

from toolkit.reports import styling
from toolkit.reports.sections import findings_list, pass_summary

NAMES = {"111111111111": "Production", "222222222222": "Development"}


def _findings() -> pd.DataFrame:
    from toolkit.checks.runner import SEVERITY_DTYPE, STATUS_DTYPE

    frame = pd.DataFrame(
        {
            "check_id": ["a_check", "b_check", "a_check", "b_check"],
            "title": ["A", "B", "A", "B"],
            "severity": ["low", "critical", "low", "critical"],
            "status": ["FAIL", "FAIL", "PASS", "PASS"],
            "service": ["s3", "iam", "s3", "iam"],
            "account_id": ["111111111111", "222222222222", "111111111111", "333333333333"],
            "region": ["eu-west-1", "global", "eu-west-1", "global"],
            "resource_id": ["bucket-1", "root", "bucket-2", "root"],
            "detail": ["public", "no MFA", "", ""],
        }
    )
    return frame.astype({"severity": SEVERITY_DTYPE, "status": STATUS_DTYPE})


def test_table_has_no_index_and_names_accounts() -> None:
    frame = pd.DataFrame(
        {"account_id": ["111111111111", "333333333333"], "severity": ["high", "low"], "n": [3, 4]}
    )
    html = styling.table(frame, NAMES)._repr_html_()
    headers = re.findall(r"<th>(\w+)</th>", html)
    assert headers == ["account_id", "account", "severity", "n"]  # no index column
    assert "<td>Production</td>" in html and "333333333333" in html  # unnamed: id alone
    assert '<span class="tk-sev tk-sev-high">high</span>' in html
    assert '<td class="tk-num">3</td>' in html and "text-align: right" not in html


def test_named_index_becomes_a_column() -> None:
    frame = pd.DataFrame({"total": [2]}, index=pd.Index(["111111111111"], name="account_id"))
    html = styling.table(frame, NAMES)._repr_html_()
    assert re.findall(r"<th>(\w+)</th>", html) == ["account_id", "account", "total"]


def test_counts_are_a_table_not_a_dict() -> None:
    html = styling.counts_table({"FAIL": 3, "PASS": 5})._repr_html_()
    assert "{" not in html
    assert re.findall(r"<td[^>]*>(\w+)</td>\s*<td[^>]*>(\d+)</td>", html) == [
        ("FAIL", "3"),
        ("PASS", "5"),
    ]


def test_contents_link_every_section_under_the_title() -> None:
    page = (
        '<h1 id="T">T</h1><p>x</p><h2 id="One">One<a class="anchor-link" href="#One">¶</a></h2>'
        '<h2 id="Two-b">Two b</h2>'
    )
    out = styling.add_contents(page)
    nav = out[out.index("</h1>") + 5 : out.index("<p>")]
    assert re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav) == [
        ("One", "One"),
        ("Two-b", "Two b"),
    ]


def test_findings_list_keeps_every_non_pass_with_names() -> None:
    listed = findings_list(_findings(), NAMES)
    assert list(listed["resource_id"]) == ["root", "bucket-1"]  # most severe first
    assert list(listed["account"]) == ["Development", "Production"]
    summary = pass_summary(_findings())
    assert summary.to_dict("records") == [
        {"check_id": "a_check", "account_id": "111111111111", "passing": 1},
        {"check_id": "b_check", "account_id": "333333333333", "passing": 1},
    ]


def test_interactive_table_embeds_its_script_once_and_links_nowhere() -> None:
    first = str(styling.interactive_table(findings_list(_findings(), NAMES)))
    second = str(styling.interactive_table(pass_summary(_findings())))
    assert "bucket-1" in first and "_fallback" in first
    assert "tk-sev-cell" in first and "tk-sev-cell" not in second  # severity coloured
    assert "injectModule(" not in second  # DataTables once per page, not per table
    for html in (first, second):
        assert not re.search(r"(src|href)=\"?https?://", html)


def test_diagram_fits_the_page_and_zooms_on_click() -> None:
    svg = '<?xml version="1.0"?><svg width="3000pt" height="200pt" viewBox="0 0 3000 200"></svg>'
    html = styling.diagram_html(svg, "Org")
    assert html.startswith('<figure class="tk-diagram"') and "<?xml" not in html
    assert '<svg style="max-width:100%;height:auto" width="3000pt"' in html
    assert "window.tkZoom = function" in html
    png = styling.diagram_html(b"\x89PNG", "Map")
    assert 'src="data:image/png;base64,iVBORw==' in png
