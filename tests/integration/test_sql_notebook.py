"""``toolkit.sql.magic`` in a real kernel (nbclient): a ``%sql`` line and a ``%%sql`` cell
answer as DuckDB does over the same inventory, and JupySQL loads no usage-statistics code."""

from __future__ import annotations

import ast
import json

import nbformat
from nbclient import NotebookClient

from toolkit import sql
from toolkit.inventory import Inventory

LINE = "SELECT name, region FROM s3_buckets WHERE acl_public ORDER BY name"
CELL = "SELECT account_id, count(*) AS buckets\nFROM s3_buckets\nGROUP BY account_id"


def table_rows(text: str) -> list[list[str]]:
    """The body rows of JupySQL's plain-text table (``| a | b |`` lines after the header)."""
    lines = [line for line in text.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[1:]]


def test_sql_magics_in_a_kernel(demo_inventory, tmp_path) -> None:
    small = Inventory({"s3.buckets": demo_inventory["s3.buckets"]}, demo_inventory.errors)
    snapshot = small.save(tmp_path / "snapshot")
    # A user's project: JupySQL looks for its settings there, and must not say so.
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "estate-audit"\n')
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "import toolkit\n"
            f"inv = toolkit.Inventory.load({str(snapshot)!r})\n"
            "connection = toolkit.sql.magic(inv, findings=False)"
        ),
        nbformat.v4.new_code_cell(f"%sql {LINE}"),
        nbformat.v4.new_code_cell(f"%%sql counted <<\n{CELL}"),
        nbformat.v4.new_code_cell("counted.DataFrame().to_json(orient='values')"),
        nbformat.v4.new_code_cell(
            "import os, sys\n"
            "(os.environ['PLOOMBER_STATS_ENABLED'],\n"
            " sorted(m for m in sys.modules if m.startswith(('posthog', 'ploomber_core.telemetry'))))"
        ),
    ]
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    outputs = [cell.outputs for cell in notebook.cells]
    assert all(o["output_type"] != "error" for cell in outputs for o in cell)

    expected_line = sql.query(small, LINE)
    assert len(expected_line) >= 2  # the demo has public buckets, so the answer can differ
    shown = outputs[1][-1]["data"]["text/plain"]
    assert table_rows(shown) == expected_line.astype(str).values.tolist()

    expected_cell = sql.query(small, CELL).sort_values("account_id")
    kept = json.loads(ast.literal_eval(outputs[3][-1]["data"]["text/plain"]))  # repr of JSON text
    assert sorted(kept) == expected_cell.values.tolist()
    assert len(kept) == demo_inventory["s3.buckets"]["account_id"].nunique()

    assert outputs[4][-1]["data"]["text/plain"] == "('false', [])"
    assert not any("Running query in" in str(o) for cell in outputs for o in cell)
    assert outputs[0] == []  # nothing from loading JupySQL: no toml or pyproject message
