"""The three diagrams on a small synthetic estate: structure, findings, folding, bad input."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.errors import UsageError
from toolkit.inventory import Inventory
from toolkit.render import _synthetic as synthetic
from toolkit.render import network, network_map, org, org_chart, sso, sso_access
from toolkit.render._synthetic import SMALL_DEV, SMALL_MANAGEMENT, SMALL_PROD


@pytest.fixture(scope="module")
def inv() -> Inventory:
    return synthetic.small_estate()


# -- org chart ---------------------------------------------------------------------------------
def test_org_chart_nests_accounts_in_their_ous(inv: Inventory) -> None:
    graph = org_chart(inv).graph
    assert graph.clusters["ou-test-prod"].parent == "ou-test-work"
    assert graph.clusters["ou-test-work"].parent == "r-test"
    assert graph.clusters["r-test"].parent is None
    assert graph.nodes[SMALL_PROD].cluster == "ou-test-prod"
    assert graph.nodes[SMALL_DEV].cluster == "ou-test-work"
    assert graph.nodes[SMALL_MANAGEMENT].cluster == "r-test"
    prod = graph.nodes[SMALL_PROD]
    assert prod.kind == "account"
    assert prod.data["email"] == "prod@example.com"
    assert "Prod" in prod.label and SMALL_PROD in prod.label and "prod@example.com" in prod.label
    assert "SUSPENDED" in graph.nodes[SMALL_DEV].label
    assert "(management)" in graph.nodes[SMALL_MANAGEMENT].label
    for ou in ("r-test", "ou-test-work", "ou-test-prod"):
        assert graph.nodes[ou].cluster == ou == graph.clusters[ou].anchor


def test_org_chart_scps(inv: Inventory) -> None:
    graph = org_chart(inv).graph
    scp_edges = {(e.source, e.target) for e in graph.sorted_edges() if e.kind == "scp"}
    assert scp_edges == {("p-testdeny", "ou-test-work"), ("p-testdeny", SMALL_DEV)}
    assert "p-FullAWSAccess" not in graph.nodes
    assert "not attached" in graph.nodes["p-testunused"].label
    full = org_chart(inv, aws_managed_scps=True).graph
    targets = {e.target for e in full.edges_from("p-FullAWSAccess")}
    assert targets == {
        "r-test",
        "ou-test-work",
        "ou-test-prod",
        SMALL_MANAGEMENT,
        SMALL_PROD,
        SMALL_DEV,
    }


def test_org_chart_of_one_ou(inv: Inventory) -> None:
    for wanted in ("ou-test-work", "Workloads", "Root/Workloads"):
        graph = org_chart(inv, ou=wanted).graph
        assert set(graph.clusters) == {"ou-test-work", "ou-test-prod"}
        assert graph.clusters["ou-test-work"].parent is None
        assert SMALL_MANAGEMENT not in graph.nodes
        assert "p-testunused" not in graph.nodes
    with pytest.raises(UsageError, match="No OU 'Nope'.*Root/Workloads"):
        org_chart(inv, ou="Nope")


def test_org_chart_marks_findings_per_account(inv: Inventory) -> None:
    findings = synthetic.findings(
        [
            (
                "organizations_ou_without_scp",
                "medium",
                "organizations",
                SMALL_MANAGEMENT,
                "ou-test-prod",
            ),
            ("s3_bucket_public_acl", "critical", "s3", SMALL_PROD, "some-bucket"),
            ("iam_root_mfa_disabled", "high", "iam", SMALL_PROD, SMALL_PROD),
            (
                "sso_admin_assigned_to_user",
                "medium",
                "sso",
                SMALL_MANAGEMENT,
                f"{SMALL_DEV}/Admin/USER/ann",
            ),
            ("sso_permission_set_long_session", "low", "sso", SMALL_MANAGEMENT, "arn:aws:sso:::x"),
        ]
    )
    findings.loc[len(findings)] = findings.iloc[1].copy()
    findings.loc[len(findings) - 1, "status"] = "MUTED"
    graph = org_chart(inv, findings).graph
    assert graph.nodes[SMALL_PROD].findings == {"critical": 1, "high": 1}
    assert graph.nodes["ou-test-prod"].findings == {"medium": 1}
    assert graph.nodes[SMALL_DEV].findings == {"medium": 1}
    # Read from the management account but about the organization: not the management's.
    assert graph.nodes[SMALL_MANAGEMENT].findings == {}
    assert any("1 critical, 1 high, 2 medium" in note for note in graph.notes)
    assert any("1 other failing" in note for note in graph.notes)
    assert "1 critical, 1 high" in org_chart(inv, findings).dot


def test_org_chart_folds_big_ous(inv: Inventory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(org, "ORG_FOLD_ACCOUNTS", 0)
    result = org_chart(inv)
    graph = result.graph
    folded = graph.nodes["ou-test-prod/accounts"]
    assert folded.kind == "accounts" and folded.count == 1
    assert folded.resources == (SMALL_PROD,)
    assert SMALL_PROD not in graph.nodes
    assert SMALL_MANAGEMENT in graph.nodes  # the management account is never folded away
    assert set(graph.pages) == {"ou-test-prod", "ou-test-work", "r-test"}
    pages = result.pages()
    assert SMALL_PROD in pages["ou-test-prod"].graph.nodes  # a page shows its own accounts


def test_org_chart_summary(inv: Inventory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(org, "ORG_SUMMARY_ACCOUNTS", 2)
    graph = org_chart(inv).graph
    kinds = {n.kind for n in graph.nodes.values()}
    assert kinds == {"root", "ou", "account", "scp"}
    assert [n.id for n in graph.nodes.values() if n.kind == "account"] == [SMALL_MANAGEMENT]
    assert graph.nodes["ou-test-work"].data["accounts"] == 2
    assert "2 accounts (1 own, 1 below)" in graph.nodes["ou-test-work"].label
    assert graph.nodes["ou-test-work"].resources == ("ou-test-work", SMALL_DEV)
    assert "also on 1 account" in graph.nodes["p-testdeny"].label
    assert org_chart(inv, summary=False).graph.nodes[SMALL_PROD]


def test_org_chart_needs_the_organization_tables() -> None:
    with pytest.raises(UsageError, match="organizations"):
        org_chart(Inventory({}))


# -- SSO ---------------------------------------------------------------------------------------
def _assignment_paths(graph) -> set[tuple[str, str, str]]:
    paths = set()
    for edge in graph.sorted_edges():
        if edge.kind != "assignment":
            continue
        pset = graph.nodes[edge.target]
        for access in graph.edges_from(pset.id, "access"):
            for account in graph.nodes[access.target].data["account_ids"]:
                paths.add((edge.source, pset.data["permission_set_name"], account))
    return paths


def test_sso_every_assignment_is_principal_set_account(inv: Inventory) -> None:
    graph = sso_access(inv).graph
    assert _assignment_paths(graph) == {
        ("group/g-ops", "Admin", SMALL_PROD),
        ("user/u-ann", "ReadOnly", SMALL_DEV),
        ("user/u-gone", "ReadOnly", SMALL_PROD),
    }
    # A permission set is drawn per account: ReadOnly on Dev is not ReadOnly on Prod.
    assert graph.nodes[f"{SMALL_PROD}/ps-read"].cluster == SMALL_PROD
    assert graph.nodes[f"{SMALL_DEV}/ps-read"].cluster == SMALL_DEV
    assert "deleted user" in graph.nodes["user/u-gone"].label
    members = {(e.source, e.target) for e in graph.sorted_edges() if e.kind == "member"}
    assert members == {("user/u-ann", "group/g-ops"), ("user/u-bo", "group/g-ops")}


def test_sso_for_one_account(inv: Inventory) -> None:
    for wanted in (SMALL_PROD, "Prod"):
        graph = sso_access(inv, account_id=wanted).graph
        assert {a for _, _, a in _assignment_paths(graph)} == {SMALL_PROD}
        assert "Who can get into Prod" in graph.title
    empty = sso_access(inv, account_id=SMALL_MANAGEMENT).graph
    assert "No one is assigned on this account" in empty.notes
    with pytest.raises(UsageError, match="No account '999'.*Prod"):
        sso_access(inv, account_id="999")


def test_sso_for_one_principal(inv: Inventory) -> None:
    group = sso_access(inv, principal="Ops").graph
    assert _assignment_paths(group) == {("group/g-ops", "Admin", SMALL_PROD)}
    assert "Where can group Ops go" in group.title
    user = sso_access(inv, principal="ann").graph
    # A user's reach: direct assignments and those of their groups.
    assert _assignment_paths(user) == {
        ("user/u-ann", "ReadOnly", SMALL_DEV),
        ("group/g-ops", "Admin", SMALL_PROD),
    }
    assert ("user/u-ann", "group/g-ops", "member") in user.edges
    assert "user/u-bo" not in user.nodes
    assert sso_access(inv, principal="user:bo").graph.nodes["user/u-bo"]
    with pytest.raises(UsageError, match="No user or group 'zed'.*group:Ops"):
        sso_access(inv, principal="zed")


def test_sso_findings_on_principals_sets_and_assignments(inv: Inventory) -> None:
    findings = synthetic.findings(
        [
            (
                "sso_permission_set_long_session",
                "medium",
                "sso",
                SMALL_MANAGEMENT,
                "arn:aws:sso:::permissionSet/ssoins-test/ps-read",
            ),
            (
                "sso_assignment_orphaned_principal",
                "low",
                "sso",
                SMALL_MANAGEMENT,
                f"{SMALL_PROD}/ReadOnly/USER/u-gone",
            ),
            ("sso_group_without_members", "low", "sso", SMALL_MANAGEMENT, "g-ops"),
            ("iam_root_mfa_disabled", "high", "iam", SMALL_PROD, SMALL_PROD),
        ]
    )
    graph = sso_access(inv, findings=findings).graph
    assert graph.nodes[f"{SMALL_PROD}/ps-read"].findings == {"medium": 1}
    assert graph.nodes[f"{SMALL_DEV}/ps-read"].findings == {"medium": 1}
    assert graph.edges[("user/u-gone", f"{SMALL_PROD}/ps-read", "assignment")].findings == {
        "low": 1
    }
    assert graph.nodes["group/g-ops"].findings == {"low": 1}
    assert graph.nodes[SMALL_PROD].findings == {}  # only Identity Center checks here


def test_sso_folds_accounts_with_identical_access(monkeypatch: pytest.MonkeyPatch) -> None:
    base = synthetic.small_estate()
    frame = base["sso.account_assignments"]
    same = frame[frame["principal_id"] == "g-ops"]
    extra = pd.concat(
        [same.assign(target_account_id=f"44444444444{i}") for i in range(3)], ignore_index=True
    )
    frames = {name: base[name] for name in base.tables}
    frames["sso.account_assignments"] = pd.concat([frame, extra], ignore_index=True)
    inv = Inventory(frames)
    monkeypatch.setattr(sso, "SSO_FOLD_ACCOUNTS", 2)
    graph = sso_access(inv).graph
    boxes = [c for c in graph.clusters.values() if len(c.data.get("account_ids", [])) > 1]
    assert len(boxes) == 1
    assert boxes[0].data["account_ids"] == ["444444444440", "444444444441", "444444444442"]
    assert SMALL_PROD in graph.clusters  # its access differs (a second assignment)
    assert ("group/g-ops", "Admin", "444444444441") in _assignment_paths(graph)
    monkeypatch.setattr(sso, "SSO_MEMBERS_PER_GROUP", 1)
    folded = sso_access(inv).graph
    assert folded.nodes["group/g-ops/members"].count == 2


# -- network -----------------------------------------------------------------------------------
def test_network_structure(inv: Inventory) -> None:
    graph = network(inv, SMALL_PROD, "us-east-1").graph
    assert graph.clusters["subnet-pub"].parent == "vpc-test"
    assert graph.clusters["subnet-pub"].kind == "subnet_public"
    assert graph.clusters["subnet-priv"].kind == "subnet_private"
    assert graph.nodes["i-web"].cluster == "subnet-pub"
    assert graph.nodes["i-app"].cluster == "subnet-priv"
    assert graph.nodes["nat-test"].cluster == "subnet-pub"
    assert graph.nodes["igw-test"].cluster == "vpc-test"
    assert graph.nodes["rds/orders"].cluster == "vpc-test"
    assert graph.nodes["lambda/worker"].cluster == "vpc-test"
    assert graph.nodes["rds/legacy"].cluster == "outside-vpc"
    edges = set(graph.edges)
    assert ("internet", "sg-web", "internet") in edges
    assert ("internet", "sg-ssh", "internet") in edges  # ::/0 counts too
    assert graph.edges[("internet", "sg-web", "internet")].label == "tcp 443"
    assert ("internet", "sg-app", "internet") not in edges
    assert ("sg-web", "sg-app", "ingress") in edges
    assert {("sg-web", "i-web", "protects"), ("sg-ssh", "i-web", "protects")} <= edges
    assert ("sg-app", "lambda/worker", "protects") in edges
    assert ("internet", "igw-test", "gateway") in edges
    assert ("rtb-pub", "igw-test", "route") in edges
    assert ("rtb-priv", "nat-test", "route") in edges
    assert ("subnet-priv", "rtb-priv", "subnet_route") in edges
    assert ("internet", "rds/legacy", "public") in edges
    assert ("internet", "lambda/hook", "public") in edges
    assert "sg-idle" not in graph.nodes
    assert "outside-vpc" not in network(inv, "Prod", "us-east-1", vpc_id="main").graph.clusters


def test_network_marks_findings(inv: Inventory) -> None:
    findings = synthetic.findings(
        [
            ("ec2_security_group_open_admin_port", "high", "ec2", SMALL_PROD, "sg-ssh"),
            ("ec2_instance_imdsv1", "medium", "ec2", SMALL_PROD, "i-web"),
            ("ec2_vpc_flow_logs_disabled", "medium", "ec2", SMALL_PROD, "vpc-test"),
            ("ec2_subnet_auto_assign_public_ip", "medium", "ec2", SMALL_PROD, "subnet-pub"),
            ("rds_instance_publicly_accessible", "high", "rds", SMALL_PROD, "legacy"),
            ("lambda_function_url_without_auth", "high", "lambda", SMALL_PROD, "hook"),
            ("ec2_instance_imdsv1", "medium", "ec2", SMALL_DEV, "i-web"),  # another account
        ]
    )
    graph = network(inv, SMALL_PROD, "us-east-1", findings=findings).graph
    assert graph.nodes["sg-ssh"].findings == {"high": 1}
    assert graph.nodes["i-web"].findings == {"medium": 1}
    assert graph.clusters["vpc-test"].findings == {"medium": 1}
    assert graph.nodes["subnet-pub"].findings == {"medium": 1}
    assert graph.nodes["rds/legacy"].findings == {"high": 1}
    assert graph.nodes["lambda/hook"].findings == {"high": 1}


def test_network_collapses_like_instances(monkeypatch: pytest.MonkeyPatch) -> None:
    inv = synthetic.vpc(instances=60, subnets=2)
    monkeypatch.setattr(network_map, "NETWORK_MAX_INSTANCES_PER_SUBNET", 5)
    graph = network(inv, "300000000000", "us-east-1").graph
    collapsed = [n for n in graph.nodes.values() if n.kind == "instances"]
    assert collapsed and not [n for n in graph.nodes.values() if n.kind == "instance"]
    assert sum(n.count for n in collapsed) == 60
    assert all(len(n.data["instance_types"]) >= 1 for n in collapsed)
    assert any(", t3.micro" in n.label for n in collapsed)
    for node in collapsed:
        assert graph.nodes[node.id].cluster in (
            "subnet-0synth0000000000",
            "subnet-0synth0000000001",
        )
        assert len(graph.nodes_in(node.cluster)) <= network_map.NETWORK_MAX_INSTANCE_GROUPS + 2
    # Findings on any member mark the collapsed node.
    member = collapsed[0].data["instance_ids"][0]
    findings = synthetic.findings(
        [("ec2_instance_imdsv1", "medium", "ec2", "300000000000", member)]
    )
    marked = network(inv, "300000000000", "us-east-1", findings=findings).graph
    assert marked.nodes[collapsed[0].id].findings == {"medium": 1}


def test_network_bad_input(inv: Inventory) -> None:
    with pytest.raises(UsageError, match="No account 'nobody'.*222222222222 \\(Prod\\)"):
        network(inv, "nobody", "us-east-1")
    with pytest.raises(UsageError, match="No VPC of account 222222222222.*us-east-1"):
        network(inv, SMALL_PROD, "eu-west-1")
    with pytest.raises(UsageError, match="No VPC 'vpc-nope'.*vpc-test \\(main\\)"):
        network(inv, SMALL_PROD, "us-east-1", vpc_id="vpc-nope")
    with pytest.raises(UsageError, match="ec2"):
        network(Inventory({}), SMALL_PROD, "us-east-1")


def test_same_inventory_same_dot(inv: Inventory) -> None:
    for draw in (
        lambda i: org_chart(i),
        lambda i: sso_access(i),
        lambda i: network(i, SMALL_PROD, "us-east-1"),
    ):
        assert draw(inv).dot == draw(synthetic.small_estate()).dot


def test_row_order_does_not_change_the_dot(inv: Inventory) -> None:
    """Collection order varies between runs (accounts and regions finish in any order)."""
    shuffled = Inventory(
        {
            name: inv[name].sample(frac=1, random_state=7).reset_index(drop=True)
            for name in reversed(inv.tables)
        }
    )
    assert org_chart(shuffled).dot == org_chart(inv).dot
    assert sso_access(shuffled).dot == sso_access(inv).dot
    assert (
        network(shuffled, SMALL_PROD, "us-east-1").dot == network(inv, SMALL_PROD, "us-east-1").dot
    )
    big = synthetic.vpc(instances=300, subnets=3)
    big_shuffled = Inventory({n: big[n].sample(frac=1, random_state=3) for n in big.tables})
    assert (
        network(big_shuffled, "300000000000", "us-east-1").dot
        == network(big, "300000000000", "us-east-1").dot
    )
