"""Security Hub and GuardDuty where moto falls short of AWS, and their delegated administrators.

moto keeps a hub per account and region (EnableSecurityHub, DescribeHub) but no security
standards. Answered here, in Security Hub's own JSON:

- GetEnabledStandards, BatchEnableStandards, BatchDisableStandards (moto: not routed), from
  subscriptions kept on moto's own backend object, so a saved estate keeps them;
- EnableSecurityHub subscribes the standards AWS enables by default (FSBP v1.0.0 and CIS
  v1.2.0) unless ``EnableDefaultStandards`` is false, and answers ResourceConflictException
  when the hub is already enabled (moto: silently nothing); DisableSecurityHub drops them;
- UpdateSecurityHubConfiguration (moto: not implemented) sets ``AutoEnableControls``, which
  DescribeHub then reports (moto: always true).

Designating a delegated administrator with Security Hub's or GuardDuty's
EnableOrganizationAdminAccount also registers it in AWS Organizations for the service's
principal, as AWS does (moto records it only in the service); Organizations accepts
``securityhub.amazonaws.com`` as a delegated administrator's principal, as AWS does (moto
refuses it). SageMaker and CodeBuild settings moto drops at creation are kept after its answer
(``sagemaker_answers``, ``codebuild_answers``); EMR's block public access setting is answered
as AWS keeps it (``emr_answers``). The middleware hands every request to
``answer``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .protocols import RequestInfo, error_response

Answer = tuple[int, list[tuple[str, str]], bytes]

#: Standards Security Hub offers: the part of the ARN after ``standards/`` (regional ARNs).
STANDARDS = (
    "aws-foundational-security-best-practices/v/1.0.0",
    "cis-aws-foundations-benchmark/v/1.4.0",
    "cis-aws-foundations-benchmark/v/3.0.0",
    "nist-800-53/v/5.0.0",
    "pci-dss/v/3.2.1",
    "pci-dss/v/4.0.1",
    "aws-resource-tagging-standard/v/1.0.0",
)
#: CIS v1.2.0 has a global ARN of its own shape.
CIS_1_2 = "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0"
#: Principals AWS accepts for a delegated administrator that moto's Organizations refuses.
PRINCIPALS = ("securityhub.amazonaws.com",)
NOT_SUBSCRIBED = "Account {} is not subscribed to AWS Security Hub"
ALREADY = "Account {} is already subscribed to Security Hub"


def standards_arn(region: str, name: str) -> str:
    """The ARN of a standard named as in ``STANDARDS`` (or CIS v1.2.0's)."""
    if name == "cis-aws-foundations-benchmark/v/1.2.0":
        return CIS_1_2
    return f"arn:aws:securityhub:{region}::standards/{name}"


def default_standards(region: str) -> list[str]:
    """What EnableSecurityHub subscribes unless told not to."""
    return [standards_arn(region, STANDARDS[0]), CIS_1_2]


def answer(
    info: RequestInfo, account: str, body: bytes, moto: Callable[[], Answer]
) -> Answer | None:
    """The sandbox's answer to ``info`` (``moto()`` gives moto's), or None to let moto answer."""
    if info.service == "organizations":
        _allow_principals()
        return None
    own = ANSWERS.get(info.name)
    if own is not None:
        return own(info, account, _params(body))
    after = AFTER.get(info.name)
    if after is None:
        return None
    if info.name == "securityhub.EnableSecurityHub" and _hub(info, account).enabled:
        return _error(info, "ResourceConflictException", 409, ALREADY.format(account))
    status, headers, text = moto()
    if status == 200:
        text = after(info, account, _params(body), text)
    return status, headers, text


# -- Security Hub's standards ---------------------------------------------------------------
def _hub(info: RequestInfo, account: str) -> Any:
    from moto.securityhub.models import securityhub_backends

    return securityhub_backends[account][info.region]


def _subscriptions(hub: Any) -> dict[str, dict[str, Any]]:
    """Standards ARN -> its subscription, kept on moto's backend object."""
    if not hasattr(hub, "sandbox_standards"):
        hub.sandbox_standards = {}
    return hub.sandbox_standards


def _subscription(info: RequestInfo, account: str, arn: str) -> dict[str, Any]:
    path = arn.split("::", 1)[1].split("/", 1)[1]  # "aws-foundational-.../v/1.0.0"
    return {
        "StandardsSubscriptionArn": f"arn:aws:securityhub:{info.region}:{account}:subscription/"
        + path,
        "StandardsArn": arn,
        "StandardsInput": {},
        "StandardsStatus": "READY",
    }


def _subscribe(info: RequestInfo, account: str, arns: list[str]) -> list[dict[str, Any]]:
    held = _subscriptions(_hub(info, account))
    made = []
    for arn in arns:
        held[arn] = _subscription(info, account, arn)
        made.append({**held[arn], "StandardsStatus": "PENDING"})  # READY once AWS is done
    return made


def _get_enabled(info: RequestInfo, account: str, params: dict[str, Any]) -> Answer:
    hub = _hub(info, account)
    if not hub.enabled:
        return _error(info, "InvalidAccessException", 401, NOT_SUBSCRIBED.format(account))
    wanted = set(params.get("StandardsSubscriptionArns") or [])
    found = [
        s
        for s in _subscriptions(hub).values()
        if not wanted or s["StandardsSubscriptionArn"] in wanted
    ]
    return _ok({"StandardsSubscriptions": found})


def _batch_enable(info: RequestInfo, account: str, params: dict[str, Any]) -> Answer:
    if not _hub(info, account).enabled:
        return _error(info, "InvalidAccessException", 401, NOT_SUBSCRIBED.format(account))
    known = {standards_arn(info.region, name) for name in STANDARDS} | {CIS_1_2}
    arns = [r.get("StandardsArn", "") for r in params.get("StandardsSubscriptionRequests") or []]
    unknown = [arn for arn in arns if arn not in known]
    if not arns or unknown:
        return _error(
            info, "InvalidInputException", 400, f"Invalid StandardsArn: {', '.join(unknown)}"
        )
    return _ok({"StandardsSubscriptions": _subscribe(info, account, arns)})


def _batch_disable(info: RequestInfo, account: str, params: dict[str, Any]) -> Answer:
    hub = _hub(info, account)
    if not hub.enabled:
        return _error(info, "InvalidAccessException", 401, NOT_SUBSCRIBED.format(account))
    wanted = set(params.get("StandardsSubscriptionArns") or [])
    held = _subscriptions(hub)
    gone = [s for s in held.values() if s["StandardsSubscriptionArn"] in wanted]
    for subscription in gone:
        del held[subscription["StandardsArn"]]
    return _ok({"StandardsSubscriptions": [{**s, "StandardsStatus": "DELETING"} for s in gone]})


def _update_configuration(info: RequestInfo, account: str, params: dict[str, Any]) -> Answer:
    hub = _hub(info, account)
    if not hub.enabled:
        return _error(info, "InvalidAccessException", 401, NOT_SUBSCRIBED.format(account))
    if "AutoEnableControls" in params:
        hub.sandbox_auto_enable_controls = bool(params["AutoEnableControls"])
    return _ok({})


def _enabled(info: RequestInfo, account: str, params: dict[str, Any], text: bytes) -> bytes:
    if params.get("EnableDefaultStandards", True) is not False:
        _subscribe(info, account, default_standards(info.region))
    return text


def _disabled(info: RequestInfo, account: str, params: dict[str, Any], text: bytes) -> bytes:
    hub = _hub(info, account)
    _subscriptions(hub).clear()
    hub.sandbox_auto_enable_controls = True
    return text


def _described(info: RequestInfo, account: str, params: dict[str, Any], text: bytes) -> bytes:
    described = json.loads(text or b"{}")
    described["AutoEnableControls"] = getattr(
        _hub(info, account), "sandbox_auto_enable_controls", True
    )
    return json.dumps(described).encode()


# -- delegated administrators ---------------------------------------------------------------
def _allow_principals() -> None:
    from moto.organizations.models import FakeDelegatedAdministrator

    supported = FakeDelegatedAdministrator.SUPPORTED_SERVICES
    supported.extend(p for p in PRINCIPALS if p not in supported)


def _delegate(principal: str) -> Callable[[RequestInfo, str, dict[str, Any], bytes], bytes]:
    """After a service's EnableOrganizationAdminAccount: the delegated administrator in
    Organizations (once; the service designates it region by region)."""

    def register(info: RequestInfo, account: str, params: dict[str, Any], text: bytes) -> bytes:
        from moto.organizations.models import organizations_backends

        _allow_principals()
        admin = params.get("AdminAccountId") or params.get("adminAccountId")
        organizations = organizations_backends[account]["aws"]
        if organizations.org is None or organizations.org.master_account_id != account:
            return text  # only the management account designates one
        held = next((a for a in organizations.admins if a.account.id == admin), None)
        if held is None or principal not in held.services:
            organizations.register_delegated_administrator(
                AccountId=admin, ServicePrincipal=principal
            )
        return text

    return register


# -- wire -----------------------------------------------------------------------------------
def _params(body: bytes) -> dict[str, Any]:
    try:
        parsed = json.loads(body or b"{}")
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _ok(document: dict[str, Any]) -> Answer:
    return 200, [("Content-Type", "application/json")], json.dumps(document).encode()


def _error(info: RequestInfo, code: str, status: int, message: str) -> Answer:
    return error_response(info, code, status, message)


#: Operations the sandbox answers itself.
ANSWERS: dict[str, Callable[[RequestInfo, str, dict[str, Any]], Answer]] = {
    "securityhub.GetEnabledStandards": _get_enabled,
    "securityhub.BatchEnableStandards": _batch_enable,
    "securityhub.BatchDisableStandards": _batch_disable,
    "securityhub.UpdateSecurityHubConfiguration": _update_configuration,
}
#: Operations moto answers, completed after its success.
AFTER: dict[str, Callable[[RequestInfo, str, dict[str, Any], bytes], bytes]] = {
    "securityhub.EnableSecurityHub": _enabled,
    "securityhub.DisableSecurityHub": _disabled,
    "securityhub.DescribeHub": _described,
    "securityhub.EnableOrganizationAdminAccount": _delegate("securityhub.amazonaws.com"),
    "guardduty.EnableOrganizationAdminAccount": _delegate("guardduty.amazonaws.com"),
}

from . import wafv2_answers  # noqa: E402  (WAF's ListResourcesForWebACL, in its own module)

ANSWERS.update(wafv2_answers.ANSWERS)

from . import codebuild_answers, emr_answers, sagemaker_answers  # noqa: E402  (moto's gaps)

AFTER.update(sagemaker_answers.AFTER)
AFTER.update(codebuild_answers.AFTER)
AFTER.update(emr_answers.AFTER)
ANSWERS.update(emr_answers.ANSWERS)
from . import macie_answers  # noqa: E402  (Macie off until enabled, in its own module)

ANSWERS.update(macie_answers.ANSWERS)
AFTER.update(macie_answers.AFTER)
from . import inspector_answers  # noqa: E402  (Inspector's account status, in its own module)

ANSWERS.update(inspector_answers.ANSWERS)
from . import sso_answers  # noqa: E402  (Identity Center's provisioned accounts, its own module)

ANSWERS.update(sso_answers.ANSWERS)
