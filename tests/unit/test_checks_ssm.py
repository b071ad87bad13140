"""The SSM.4 check on small inventories built by hand: exactly which documents FAIL and PASS,
why, and the FSBP control it answers."""

from __future__ import annotations

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
B = "222222222222"
EAST = "us-east-1"
PUBLIC = "ssm_document_public"


def document(name: str, **fields) -> dict:
    arn = f"arn:aws:ssm:{EAST}:{A}:document/{name}"
    return {"account_id": A, "region": EAST, "name": name, "arn": arn, "owner": A, **fields}


def results(*rows: dict) -> dict[str, tuple[str, str]]:
    inv = Inventory({"ssm.documents": TABLES["ssm.documents"].frame(rows)})
    found = toolkit.run_checks(inv, checks=PUBLIC)
    assert set(found["check_id"]) <= {PUBLIC}
    values = zip(found["status"].astype(str), found["detail"], strict=True)
    return dict(zip(found["resource_id"], values, strict=True))


def test_check_is_mapped_to_fsbp_ssm_4() -> None:
    load_builtin()
    assert CHECKS[PUBLIC].frameworks == {"AWS-FSBP": ("SSM.4",)}
    assert "--name {resource_id}" in CHECKS[PUBLIC].remediation_cli


def test_fails_only_a_document_shared_with_all() -> None:
    result = results(
        document("private", shared_with="[]", public=False),
        document("partner", shared_with=f'["{B}"]', public=False),
        document("open", shared_with='["all"]', public=True),
        document("unknown"),
    )
    assert result == {
        "private": ("PASS", "not shared"),
        "partner": ("PASS", f"shared with {B}"),
        "open": ("FAIL", "shared with all"),
        "unknown": ("PASS", "sharing not read (DescribeDocumentPermission not collected)"),
    }


MANAGED = "ssm_instance_not_managed"


def instance(instance_id: str, state: str = "running", region: str = EAST) -> dict:
    return {
        "account_id": A,
        "region": region,
        "instance_id": instance_id,
        "arn": f"arn:aws:ec2:{region}:{A}:instance/{instance_id}",
        "state": state,
    }


def managed(instance_id: str, ping: str = "Online", region: str = EAST) -> dict:
    return {"account_id": A, "region": region, "instance_id": instance_id, "ping_status": ping}


def managed_results(instances: list[dict], managed_rows: list[dict]) -> dict:
    inv = Inventory(
        {
            "ec2.instances": TABLES["ec2.instances"].frame(instances),
            "ssm.managed_instances": TABLES["ssm.managed_instances"].frame(managed_rows),
        }
    )
    found = toolkit.run_checks(inv, checks=MANAGED)
    assert set(found["check_id"]) <= {MANAGED}
    values = zip(found["status"].astype(str), found["detail"], strict=True)
    return dict(zip(found["resource_id"], values, strict=True))


def test_instance_check_is_mapped_to_fsbp_ssm_1() -> None:
    load_builtin()
    assert CHECKS[MANAGED].frameworks == {"AWS-FSBP": ("SSM.1",)}
    assert "--instance-id {resource_id}" in CHECKS[MANAGED].remediation_cli


def test_running_and_stopped_instances_fail_unless_systems_manager_lists_them() -> None:
    result = managed_results(
        [
            instance("i-online"),
            instance("i-stopped", state="stopped"),
            instance("i-lost", state="stopped"),
            instance("i-elsewhere", region="eu-west-1"),
            instance("i-gone", state="terminated"),
        ],
        [
            managed("i-online"),
            managed("i-lost", ping="ConnectionLost"),
            managed("i-elsewhere"),  # same id in another region: not this instance
        ],
    )
    assert result == {
        "i-online": ("PASS", "managed by Systems Manager, agent Online"),
        "i-stopped": ("FAIL", "not managed by Systems Manager"),
        "i-lost": ("PASS", "managed by Systems Manager, agent ConnectionLost"),
        "i-elsewhere": ("FAIL", "not managed by Systems Manager"),
    }
