"""Systems Manager's managed instances in the sandbox: moto has no DescribeInstanceInformation,
so the middleware answers it here from what moto holds for EC2 and IAM.

What the sandbox assumes, and AWS does not guarantee: the SSM Agent runs on every image (it
comes preinstalled on Amazon Linux, Ubuntu and Windows AMIs), so an instance registers with
Systems Manager exactly when its instance profile's role carries AWS's policy for it
(``AmazonSSMManagedInstanceCore``, or the older ``AmazonEC2RoleforSSM``). Such an instance is
listed ``Online`` while running and ``ConnectionLost`` while stopped; others are not listed.
Default Host Management Configuration (which registers instances without a profile) is off, as
it is until an administrator turns it on.

Answered as AWS answers (JSON 1.1): ``InstanceInformationList`` paged by ``MaxResults`` (5 to
50, default 10) and ``NextToken``. A request with ``Filters`` or
``InstanceInformationFilterList`` is refused (the sandbox does not filter), in the service's
ValidationException shape.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from .protocols import RequestInfo, error_response

Answer = tuple[int, list[tuple[str, str]], bytes]

#: AWS managed policies that let the SSM Agent register the instance.
SSM_POLICIES = frozenset(
    {
        "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        "arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM",
    }
)
AGENT_VERSION = "3.3.1142.0"
PING = {"running": "Online", "stopped": "ConnectionLost"}
JSON = [("Content-Type", "application/x-amz-json-1.1")]


def answer(info: RequestInfo, account: str, body: bytes) -> Answer:
    """The answer to one DescribeInstanceInformation request signed by ``account``."""
    request = json.loads(body or b"{}")
    if request.get("Filters") or request.get("InstanceInformationFilterList"):
        return error_response(
            info, "ValidationException", 400, "The sandbox does not filter managed instances."
        )
    size = int(request.get("MaxResults") or 10)
    if not 5 <= size <= 50:
        return error_response(
            info,
            "ValidationException",
            400,
            f"1 validation error detected: Value '{size}' at 'maxResults' failed to satisfy "
            "constraint: Member must have value between 5 and 50",
        )
    managed = managed_instances(account, info.region)
    start = int(request.get("NextToken") or 0)
    page: dict[str, Any] = {"InstanceInformationList": managed[start : start + size]}
    if start + size < len(managed):
        page["NextToken"] = str(start + size)
    return 200, JSON, json.dumps(page).encode()


def managed_instances(account: str, region: str) -> list[dict[str, Any]]:
    """Every instance of the account and region that Systems Manager would list, by id."""
    from moto.ec2.models import ec2_backends

    ec2 = ec2_backends[account][region]
    found = []
    for instance in ec2.all_instances():
        status = PING.get(instance.state)
        association = ec2.iam_instance_profile_associations.get(instance.id)
        if status is None or association is None:
            continue
        roles = association.iam_instance_profile.roles
        if not any(SSM_POLICIES & set(role.managed_policies) for role in roles):
            continue
        windows = (instance.platform or "").lower() == "windows"
        found.append(
            {
                "InstanceId": instance.id,
                "PingStatus": status,
                "LastPingDateTime": _seconds(instance.launch_time),
                "AgentVersion": AGENT_VERSION,
                "IsLatestVersion": True,
                "PlatformType": "Windows" if windows else "Linux",
                "PlatformName": "Microsoft Windows Server 2022 Datacenter"
                if windows
                else "Amazon Linux",
                "PlatformVersion": "10.0.20348" if windows else "2023",
                "ResourceType": "EC2Instance",
                "IPAddress": instance.private_ip,
                "ComputerName": _host_name(instance.private_ip, region),
            }
        )
    return sorted(found, key=lambda item: item["InstanceId"])


def _host_name(ip: str, region: str) -> str:
    """The instance's private DNS name, as EC2 gives it (and the agent reports it)."""
    domain = "ec2.internal" if region == "us-east-1" else f"{region}.compute.internal"
    return f"ip-{ip.replace('.', '-')}.{domain}"


def _seconds(launched: Any) -> float:
    """An instance's launch time (moto keeps ISO text) as epoch seconds, JSON's timestamps."""
    if isinstance(launched, datetime):
        moment = launched
    else:
        moment = datetime.fromisoformat(str(launched).replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()
