from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Transfer Family server accepts plain FTP",
    severity="medium",
    service="transfer",
    resource_type="AWS::Transfer::Server",
    tables=["transfer.servers"],
    description="The server's endpoint speaks FTP (among its protocols), as FSBP Transfer.2 "
    "evaluates it (AWS Config rule transfer-family-server-no-ftp; no parameters).",
    risk="FTP sends user names, passwords and files unencrypted: anyone on the path reads or "
    "alters them.",
    remediation="Move clients to SFTP or FTPS and remove FTP from the server's protocols.",
    remediation_cli="aws transfer update-server --region {region} --server-id {resource_id} "
    "--protocols SFTP",
)
def transfer_server_ftp_enabled(inv: Inventory) -> pd.DataFrame:
    s = inv["transfer.servers"]
    protocols = s["protocols"].astype("string").fillna("[]").map(json.loads)
    ftp = protocols.map(lambda p: "FTP" in p).astype(bool)
    listed = protocols.map(", ".join)
    detail = ("protocols " + listed).where(~ftp, "accepts plain FTP (protocols " + listed + ")")
    return evaluate(s, ftp, s["server_id"], detail, s["arn"])
