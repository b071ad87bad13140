"""AWS Private CA: certificate authorities, root or subordinate, and whether they are disabled.

A ``private_cas`` entry makes a CA (CreateCertificateAuthority: RSA_2048, SHA256WITHRSA) and,
with ``disabled: true``, sets it DISABLED (UpdateCertificateAuthority). A CA whose certificate is
never installed stays PENDING_CERTIFICATE, as in AWS.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

CA = {"name": str, "region": str, "type": str, "disabled": bool, "planted": PLANTED}
ACCOUNT_SCHEMA = {"private_cas": [CA]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"private_cas": "name"}


@dataclass
class PrivateCaTruth:
    #: Rows: ``account_id``, ``region``, ``arn``, ``name`` (common name), ``type``, ``status``.
    private_cas: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """Each CA: one create call, and one update where it is disabled."""
    for entry in spec.get("private_cas", []):
        region = entry.get("region", seeder.regions[0])
        pca = seeder.client(session, "acm-pca", region)
        ca_type = entry.get("type", "ROOT")
        arn = pca.create_certificate_authority(
            CertificateAuthorityConfiguration={
                "KeyAlgorithm": "RSA_2048",
                "SigningAlgorithm": "SHA256WITHRSA",
                "Subject": {"CommonName": entry["name"]},
            },
            CertificateAuthorityType=ca_type,
        )["CertificateAuthorityArn"]
        status = "PENDING_CERTIFICATE"
        if entry.get("disabled", False):
            pca.update_certificate_authority(CertificateAuthorityArn=arn, Status="DISABLED")
            status = "DISABLED"
        seeder.truth.private_cas.append(
            {
                "account_id": account_id,
                "region": region,
                "arn": arn,
                "name": entry["name"],
                "type": ca_type,
                "status": status,
            }
        )
        seeder.plant(entry.get("planted"), account_id, region, arn, "private_ca")
