"""collect in a notebook cell (real kernel), collect_sync in a script and in a running loop."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap

import nbformat
from nbclient import NotebookClient

import toolkit
from toolkit.sandbox import Sandbox


def test_collect_sync_inside_running_loop(sandbox: Sandbox) -> None:
    async def cell() -> int:
        inventory = toolkit.collect_sync(sandbox.scope(), services="s3", progress=False)
        return len(inventory["s3.buckets"])

    assert asyncio.run(cell()) == len(sandbox.truth.buckets)


def test_collect_sync_in_a_script(sandbox: Sandbox) -> None:
    script = textwrap.dedent(
        f"""
        import toolkit
        scope = toolkit.Scope(accounts="organization", regions=["us-east-1", "eu-west-1"],
                              endpoint_url="{sandbox.endpoint_url}", credentials=("a", "b"))
        inv = toolkit.collect_sync(scope, tables=["s3.buckets"], progress=False)
        print(len(inv["s3.buckets"]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(len(sandbox.truth.buckets))


def test_await_collect_in_a_notebook_cell(sandbox: Sandbox) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "import toolkit\n"
            f"scope = toolkit.Scope(accounts='organization', regions=['us-east-1', 'eu-west-1'],"
            f" endpoint_url='{sandbox.endpoint_url}', credentials=('a', 'b'))"
        ),
        nbformat.v4.new_code_cell(
            "inv = await toolkit.collect(scope, services='s3')\nlen(inv['s3.buckets'])"
        ),
        nbformat.v4.new_code_cell(
            "inv2 = toolkit.collect_sync(scope, services='organizations')\n"
            "len(inv2['organizations.accounts'])"
        ),
        nbformat.v4.new_code_cell("inv"),
    ]
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    outputs = [cell.outputs for cell in notebook.cells]
    assert outputs[1][-1]["data"]["text/plain"] == str(len(sandbox.truth.buckets))
    assert outputs[2][-1]["data"]["text/plain"] == str(len(sandbox.truth.accounts))
    assert "<b>Inventory</b>" in outputs[3][-1]["data"]["text/html"]
