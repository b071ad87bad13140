"""``iam.server_certificates``: the SSL/TLS server certificates stored in IAM, with expiry.

One ListServerCertificates per account (paged). ``expired`` is judged when the list is read.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..base import Column, ListStep, TableContext, declare
from ._shared import TIMESTAMP, client


async def list_certificates(ctx: TableContext) -> list[dict[str, Any]]:
    listed = await ctx.aws.items(
        await client(ctx), "list_server_certificates", "ServerCertificateMetadataList"
    )
    now = datetime.now(UTC)
    return [
        {
            "name": certificate["ServerCertificateName"],
            "id": certificate.get("ServerCertificateId"),
            "arn": certificate["Arn"],
            "path": certificate.get("Path"),
            "upload_date": certificate.get("UploadDate"),
            "expiration": certificate.get("Expiration"),
            "expired": None
            if certificate.get("Expiration") is None
            else certificate["Expiration"] <= now,
            "region": "global",
        }
        for certificate in listed
    ]


server_certificates = declare(
    "iam.server_certificates",
    where="global",
    key=("arn",),
    doc="Every SSL/TLS server certificate stored in IAM, with its expiry.",
    list=ListStep(("iam:ListServerCertificates",), list_certificates),
    columns=(
        Column("name", "string", "The certificate's name (ServerCertificateName)."),
        Column("id", "string", "The certificate's id (ASCA...)."),
        Column("arn", "string", "arn:aws:iam::ACCOUNT:server-certificate/PATH/NAME."),
        Column("path", "string", "The certificate's IAM path (/cloudfront/... for CloudFront)."),
        Column("upload_date", TIMESTAMP, "When the certificate was uploaded."),
        Column("expiration", TIMESTAMP, "When the certificate expires (its Not After)."),
        Column("expired", "boolean", "Whether it had expired when the table was collected."),
    ),
)
