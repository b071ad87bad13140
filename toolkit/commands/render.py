"""``toolkit render org|sso|network``: gather options, get the inventory, draw, save.

The inventory comes from a snapshot (``--snapshot DIR``), the demo estate (``--demo``) or live
AWS (the usual AWS options); only the tables the diagram needs are collected, unless
``--findings`` asks for the checks too.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ._options import add_aws_options, inventory_for

#: The tables each diagram reads (collected alone when no --findings).
TABLES = {
    "org": [
        "organizations.roots",
        "organizations.organizational_units",
        "organizations.accounts",
        "organizations.policies",
        "organizations.policy_targets",
    ],
    "sso": [
        "sso.account_assignments",
        "sso.permission_sets",
        "sso.users",
        "sso.groups",
        "sso.group_memberships",
        "organizations.accounts",
    ],
    "network": [
        "ec2.vpcs",
        "ec2.subnets",
        "ec2.route_tables",
        "ec2.internet_gateways",
        "ec2.nat_gateways",
        "ec2.instances",
        "ec2.security_groups",
        "ec2.security_group_rules",
        "ec2.network_acls",
        "ec2.volumes",
        "rds.db_instances",
        "lambda.functions",
        "organizations.accounts",
    ],
}

DESCRIPTION = """Draw a diagram of an estate and save it (the extension of -o picks the format:
.svg with its icons embedded, .png, .pdf, or .dot for the Graphviz source).

  org      the Organizations chart: root, OUs, accounts, attached SCPs
  sso      Identity Center access: who holds which permission set on which account
  network  one account's VPCs in one region: subnets, gateways, instances, security groups

--findings runs the security checks too and marks every resource that fails one."""


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``toolkit render`` and its diagrams to the ``toolkit`` command's sub-parsers."""
    render = subparsers.add_parser(
        "render",
        help="draw the organization, Identity Center access or a VPC network",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    kinds = render.add_subparsers(dest="render_command", metavar="DIAGRAM", required=True)
    org = kinds.add_parser(
        "org",
        help="the Organizations chart",
        description="The organization: root, nested OUs, accounts (name, id, email), SCPs.",
    )
    org.add_argument(
        "--ou", metavar="OU", help="draw only this OU (id, name or path) and what is below it"
    )
    org.add_argument(
        "--pages",
        action="store_true",
        help="also write one page per OU whose accounts the chart folds (FILE-<ou id>.EXT)",
    )
    sso = kinds.add_parser(
        "sso",
        help="Identity Center access map",
        description="Who can use which permission set on which account: whole, for one "
        "account (--account) or for one user or group (--principal).",
    )
    sso.add_argument("--account", metavar="ID|NAME", help="only who can get into this account")
    sso.add_argument(
        "--principal",
        metavar="NAME|ID",
        help="only where this user or group can go (user:NAME or group:NAME if both exist)",
    )
    net = kinds.add_parser(
        "network",
        help="the network of one account and region",
        description="VPCs, subnets, route tables, gateways, instances, RDS, Lambda and the "
        "security groups that let traffic in, for one account and region.",
    )
    net.add_argument("--account", metavar="ID|NAME", help="the account to draw (required)")
    net.add_argument("--region", metavar="REGION", help="the region to draw (required)")
    net.add_argument("--vpc", metavar="ID|NAME", help="only this VPC")
    for parser in (org, sso, net):
        add_aws_options(parser)
        parser.add_argument(
            "--snapshot", metavar="DIR", help="a snapshot written by 'toolkit collect'"
        )
        parser.add_argument(
            "--findings",
            action="store_true",
            help="run the checks and mark resources with failing findings (collects every table)",
        )
        parser.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            required=True,
            help="diagram.svg, .png, .pdf or .dot",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    return render


def run(args: argparse.Namespace) -> int:
    """Draw the diagram and save it; errors are ToolkitErrors for the caller to print."""
    from ..render.result import EXTENSIONS

    output = Path(args.output)
    if output.suffix.lower() not in EXTENSIONS:
        raise UsageError(
            f"Cannot save a diagram as {output.name!r}; name a file ending in "
            f"{', '.join(sorted(EXTENSIONS))}."
        )
    kind = args.render_command
    inventory = inventory_for(args, None if args.findings or args.snapshot else TABLES[kind])
    findings = None
    if args.findings:
        from ..checks.runner import run_checks

        findings = run_checks(inventory)
    result = _draw(kind, args, inventory, findings)
    path = result.save(output)
    graph = result.graph
    print(
        f"{graph.title}: {len(graph.nodes)} nodes, {len(graph.edges)} edges, "
        f"{len(graph.clusters)} boxes written to {path}"
    )
    for note in graph.notes:
        print(f"  {note}")
    if kind == "org" and graph.pages:
        if args.pages:
            for ou_id, page in sorted(result.pages().items()):
                written = page.save(output.with_name(f"{output.stem}-{ou_id}{output.suffix}"))
                print(f"  page {ou_id}: {written}")
        else:
            print("  add --pages to write one page per folded OU, or draw one with --ou OU_ID")
    return 0


def _draw(kind: str, args: argparse.Namespace, inventory: Any, findings: Any) -> Any:
    if kind == "org":
        from ..render.org import org_chart

        return org_chart(inventory, findings, ou=args.ou)
    if kind == "sso":
        from ..render.sso import sso_access

        return sso_access(
            inventory, account_id=args.account, principal=args.principal, findings=findings
        )
    from ..render.network_map import network, network_choices

    if not args.account or not args.region:
        raise UsageError(
            "Say which account and region to draw with --account ID|NAME and --region REGION; "
            f"this inventory has VPCs in: {network_choices(inventory)}."
        )
    return network(inventory, args.account, args.region, vpc_id=args.vpc, findings=findings)
