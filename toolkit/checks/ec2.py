"""EC2 and VPC checks: CIS AWS Foundations v3.0.0 section 5 (networking), 3.7 (VPC flow logs)
and 2.2.1 (EBS encryption by default), and EC2 best practices beyond them.

Rules are matched to ports without a loop: the rules of ``ec2.security_group_rules`` (or the
entries of ``ec2.network_acls``) are crossed with the ports a check cares about, and a rule
covers a port when its protocol is all (-1), or tcp or udp with the port inside its range. An
instance is joined to its security groups by exploding its ``security_group_ids`` JSON list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import pandas as pd

from ..inventory import Inventory
from .base import check, each, evaluate

SECURITY_GROUP = "AWS::EC2::SecurityGroup"
INSTANCE = "AWS::EC2::Instance"
IPV4_INTERNET = "0.0.0.0/0"
IPV6_INTERNET = "::/0"
INTERNET = (IPV4_INTERNET, IPV6_INTERNET)
#: Remote server administration ports (CIS 5.1 to 5.3): SSH and RDP.
ADMIN_PORTS = (22, 3389)
#: Ports AWS Security Hub judges high-risk when open to the internet (AWS-FSBP EC2.19).
HIGH_RISK_PORTS = (
    20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432,
    5500, 5601, 8080, 8088, 8888, 9200, 9300,
)  # fmt: skip
#: Protocols that carry ports; security groups say tcp/udp, network ACLs 6/17; -1 is all.
_PROTOCOLS = {"-1": "all", "all": "all", "tcp": "tcp", "6": "tcp", "udp": "udp", "17": "udp"}
#: Instances in these states are gone or going: not evaluated.
_GONE = ("shutting-down", "terminated")
GROUP_KEY = ["account_id", "region", "group_id"]
ACL_KEY = ["account_id", "region", "network_acl_id"]


# -- shared ----------------------------------------------------------------------------------
def _covering(rules: pd.DataFrame, ports: Iterable[int]) -> pd.DataFrame:
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


def _rule_text(rules: pd.DataFrame) -> pd.Series:
    """``tcp 22 from 0.0.0.0/0``: a rule as the console lists it (after ``_covering``)."""
    proto = rules["proto"].where(rules["proto"] != "all", "all traffic")
    source = rules["cidr_ipv4"].fillna(rules["cidr_ipv6"])
    return (proto + " " + rules["ports"].where(rules["proto"] != "all", "")).str.strip() + (
        " from " + source
    )


def _listed(frame: pd.DataFrame, keys: list[str], hits: pd.DataFrame, text: pd.Series) -> pd.Series:
    """For each row of ``frame``, the distinct texts of its hits (matched on ``keys``), sorted
    and joined with '; '; NA for a row with none."""
    distinct = hits[keys].assign(text=text).drop_duplicates().sort_values([*keys, "text"])
    joined = distinct.groupby(keys)["text"].agg("; ".join).rename("listed").reset_index()
    merged = frame[keys].merge(joined, on=keys, how="left", validate="many_to_one")
    return pd.Series(merged["listed"].to_numpy(), index=frame.index, dtype="string")


def _ingress_open(inv: Inventory, sources: Iterable[str]) -> pd.DataFrame:
    """Inbound security group rules that allow any of ``sources`` (0.0.0.0/0, ::/0)."""
    r = inv["ec2.security_group_rules"]
    source = r["cidr_ipv4"].fillna(r["cidr_ipv6"])
    return r[(r["direction"] == "ingress") & source.isin(list(sources)).fillna(False)]


def _groups(inv: Inventory, hits: pd.DataFrame, clean: str) -> pd.DataFrame:
    """Every security group, failed when ``hits`` (covering rules) name it."""
    g = inv["ec2.security_groups"]
    listed = _listed(g, GROUP_KEY, hits, _rule_text(hits))
    return evaluate(g, listed.notna(), g["group_id"], listed.fillna(clean), g["arn"])


def _instances(inv: Inventory) -> pd.DataFrame:
    i = inv["ec2.instances"]
    return i[~i["state"].isin(_GONE).fillna(False)]


def _arn(frame: pd.DataFrame, kind: str, ids: pd.Series) -> pd.Series:
    partition = pd.Series("aws", index=frame.index, dtype="string")
    partition = partition.mask(frame["region"].str.startswith("cn-").fillna(False), "aws-cn")
    partition = partition.mask(
        frame["region"].str.startswith("us-gov-").fillna(False), "aws-us-gov"
    )
    return (
        "arn:" + partition + ":ec2:" + frame["region"] + ":" + frame["account_id"]
        + f":{kind}/" + ids
    )  # fmt: skip


# -- network ACLs ----------------------------------------------------------------------------
@check(
    title="Network ACL allows ingress from the internet to remote administration ports",
    severity="high",
    service="ec2",
    resource_type="AWS::EC2::NetworkAcl",
    tables=["ec2.network_acls"],
    description="For port 22 or 3389 (over tcp, udp or all protocols), the first inbound entry "
    "of the network ACL that matches traffic from 0.0.0.0/0 (or ::/0) allows it. Entries apply "
    "in rule number order, so an earlier deny for the port protects it; a port range or "
    "protocol -1 that includes the port counts.",
    risk="SSH and RDP are reachable from any address at the subnet boundary: one open security "
    "group away from brute force and exploitation.",
    remediation="Add inbound deny entries for 0.0.0.0/0 and ::/0 on ports 22 and 3389 numbered "
    "before the allow entries, or narrow the allow entries to known networks.",
    remediation_cli="aws ec2 create-network-acl-entry --network-acl-id {resource_id} --ingress "
    "--rule-number RULE_NUMBER --protocol tcp --port-range From=22,To=22 "
    "--cidr-block 0.0.0.0/0 --rule-action deny --region {region}",
    frameworks={"CIS-3.0": ["5.1"], "AWS-FSBP": ["EC2.21"]},
)
def ec2_network_acl_open_admin_port(inv: Inventory) -> pd.DataFrame:
    n = inv["ec2.network_acls"]
    acls = n.drop_duplicates(ACL_KEY)
    inbound = n[~n["egress"].fillna(False)].assign(
        cidr_ipv4=n["cidr_block"], cidr_ipv6=n["ipv6_cidr_block"]
    )
    inbound = inbound.assign(source=inbound["cidr_ipv4"].fillna(inbound["cidr_ipv6"]))
    from_internet = inbound[inbound["source"].isin(INTERNET).fillna(False)]
    # per (ACL, source, port), the entry with the lowest number decides
    first = (
        _covering(from_internet, ADMIN_PORTS)
        .sort_values("rule_number", kind="stable")
        .drop_duplicates([*ACL_KEY, "source", "port"])
    )
    allowed = first[first["rule_action"] == "allow"]
    text = (
        "rule " + allowed["rule_number"].astype(str) + " allows " + allowed["source"]
        + " to port " + allowed["port"].astype(str)
    )  # fmt: skip
    listed = _listed(acls, ACL_KEY, allowed, text)
    return evaluate(
        acls,
        listed.notna(),
        acls["network_acl_id"],
        listed.fillna("ports 22 and 3389 closed to the internet"),
        _arn(acls, "network-acl", acls["network_acl_id"]),
    )


# -- security groups -------------------------------------------------------------------------
@check(
    title="Security group allows ingress from 0.0.0.0/0 to remote administration ports",
    severity="high",
    service="ec2",
    resource_type=SECURITY_GROUP,
    tables=["ec2.security_groups", "ec2.security_group_rules"],
    description="An inbound rule allows 0.0.0.0/0 to port 22 (SSH) or 3389 (RDP) over tcp, udp "
    "or all protocols; a port range that includes either port counts.",
    risk="Any IPv4 address can reach SSH or RDP on the group's members: brute force, credential "
    "stuffing and exploitation of the remote access service.",
    remediation="Remove the rule; reach instances through Session Manager, a VPN or a bastion "
    "restricted to known addresses.",
    remediation_cli="aws ec2 revoke-security-group-ingress --group-id {resource_id} "
    "--protocol tcp --port 22 --cidr 0.0.0.0/0 --region {region}",
    frameworks={"CIS-3.0": ["5.2"], "AWS-FSBP": ["EC2.13", "EC2.14", "EC2.53"]},
)
def ec2_security_group_open_admin_port(inv: Inventory) -> pd.DataFrame:
    hits = _covering(_ingress_open(inv, [IPV4_INTERNET]), ADMIN_PORTS)
    return _groups(inv, hits, "ports 22 and 3389 closed to 0.0.0.0/0")


@check(
    title="Security group allows ingress from ::/0 to remote administration ports",
    severity="high",
    service="ec2",
    resource_type=SECURITY_GROUP,
    tables=["ec2.security_groups", "ec2.security_group_rules"],
    description="An inbound rule allows ::/0 to port 22 (SSH) or 3389 (RDP) over tcp, udp or "
    "all protocols; a port range that includes either port counts.",
    risk="Any IPv6 address can reach SSH or RDP on the group's members.",
    remediation="Remove the rule; reach instances through Session Manager, a VPN or a bastion "
    "restricted to known addresses.",
    remediation_cli="aws ec2 revoke-security-group-ingress --group-id {resource_id} "
    "--ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,Ipv6Ranges=[{CidrIpv6=::/0}]' "
    "--region {region}",
    frameworks={"CIS-3.0": ["5.3"], "AWS-FSBP": ["EC2.13", "EC2.14", "EC2.54"]},
)
def ec2_security_group_open_admin_port_ipv6(inv: Inventory) -> pd.DataFrame:
    hits = _covering(_ingress_open(inv, [IPV6_INTERNET]), ADMIN_PORTS)
    return _groups(inv, hits, "ports 22 and 3389 closed to ::/0")


@check(
    title="Security group allows all traffic from the internet",
    severity="critical",
    service="ec2",
    resource_type=SECURITY_GROUP,
    tables=["ec2.security_groups", "ec2.security_group_rules"],
    description="An inbound rule allows 0.0.0.0/0 or ::/0 on every port: protocol -1 (all), or "
    "tcp or udp from port 0 (or 1) to 65535.",
    risk="Every service listening on the group's members is exposed to the internet, including "
    "ones never meant to be reachable.",
    remediation="Remove the rule and allow only the ports the workload serves, from the sources "
    "that need them.",
    remediation_cli="aws ec2 revoke-security-group-ingress --group-id {resource_id} "
    "--protocol all --cidr 0.0.0.0/0 --region {region}",
    frameworks={"AWS-FSBP": ["EC2.18", "EC2.19"]},
)
def ec2_security_group_open_all_ports(inv: Inventory) -> pd.DataFrame:
    # port 0 is not usable: a range from 0 or 1 up to 65535 is every port
    hits = _covering(_ingress_open(inv, INTERNET), (1,))
    hits = hits[(hits["proto"] == "all") | (hits["high"] >= 65535)]
    return _groups(inv, hits, "no rule opens every port to the internet")


@check(
    title="Security group allows ingress from the internet to high-risk ports",
    severity="high",
    service="ec2",
    resource_type=SECURITY_GROUP,
    tables=["ec2.security_groups", "ec2.security_group_rules"],
    description="An inbound rule allows 0.0.0.0/0 or ::/0 to a port AWS Security Hub deems "
    "high-risk: " + ", ".join(map(str, HIGH_RISK_PORTS)) + " (FTP, SSH, Telnet, SMTP, POP3, "
    "RPC, IMAP, SMB, SQL Server, MySQL, PostgreSQL, Kibana, Elasticsearch, ...).",
    risk="Databases, file shares and administration services answer the whole internet.",
    remediation="Restrict the rule to the networks that need the port, or remove it.",
    remediation_cli="aws ec2 revoke-security-group-ingress --group-id {resource_id} "
    "--protocol tcp --port PORT --cidr 0.0.0.0/0 --region {region}",
    frameworks={"AWS-FSBP": ["EC2.19"]},
)
def ec2_security_group_open_high_risk_port(inv: Inventory) -> pd.DataFrame:
    hits = _covering(_ingress_open(inv, INTERNET), HIGH_RISK_PORTS)
    return _groups(inv, hits, "no high-risk port open to the internet")


@check(
    title="Default security group does not restrict all traffic",
    severity="medium",
    service="ec2",
    resource_type=SECURITY_GROUP,
    tables=["ec2.security_groups"],
    description="A VPC's default security group has inbound or outbound rules (AWS creates it "
    "allowing inbound from itself and all outbound).",
    risk="Resources launched without an explicit group land in the default one and get its "
    "access; CIS requires it to allow nothing, so every group in use is chosen on purpose.",
    remediation="Remove every inbound and outbound rule of the default security group, and move "
    "resources that use it to least-privilege groups.",
    remediation_cli="aws ec2 revoke-security-group-egress --group-id {resource_id} "
    "--ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]' --region {region}",
    frameworks={"CIS-3.0": ["5.4"], "AWS-FSBP": ["EC2.2"]},
)
def ec2_default_security_group_allows_traffic(inv: Inventory) -> pd.DataFrame:
    g = inv["ec2.security_groups"]
    defaults = g[(g["group_name"] == "default").fillna(False)]
    inbound = defaults["ingress_rule_count"].fillna(0)
    outbound = defaults["egress_rule_count"].fillna(0)
    return evaluate(
        defaults,
        (inbound + outbound) > 0,
        defaults["group_id"],
        inbound.astype(str) + " inbound, " + outbound.astype(str) + " outbound rule(s)",
        defaults["arn"],
    )


# -- instances -------------------------------------------------------------------------------
@check(
    title="EC2 instance allows IMDSv1",
    severity="high",
    service="ec2",
    resource_type=INSTANCE,
    tables=["ec2.instances"],
    description="The instance metadata service is enabled and does not require session tokens "
    "(HttpTokens optional), so IMDSv1 requests are answered.",
    risk="A server-side request forgery in any application on the instance can read the "
    "instance role's credentials from the metadata service.",
    remediation="Require IMDSv2 (HttpTokens required) on the instance, and in launch templates.",
    remediation_cli="aws ec2 modify-instance-metadata-options --instance-id {resource_id} "
    "--http-tokens required --http-endpoint enabled --region {region}",
    frameworks={"CIS-3.0": ["5.6"], "AWS-FSBP": ["EC2.8"]},
)
def ec2_instance_imdsv1(inv: Inventory) -> pd.DataFrame:
    i = _instances(inv)
    answers = (i["imds_http_endpoint"] != "disabled").fillna(True)
    v1 = answers & ~i["imds_v2_required"].fillna(False)
    detail = (
        "http tokens: " + i["imds_http_tokens"].fillna("unknown")
        + ", endpoint: " + i["imds_http_endpoint"].fillna("unknown")
    )  # fmt: skip
    return evaluate(i, v1, i["instance_id"], detail, i["arn"])


@check(
    title="EC2 instance with a public IP is reachable on a remote administration port",
    severity="critical",
    service="ec2",
    resource_type=INSTANCE,
    tables=["ec2.instances", "ec2.security_group_rules"],
    description="The instance has a public IPv4 address and one of its security groups allows "
    "0.0.0.0/0 to port 22 or 3389 (directly, through a port range, or with protocol -1).",
    risk="SSH or RDP on this very instance is open to the internet: it is a target for brute "
    "force and for exploits of the remote access service.",
    remediation="Remove the internet-wide rule from its security groups (or swap them for "
    "restricted ones), and reach the instance through Session Manager or a VPN.",
    remediation_cli="aws ec2 modify-instance-attribute --instance-id {resource_id} "
    "--groups RESTRICTED_GROUP_ID --region {region}",
)
def ec2_instance_public_admin_port(inv: Inventory) -> pd.DataFrame:
    i = _instances(inv)
    key = ["account_id", "region", "instance_id"]
    memberships = (
        i[key]
        .assign(group_id=each(i["security_group_ids"], json.loads, []))
        .explode("group_id")
        .dropna(subset=["group_id"])
        .astype({"group_id": "string"})
    )
    exposed = _covering(_ingress_open(inv, [IPV4_INTERNET]), ADMIN_PORTS)
    hits = memberships.merge(exposed, on=GROUP_KEY)
    listed = _listed(i, key, hits, hits["group_id"] + ": " + _rule_text(hits))
    public = i["public_ip"].notna()
    detail = (
        ("public IP " + i["public_ip"]).fillna("no public IP")
        + ("; " + listed).fillna(", ports 22 and 3389 closed to 0.0.0.0/0")
    )  # fmt: skip
    return evaluate(i, public & listed.notna(), i["instance_id"], detail, i["arn"])


@check(
    title="EC2 instance has a public IPv4 address",
    severity="medium",
    service="ec2",
    resource_type=INSTANCE,
    tables=["ec2.instances"],
    description="The instance has a public IPv4 address (auto-assigned or Elastic IP).",
    risk="The instance can be reached from the internet wherever its security groups and "
    "network ACLs allow it; a load balancer or NAT in front narrows the exposure.",
    remediation="Launch instances in private subnets without public addresses; publish services "
    "through a load balancer and reach hosts through Session Manager.",
    frameworks={"AWS-FSBP": ["EC2.9"]},
)
def ec2_instance_public_ip(inv: Inventory) -> pd.DataFrame:
    i = _instances(inv)
    public = i["public_ip"].notna()
    detail = ("public IP " + i["public_ip"]).fillna("no public IP")
    return evaluate(i, public, i["instance_id"], detail, i["arn"])


@check(
    title="EC2 instance has no IAM instance profile",
    severity="low",
    service="ec2",
    resource_type=INSTANCE,
    tables=["ec2.instances"],
    description="No IAM instance profile (role) is attached to the instance.",
    risk="Software on the instance that needs AWS access must use long-lived access keys "
    "stored on it, and the instance cannot be managed by Systems Manager.",
    remediation="Attach an instance profile whose role grants only what the workload needs.",
    remediation_cli="aws ec2 associate-iam-instance-profile --instance-id {resource_id} "
    "--iam-instance-profile Name=PROFILE_NAME --region {region}",
)
def ec2_instance_no_instance_profile(inv: Inventory) -> pd.DataFrame:
    i = _instances(inv)
    profile = i["iam_instance_profile_arn"]
    return evaluate(
        i, profile.isna(), i["instance_id"], ("profile " + profile).fillna("no profile"), i["arn"]
    )


# -- networks --------------------------------------------------------------------------------
@check(
    title="VPC flow logging is not enabled",
    severity="medium",
    service="ec2",
    resource_type="AWS::EC2::VPC",
    tables=["ec2.vpcs", "ec2.flow_logs"],
    description="The VPC has no active flow log of its own that records rejected traffic "
    "(traffic type REJECT or ALL) and delivers it; flow logs on subnets or network interfaces "
    "only do not count.",
    risk="Rejected connection attempts (scans, lateral movement) and traffic during an "
    "incident cannot be investigated.",
    remediation="Create a flow log for the VPC capturing at least rejected traffic, to "
    "CloudWatch Logs or S3.",
    remediation_cli="aws ec2 create-flow-logs --resource-type VPC --resource-ids {resource_id} "
    "--traffic-type REJECT --log-destination-type s3 --log-destination arn:aws:s3:::BUCKET "
    "--region {region}",
    frameworks={"CIS-3.0": ["3.7"], "AWS-FSBP": ["EC2.6"]},
)
def ec2_vpc_flow_logs_disabled(inv: Inventory) -> pd.DataFrame:
    v = inv["ec2.vpcs"]
    f = inv["ec2.flow_logs"].rename(columns={"resource_id": "vpc_id"})
    key = ["account_id", "region", "vpc_id"]
    logging = (
        (f["status"].fillna("ACTIVE") == "ACTIVE")
        & f["traffic_type"].isin(["ALL", "REJECT"]).fillna(False)
        & (f["deliver_logs_status"] != "FAILED").fillna(True)
    )
    text = (
        f["flow_log_id"] + " (" + f["traffic_type"].fillna("?") + ", "
        + f["status"].fillna("?") + ", delivery " + f["deliver_logs_status"].fillna("?") + ")"
    )  # fmt: skip
    good = _listed(v, key, f[logging], text[logging])
    other = _listed(v, key, f[~logging], text[~logging])
    detail = ("flow log " + good).fillna(
        ("no usable flow log: " + other).fillna("no flow log on the VPC")
    )
    return evaluate(v, good.isna(), v["vpc_id"], detail, v["arn"])


@check(
    title="Subnet assigns public IP addresses automatically",
    severity="medium",
    service="ec2",
    resource_type="AWS::EC2::Subnet",
    tables=["ec2.subnets"],
    description="MapPublicIpOnLaunch is on: every instance launched in the subnet gets a public "
    "IPv4 address unless its launch says otherwise (AWS turns it on in default subnets).",
    risk="Instances become reachable from the internet without anyone deciding they should.",
    remediation="Turn off auto-assignment; give public addresses (or Elastic IPs) only where "
    "a launch asks for one.",
    remediation_cli="aws ec2 modify-subnet-attribute --subnet-id {resource_id} "
    "--no-map-public-ip-on-launch --region {region}",
    frameworks={"AWS-FSBP": ["EC2.15"]},
)
def ec2_subnet_auto_assign_public_ip(inv: Inventory) -> pd.DataFrame:
    s = inv["ec2.subnets"]
    auto = s["map_public_ip_on_launch"].fillna(False)
    detail = (
        "map public IP on launch: "
        + auto.astype(str)
        + ", public route: "
        + s["is_public"].astype(str)
    )
    return evaluate(s, auto, s["subnet_id"], detail, s["arn"])


# -- EBS -------------------------------------------------------------------------------------
@check(
    title="EBS encryption by default is disabled",
    severity="medium",
    service="ec2",
    resource_type="AWS::::Account",
    tables=["ec2.ebs_encryption_by_default"],
    description="New EBS volumes in this account and region are not encrypted unless their "
    "creator asks (one result per account and region).",
    risk="Volumes and their snapshots end up unencrypted by omission.",
    remediation="Enable EBS encryption by default in every region of every account.",
    remediation_cli="aws ec2 enable-ebs-encryption-by-default --region {region}",
    frameworks={"CIS-3.0": ["2.2.1"], "AWS-FSBP": ["EC2.7"]},
)
def ec2_ebs_encryption_by_default_disabled(inv: Inventory) -> pd.DataFrame:
    e = inv["ec2.ebs_encryption_by_default"]
    enabled = e["enabled"].fillna(False)
    detail = ("enabled, default key " + e["kms_key_id"].fillna("alias/aws/ebs")).where(
        enabled, "disabled"
    )
    return evaluate(e, ~enabled, e["account_id"], detail)


@check(
    title="EBS volume is not encrypted",
    severity="medium",
    service="ec2",
    resource_type="AWS::EC2::Volume",
    tables=["ec2.volumes"],
    description="The EBS volume is not encrypted at rest.",
    risk="The volume's data, and every snapshot taken from it, can be read without a KMS "
    "permission by whoever can copy or share the snapshot.",
    remediation="Snapshot the volume, copy the snapshot with encryption on, create a volume from "
    "the copy and swap it in; enable EBS encryption by default to stop new ones.",
    frameworks={"AWS-FSBP": ["EC2.3"]},
)
def ec2_volume_unencrypted(inv: Inventory) -> pd.DataFrame:
    v = inv["ec2.volumes"]
    encrypted = v["encrypted"].fillna(False)
    attached = ("attached to " + v["attached_instance_id"]).fillna("not attached")
    detail = ("encrypted with " + v["kms_key_id"].fillna("?")).where(
        encrypted, "unencrypted, " + attached
    )
    return evaluate(v, ~encrypted, v["volume_id"], detail, v["arn"])
