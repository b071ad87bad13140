"""What the EC2 and VPC checks share: which rules let a port through from the internet, and the
listing of those rules per security group, network ACL or instance, and the note on resources
nothing uses. ``ADMIN_PORTS`` is the fixers' too."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from ..base import evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

SECURITY_GROUP = "AWS::EC2::SecurityGroup"
INSTANCE = "AWS::EC2::Instance"
IPV4_INTERNET = "0.0.0.0/0"
IPV6_INTERNET = "::/0"
INTERNET = (IPV4_INTERNET, IPV6_INTERNET)
#: Remote server administration ports (CIS 5.1 to 5.3): SSH and RDP.
ADMIN_PORTS = (22, 3389)
#: Protocols that carry ports; security groups say tcp/udp, network ACLs 6/17; -1 is all.
_PROTOCOLS = {"-1": "all", "all": "all", "tcp": "tcp", "6": "tcp", "udp": "udp", "17": "udp"}
#: Instances in these states are gone or going: not evaluated.
_GONE = ("shutting-down", "terminated")
GROUP_KEY = ["account_id", "region", "group_id"]
#: Added to the detail of a resource whose table says ``in_use`` False: still evaluated (CIS
#: asks it of every VPC), and ``run_checks(..., skip_unused=True)`` leaves it out.
UNUSED = "; unused"


def ec2_covering(rules: pd.DataFrame, ports: Iterable[int]) -> pd.DataFrame:
    """Every (rule, port) where the rule lets the port through: the rules crossed with the
    ports, with ``proto`` (all, tcp or udp), ``port`` and ``ports`` (the rule's range as text)
    added. Rules of other protocols (icmp, ...) cover no port."""
    proto = rules["protocol"].str.lower().map(_PROTOCOLS)
    low = rules["from_port"].fillna(0).astype("int64")
    high = rules["to_port"].fillna(65535).astype("int64")
    span = (low.astype(str) + "-" + high.astype(str)).where(low != high, low.astype(str))
    ranged = rules.assign(
        proto=proto, low=low, high=high, ports=span.where(proto != "all", "all ports")
    )[proto.notna()]
    pairs = ranged.merge(pd.DataFrame({"port": list(ports)}, dtype="int64"), how="cross")
    inside = (pairs["low"] <= pairs["port"]) & (pairs["port"] <= pairs["high"])
    return pairs[(pairs["proto"] == "all") | inside]


def rule_text(rules: pd.DataFrame) -> pd.Series:
    """``tcp 22 from 0.0.0.0/0 (sgr-...)``: a rule as the console lists it, with its id when
    the inventory has it (after ``ec2_covering``)."""
    proto = rules["proto"].where(rules["proto"] != "all", "all traffic")
    source = rules["cidr_ipv4"].fillna(rules["cidr_ipv6"])
    unknown = pd.Series(pd.NA, index=rules.index, dtype="string")
    rule_id = rules.get("security_group_rule_id", unknown)
    return (
        (proto + " " + rules["ports"].where(rules["proto"] != "all", "")).str.strip()
        + (" from " + source)
        + (" (" + rule_id + ")").fillna("")
    )


def ec2_listed(
    frame: pd.DataFrame, keys: list[str], hits: pd.DataFrame, text: pd.Series
) -> pd.Series:
    """For each row of ``frame``, the distinct texts of its hits (matched on ``keys``), sorted
    and joined with '; '; NA for a row with none."""
    distinct = hits[keys].assign(text=text).drop_duplicates().sort_values([*keys, "text"])
    joined = distinct.groupby(keys)["text"].agg("; ".join).rename("listed").reset_index()
    merged = frame[keys].merge(joined, on=keys, how="left", validate="many_to_one")
    return pd.Series(merged["listed"].to_numpy(), index=frame.index, dtype="string")


def ingress_open(inv: Inventory, sources: Iterable[str]) -> pd.DataFrame:
    """Inbound security group rules that allow any of ``sources`` (0.0.0.0/0, ::/0)."""
    r = inv["ec2.security_group_rules"]
    source = r["cidr_ipv4"].fillna(r["cidr_ipv6"])
    return r[(r["direction"] == "ingress") & source.isin(list(sources)).fillna(False)]


def unused_noted(frame: pd.DataFrame, detail: pd.Series) -> pd.Series:
    """``detail`` (one per row of ``frame``) with ``UNUSED`` added where ``in_use`` is False;
    as it was where in_use is unknown or not collected (an older snapshot)."""
    if "in_use" not in frame:
        return detail
    unused = frame["in_use"].astype("boolean").eq(False).fillna(False)
    detail = detail.astype("string")
    return detail.where(~unused, detail + UNUSED)


def ec2_groups(inv: Inventory, hits: pd.DataFrame, clean: str) -> pd.DataFrame:
    """Every security group, failed when ``hits`` (covering rules) name it."""
    g = inv["ec2.security_groups"]
    listed = ec2_listed(g, GROUP_KEY, hits, rule_text(hits))
    detail = unused_noted(g, listed.fillna(clean))
    return evaluate(g, listed.notna(), g["group_id"], detail, g["arn"])


def ec2_instances(inv: Inventory) -> pd.DataFrame:
    i = inv["ec2.instances"]
    return i[~i["state"].isin(_GONE).fillna(False)]


LAUNCH_TEMPLATE = "AWS::EC2::LaunchTemplate"


def template_label(templates: pd.DataFrame) -> pd.Series:
    """A launch template as findings name it: its name and default version number."""
    name = templates["launch_template_name"].fillna(templates["launch_template_id"])
    version = templates["default_version_number"].astype("string").fillna("?")
    return (name + " (default version " + version + ")").astype("string")


#: VPC endpoint states in which an endpoint carries no traffic (compared in lower case).
ENDPOINT_ENDED = ("deleting", "deleted", "rejected", "failed", "expired")
VPC_KEY = ["account_id", "region", "vpc_id"]


def vpcs_without_interface_endpoint(inv: Inventory, service: str) -> pd.DataFrame:
    """Every VPC, failed when it has no live interface endpoint for
    ``com.amazonaws.REGION.<service>`` (FSBP EC2.55 to EC2.60, AWS Config rule
    vpc-endpoint-enabled with its serviceName parameter). Default VPCs are judged too, as AWS
    judges them; a VPC nothing uses says so in its detail."""
    v = inv["ec2.vpcs"]
    e = inv["ec2.vpc_endpoints"]
    live = e[
        ~e["state"].str.lower().isin(ENDPOINT_ENDED).fillna(False)
        & (e["vpc_endpoint_type"] == "Interface").fillna(False)
    ]
    wanted = "com.amazonaws." + live["region"] + "." + service
    hits = live[(live["service_name"] == wanted).fillna(False)]
    found = (
        hits.groupby(VPC_KEY)["vpc_endpoint_id"]
        .agg(lambda ids: ", ".join(sorted(ids)))
        .rename("endpoints")
        .reset_index()
    )
    joined = v[VPC_KEY].merge(found, on=VPC_KEY, how="left").set_index(v.index)
    endpoints = joined["endpoints"].astype("string")
    name = "com.amazonaws." + v["region"].astype("string") + "." + service
    detail = (f"interface endpoint for {service}: " + endpoints).fillna(
        "no interface endpoint for " + name
    )
    return evaluate(v, endpoints.isna(), v["vpc_id"], unused_noted(v, detail), v["arn"])


def ec2_arn(frame: pd.DataFrame, kind: str, ids: pd.Series) -> pd.Series:
    """arn:PARTITION:ec2:REGION:ACCOUNT:KIND/ID for each row, the partition from the region."""
    partition = pd.Series("aws", index=frame.index, dtype="string")
    partition = partition.mask(frame["region"].str.startswith("cn-").fillna(False), "aws-cn")
    partition = partition.mask(
        frame["region"].str.startswith("us-gov-").fillna(False), "aws-us-gov"
    )
    return (
        "arn:" + partition + ":ec2:" + frame["region"] + ":" + frame["account_id"]
        + f":{kind}/" + ids
    )  # fmt: skip
