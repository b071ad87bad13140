"""AWS Systems Manager: Command documents owned by the account, kept private, shared with
named accounts of the estate, or shared with everyone (public: ``all``, as AWS names it).

Seeded in each account's last steps (after Organizations: a document shared with an account
names it by its estate key).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

SSM_DOCUMENT = {
    "name": str,
    "region": str,
    "command": str,  # the shell command the document runs
    "public": bool,  # shared with all: any AWS account can run it
    "shared_with": [str],  # the estate keys of the accounts it is shared with
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"ssm_documents": [SSM_DOCUMENT]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"ssm_documents": "arn"}


@dataclass
class SsmTruth:
    ssm_documents: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's documents, each shared as the estate says."""
    for document in spec.get("ssm_documents", []):
        region = document.get("region", seeder.regions[0])
        ssm = seeder.client(session, "ssm", region)
        ssm.create_document(
            Name=document["name"],
            Content=json.dumps(_content(document.get("command", "echo ok"))),
            DocumentType="Command",
            DocumentFormat="JSON",
        )
        accounts = [seeder.truth.account_id(key) for key in document.get("shared_with", [])]
        if document.get("public"):
            accounts = ["all"]
        if accounts:
            ssm.modify_document_permission(
                Name=document["name"], PermissionType="Share", AccountIdsToAdd=accounts
            )
        seeder.truth.ssm_documents.append(
            {
                "account_id": account_id,
                "region": region,
                "name": document["name"],
                "arn": f"arn:aws:ssm:{region}:{account_id}:document/{document['name']}",
                "shared_with": sorted(accounts),
                "public": accounts == ["all"],
            }
        )
        seeder.plant(document.get("planted"), account_id, region, document["name"], "document")


def _content(command: str) -> dict[str, Any]:
    return {
        "schemaVersion": "2.2",
        "description": "Runs one shell command.",
        "mainSteps": [
            {
                "action": "aws:runShellScript",
                "name": "run",
                "inputs": {"runCommand": [command]},
            }
        ],
    }
