"""Amazon Route 53: public hosted zones whose DNS queries are logged to CloudWatch Logs or not,
and private zones (which FSBP Route53.2 does not judge) in a VPC of the account.

Seeded in each account's last steps: after EC2 (a private zone names a VPC of the account by
its name). A zone's query log group (``/aws/route53/<zone name>``, in us-east-1 as Route 53
requires, a year's retention) is made here and joins the estate's log groups in the truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

HOSTED_ZONE = {
    "name": str,  # the domain, without the trailing dot
    "comment": str,
    "vpc": str,  # a private zone: the name of the account's VPC it answers in
    "query_logging": bool,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"hosted_zones": [HOSTED_ZONE]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"hosted_zones": "zone_id"}
#: Route 53 writes query logs only to log groups in us-east-1.
LOG_REGION = "us-east-1"
LOG_RETENTION_DAYS = 365


@dataclass
class Route53Truth:
    hosted_zones: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's hosted zones, and query logging for those that ask for it."""
    route53 = seeder.client(session, "route53", LOG_REGION)
    for index, zone in enumerate(spec.get("hosted_zones", [])):
        options: dict[str, Any] = {
            "HostedZoneConfig": {"Comment": zone.get("comment", ""), "PrivateZone": False}
        }
        if zone.get("vpc"):
            vpc = next(
                v
                for v in seeder.truth.vpcs
                if (v["account_id"], v["name"]) == (account_id, zone["vpc"])
            )
            options["VPC"] = {"VPCRegion": vpc["region"], "VPCId": vpc["id"]}
            options["HostedZoneConfig"]["PrivateZone"] = True
        created = route53.create_hosted_zone(
            Name=zone["name"], CallerReference=f"{account_id}-{index}-{zone['name']}", **options
        )["HostedZone"]
        zone_id = created["Id"].rsplit("/", 1)[-1]
        log_group_arn = None
        if zone.get("query_logging"):
            log_group_arn = _query_log_group(seeder, session, account_id, zone["name"])
            route53.create_query_logging_config(
                HostedZoneId=zone_id, CloudWatchLogsLogGroupArn=log_group_arn
            )
        seeder.truth.hosted_zones.append(
            {
                "account_id": account_id,
                "region": "global",
                "zone_id": zone_id,
                "name": zone["name"] + ".",
                "private_zone": bool(zone.get("vpc")),
                "comment": zone.get("comment"),
                "query_log_group_arn": log_group_arn,
            }
        )
        seeder.plant(zone.get("planted"), account_id, "global", zone_id, "hosted_zone")


def _query_log_group(seeder: Seeder, session: Any, account_id: str, zone_name: str) -> str:
    """Make the zone's query log group; return the ARN Route 53 is given (``...:*``)."""
    name = f"/aws/route53/{zone_name}"
    logs = seeder.client(session, "logs", LOG_REGION)
    logs.create_log_group(logGroupName=name)
    logs.put_retention_policy(logGroupName=name, retentionInDays=LOG_RETENTION_DAYS)
    arn = f"arn:aws:logs:{LOG_REGION}:{account_id}:log-group:{name}"
    seeder.truth.log_groups.append(
        {
            "account_id": account_id,
            "region": LOG_REGION,
            "name": name,
            "arn": arn,
            "retention_in_days": LOG_RETENTION_DAYS,
            "kms_key_id": None,
        }
    )
    return f"{arn}:*"
