"""The paths-to-administrator diagram, from a paths table built by hand, drawn by Graphviz."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from toolkit.errors import UsageError
from toolkit.render import access_paths
from toolkit.render.draw import dot_id

DEV, PROD, VENDOR = "111111111111", "222222222222", "999988887777"
ALICE = f"arn:aws:iam::{DEV}:user/alice"
DEPLOY = f"arn:aws:iam::{PROD}:role/deploy"
ADMIN = f"arn:aws:iam::{PROD}:role/ops/admin"
BOB, SESSION = "sso-user:bob", f"sso:Developer@{PROD}"
OUTSIDER = f"arn:aws:iam::{VENDOR}:root"


def step(source: str, target: str, method: str, conditional: bool = False) -> dict:
    return {"from": source, "to": target, "method": method, "conditional": conditional}


def path(start: tuple[str, str, str, str], end: tuple[str, str, str], steps: list[dict]) -> dict:
    return {
        "path_id": f"p{len(steps)}{start[2]}",
        "start": start[0],
        "start_type": start[1],
        "start_name": start[2],
        "start_account": start[3],
        "end": end[0],
        "end_name": end[1],
        "target_account": end[2],
        "target_account_name": {DEV: "Dev", PROD: "Prod"}[end[2]],
        "hops": len(steps),
        "methods": json.dumps([s["method"] for s in steps]),
        "steps": json.dumps(steps),
        "cross_account": start[3] != end[2],
        "conditional": any(s["conditional"] for s in steps),
        "detail": "",
    }


@pytest.fixture(scope="module")
def paths() -> pd.DataFrame:
    return pd.DataFrame(
        [
            path(
                (ALICE, "user", "alice", DEV),
                (ADMIN, "admin", PROD),
                [step(ALICE, DEPLOY, "AssumeRole", True), step(DEPLOY, ADMIN, "PassRole")],
            ),
            path((ALICE, "user", "alice", DEV), (ALICE, "alice", DEV), [step(ALICE, ALICE, "AttachUserPolicy")]),
            path(
                (BOB, "sso_user", "bob", DEV),
                (SESSION, "Developer in 222222222222", PROD),
                [step(BOB, SESSION, "IdentityCenter"), step(SESSION, SESSION, "CreateNewPolicyVersion")],
            ),
            path((OUTSIDER, "outside", OUTSIDER, VENDOR), (ADMIN, "admin", PROD), [step(OUTSIDER, ADMIN, "AssumeRole")]),
        ]
    )  # fmt: skip


def edges_in(dot: str) -> list[str]:
    return [line.strip() for line in dot.splitlines() if " -> " in line]


def test_every_principal_in_its_account_box(paths: pd.DataFrame) -> None:
    graph = access_paths(paths).graph
    assert set(graph.nodes) == {ALICE, DEPLOY, ADMIN, BOB, SESSION, OUTSIDER}
    assert graph.nodes[ALICE].cluster == f"account-{DEV}" == graph.nodes[BOB].cluster
    assert graph.nodes[DEPLOY].cluster == f"account-{PROD}" == graph.nodes[SESSION].cluster
    assert graph.nodes[OUTSIDER].cluster == "outside"
    assert graph.clusters[f"account-{PROD}"].label == f"Prod ({PROD})"
    kinds = {n.id: n.kind for n in graph.sorted_nodes()}
    assert kinds == {
        ALICE: "iam_user",
        DEPLOY: "iam_role",
        ADMIN: "iam_role",
        BOB: "sso_user",
        SESSION: "sso_session",
        OUTSIDER: "outside",
    }
    # The name of an intermediate role comes from its ARN, path left out.
    assert graph.nodes[DEPLOY].label.splitlines()[0] == "deploy"
    assert {n.id for n in graph.sorted_nodes() if n.data["admin"]} == {ADMIN, ALICE, SESSION}


def test_dot_has_every_start_end_and_one_edge_per_step(paths: pd.DataFrame) -> None:
    dot = access_paths(paths).dot
    for node in {*paths["start"], *paths["end"]}:
        assert f'"{dot_id(node)}"' in dot, node
    steps = {(s["from"], s["to"], s["method"]) for cell in paths["steps"] for s in json.loads(cell)}
    lines = edges_in(dot)
    assert len(lines) == len(steps) == 6
    for source, target, method in steps:
        (line,) = [x for x in lines if x.startswith(f'"{dot_id(source)}" -> "{dot_id(target)}"')]
        assert f"label={method}" in line
        assert ("style=dashed" in line) == (method == "AssumeRole" and source == ALICE)
    # Administrators reached: a double border; the others not.
    for node, admin in ((ADMIN, True), (DEPLOY, False), (BOB, False)):
        (line,) = [x for x in dot.splitlines() if x.strip().startswith(f'"{dot_id(node)}" [')]
        assert ("peripheries=2" in line) == admin, node


def test_svg_is_drawn_by_graphviz_with_every_principal(paths: pd.DataFrame) -> None:
    svg = access_paths(paths).svg()
    assert svg.count('class="edge"') == 6
    texts = set(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    assert {"alice", "deploy", "admin", "bob", "Developer", OUTSIDER} <= texts
    assert "stroke-dasharray" in svg  # the conditional step
    assert "site-packages" not in svg  # icons embedded


def test_png_for_reports_and_one_account(paths: pd.DataFrame) -> None:
    result = access_paths(paths, account_id=DEV, inline="png")
    assert set(result.graph.nodes) == {ALICE}
    assert result.png().startswith(b"\x89PNG")
    assert result.inline == "png"


def test_no_path_draws_a_sentence(paths: pd.DataFrame) -> None:
    result = access_paths(paths.iloc[0:0])
    assert not result.graph.nodes and not result.graph.edges
    assert "No path to administrator was found" in result.graph.notes
    assert "No path to administrator was found" in result.svg()


def test_a_table_that_is_not_paths_is_refused() -> None:
    with pytest.raises(UsageError, match="paths_to_admin"):
        access_paths(pd.DataFrame({"principal": ["x"]}))
