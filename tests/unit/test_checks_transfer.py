"""Transfer Family checks on small inventories built by hand: exactly which servers and
connectors FAIL and PASS, why, and the FSBP controls they answer."""

from __future__ import annotations

from check_results import results

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"


def inventory(table: str, *rows: dict) -> Inventory:
    base = {"account_id": A, "region": EAST}
    return Inventory({table: TABLES[table].frame([{**base, **row} for row in rows])})


def test_checks_are_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    assert CHECKS["transfer_server_ftp_enabled"].frameworks == {"AWS-FSBP": ("Transfer.2",)}
    assert CHECKS["transfer_connector_logging_disabled"].frameworks == {"AWS-FSBP": ("Transfer.3",)}


def test_servers_fail_when_ftp_is_among_their_protocols() -> None:
    def server(server_id: str, protocols: str) -> dict:
        arn = f"arn:aws:transfer:{EAST}:{A}:server/{server_id}"
        return {"server_id": server_id, "arn": arn, "protocols": protocols}

    inv = inventory(
        "transfer.servers",
        server("s-sftp", '["SFTP"]'),
        server("s-ftps", '["FTPS"]'),
        server("s-mixed", '["FTP", "SFTP"]'),
    )
    assert results(inv, "transfer_server_ftp_enabled") == {
        "s-sftp": ("PASS", "protocols SFTP"),
        "s-ftps": ("PASS", "protocols FTPS"),
        "s-mixed": ("FAIL", "accepts plain FTP (protocols FTP, SFTP)"),
    }


def test_connectors_fail_without_a_logging_role() -> None:
    role = f"arn:aws:iam::{A}:role/logs"

    def connector(connector_id: str, **fields) -> dict:
        arn = f"arn:aws:transfer:{EAST}:{A}:connector/{connector_id}"
        return {"connector_id": connector_id, "arn": arn, **fields}

    inv = inventory(
        "transfer.connectors", connector("c-logs", logging_role=role), connector("c-quiet")
    )
    assert results(inv, "transfer_connector_logging_disabled") == {
        "c-logs": ("PASS", f"logs with role {role}"),
        "c-quiet": ("FAIL", "no logging role: publishes no logs"),
    }
