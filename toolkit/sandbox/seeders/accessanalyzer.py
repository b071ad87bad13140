"""IAM Access Analyzer: analyzers per account and region (the sandbox's own, ``accessanalyzer``).

An ORGANIZATION analyzer is made as AWS requires: from the management account, once the
organization has trusted access for access-analyzer.amazonaws.com (enabled here, before it).
Where no analyzer covers an (account, region), own or organization's, the estate says so with
``access_analyzer_not_covered`` and what is planted there: nothing is made for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

SERVICE_PRINCIPAL = "access-analyzer.amazonaws.com"
ANALYZER = {"name": str, "region": str, "type": str, "planted": PLANTED}
NOT_COVERED = {"regions": [str], "planted": PLANTED}
ACCOUNT_SCHEMA = {"access_analyzers": [ANALYZER], "access_analyzer_not_covered": NOT_COVERED}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"access_analyzers": "arn"}


@dataclass
class AccessAnalyzerTruth:
    access_analyzers: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's analyzers, and the planted (account, region)s no analyzer covers."""
    analyzers = spec.get("access_analyzers", [])
    if any(a.get("type") == "ORGANIZATION" for a in analyzers):
        organizations = seeder.client(session, "organizations")
        organizations.enable_aws_service_access(ServicePrincipal=SERVICE_PRINCIPAL)
    for analyzer in analyzers:
        region = analyzer.get("region", seeder.regions[0])
        kind = analyzer.get("type", "ACCOUNT")
        client = seeder.client(session, "accessanalyzer", region)
        arn = client.create_analyzer(analyzerName=analyzer["name"], type=kind)["arn"]
        seeder.truth.access_analyzers.append(
            {
                "account_id": account_id,
                "region": region,
                "name": analyzer["name"],
                "arn": arn,
                "type": kind,
            }
        )
        seeder.plant(analyzer.get("planted"), account_id, region, arn, "analyzer")
    gaps = spec.get("access_analyzer_not_covered", {})
    for region in gaps.get("regions", []):
        seeder.plant(gaps.get("planted"), account_id, region, account_id, "account")
