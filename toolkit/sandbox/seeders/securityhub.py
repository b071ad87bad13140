"""AWS Security Hub: hubs with their standards, and the organization's delegated administrator.

The delegated administrator (``securityhub.delegated_administrator``, an account key) is
designated from the management account in every region of the estate, once, in the first
account's step (EnableOrganizationAdminAccount; the sandbox registers it in Organizations as
AWS does). A hub entry with ``enabled: false`` makes nothing: it names a region where Security
Hub is off, to plant the finding there (the hub's ARN is its resource either way).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...errors import UsageError
from ..security_services import default_standards, standards_arn
from .organizations import account_keys
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

HUB = {
    "region": str,
    "enabled": bool,
    #: EnableDefaultStandards (AWS's default: true, FSBP v1.0.0 and CIS v1.2.0).
    "default_standards": bool,
    #: More standards (BatchEnableStandards), e.g. cis-aws-foundations-benchmark/v/3.0.0.
    "standards": [str],
    "auto_enable_controls": bool,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"securityhub_hubs": [HUB]}
SCHEMA = {"securityhub": {"delegated_administrator": str}}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"securityhub_hubs": "region"}


@dataclass
class SecurityHubTruth:
    securityhub_hubs: list[dict[str, Any]] = field(default_factory=list)
    #: The delegated administrator's account id, "" for none.
    securityhub_administrator: str = ""


def check(data: dict[str, Any], source: str) -> None:
    """The delegated administrator is a member account of the organization."""
    check_delegate(data, "securityhub", source)


def check_delegate(data: dict[str, Any], service: str, source: str) -> None:
    key = (data.get(service) or {}).get("delegated_administrator")
    if key is None:
        return
    members = account_keys(data)[1:]  # the management account cannot be its own delegate
    if key not in members:
        raise UsageError(
            f"{source}: {service}.delegated_administrator {key!r} is not a member account "
            f"of the organization; use one of {', '.join(members)}."
        )


def designate(seeder: Seeder, service: str) -> str:
    """The service's delegated administrator, designated once from the management account
    in every region of the estate; its account id ("" for none)."""
    key = (seeder.estate.get(service) or {}).get("delegated_administrator")
    if not key:
        return ""
    done = seeder.memo(f"{service}.delegated")
    with seeder.lock:
        first = not done
        done["account"] = seeder.account_ids[key]
    if first:
        for region in seeder.regions:
            client = seeder.client(seeder.management, service, region)
            client.enable_organization_admin_account(AdminAccountId=done["account"])
    return done["account"]


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The delegated administrator (once), then the account's hubs and their standards."""
    seeder.truth.securityhub_administrator = designate(seeder, "securityhub")
    for hub in spec.get("securityhub_hubs", []):
        region = hub.get("region", seeder.regions[0])
        arn = f"arn:aws:securityhub:{region}:{account_id}:hub/default"
        if hub.get("enabled", True):
            securityhub = seeder.client(session, "securityhub", region)
            defaults = hub.get("default_standards", True)
            securityhub.enable_security_hub(EnableDefaultStandards=defaults)
            more = [standards_arn(region, name) for name in hub.get("standards", [])]
            if more:
                securityhub.batch_enable_standards(
                    StandardsSubscriptionRequests=[{"StandardsArn": a} for a in more]
                )
            auto = hub.get("auto_enable_controls", True)
            if not auto:
                securityhub.update_security_hub_configuration(AutoEnableControls=False)
            standards = (default_standards(region) if defaults else []) + more
            seeder.truth.securityhub_hubs.append(
                {
                    "account_id": account_id,
                    "region": region,
                    "hub_arn": arn,
                    "standards": sorted(set(standards)),
                    "auto_enable_controls": auto,
                }
            )
        seeder.plant(hub.get("planted"), account_id, region, arn, "securityhub_hub")
