"""``acm_pca.certificate_authorities``: one row per private certificate authority the account
owns in the region (ListCertificateAuthorities, which describes each CA in full)."""

from __future__ import annotations

from typing import Any

from ..base import Column, ListStep, TableContext, declare

SERVICE = "acm-pca"


async def list_authorities(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(
        client, "list_certificate_authorities", "CertificateAuthorities", ResourceOwner="SELF"
    )
    rows = []
    for ca in found:
        configuration = ca.get("CertificateAuthorityConfiguration") or {}
        rows.append(
            {
                "arn": ca.get("Arn"),
                "ca_type": ca.get("Type"),
                "status": ca.get("Status"),
                "common_name": (configuration.get("Subject") or {}).get("CommonName"),
                "key_algorithm": configuration.get("KeyAlgorithm"),
                "signing_algorithm": configuration.get("SigningAlgorithm"),
                "usage_mode": ca.get("UsageMode"),
                "created_at": ca.get("CreatedAt"),
                "last_state_change_at": ca.get("LastStateChangeAt"),
            }
        )
    return rows


certificate_authorities = declare(
    "acm_pca.certificate_authorities",
    where="regional",
    key=("arn",),
    doc="AWS Private CA certificate authorities, root and subordinate: one row per CA.",
    list=ListStep(("acm-pca:ListCertificateAuthorities",), list_authorities),
    columns=(
        Column("arn", "string", "The CA's ARN."),
        Column("ca_type", "string", "ROOT or SUBORDINATE."),
        Column(
            "status",
            "string",
            "CREATING, PENDING_CERTIFICATE, ACTIVE, DELETED, DISABLED, EXPIRED or FAILED.",
        ),
        Column("common_name", "string", "The CA's subject common name."),
        Column("key_algorithm", "string", "The CA's key algorithm, e.g. RSA_2048."),
        Column("signing_algorithm", "string", "The algorithm it signs with, e.g. SHA256WITHRSA."),
        Column("usage_mode", "string", "GENERAL_PURPOSE or SHORT_LIVED_CERTIFICATE."),
        Column("created_at", "datetime64[ns, UTC]", "When the CA was created."),
        Column(
            "last_state_change_at",
            "datetime64[ns, UTC]",
            "When its status last changed; null when it never has.",
        ),
    ),
)
