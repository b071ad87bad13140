"""What the CIS 4.x monitoring checks share: the chain the benchmark's audit procedure walks,
for each account, and the first link that is missing.

The chain (CIS AWS Foundations Benchmark v3.0.0, audit procedure of 4.1 to 4.15): a multi-region
CloudTrail trail that is logging and records all management events (read and write) delivers to
a CloudWatch Logs log group; a metric filter on that log group has the benchmark's pattern; a
CloudWatch alarm watches the filter's metric (namespace and name, in the log group's region);
the alarm notifies an SNS topic with at least one confirmed subscription. An organization trail
of the management account covers every account of the organization; its chain (log group,
filters, alarms, topics) lives in the management account.

One row per account (region ``global``). A FAIL that an unread table could explain (the trails
of the account, or the log group's filters, alarms or topics where the chain stopped) gets no
row: the runner reports the gap as ERROR, not a FAIL nobody saw.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..base import evaluate
from ..cloudtrail._shared import (
    TRAIL_TABLES,
    inventory_accounts,
    live_trails,
    logs_all_management,
    organization_members,
    trail_shortfall,
)
from ._benchmark import BENCHMARKS, Benchmark
from .filter_pattern import Comparison, best_comparison, try_parse

if TYPE_CHECKING:
    from ...inventory import Inventory

ACCOUNT = "AWS::::Account"
CHAIN_TABLES = (
    *TRAIL_TABLES,
    "logs.log_groups",
    "logs.metric_filters",
    "cloudwatch.alarms",
    "sns.topics",
    "sns.subscriptions",
)
NO_TRAIL = "no multi-region logging trail with all management events delivers to CloudWatch Logs"
#: The tables whose gap could explain a chain that stops at each link.
_LINK_TABLES = {
    0: TRAIL_TABLES,
    1: ("logs.log_groups", "logs.metric_filters"),
    2: ("cloudwatch.alarms",),
    3: ("sns.topics", "sns.subscriptions"),
}
COMPLETE = 4


@dataclass(frozen=True)
class Chain:
    """How far one trail's chain goes (``link``: 1 no matching filter, 2 no alarm, 3 no
    confirmed topic, 4 complete) and where it lives."""

    trail: str
    trail_account: str
    organization: bool
    link: int
    account_id: str
    region: str
    detail: str


def check_monitoring(inv: Inventory, control: str) -> pd.DataFrame:
    """One row per account for a CIS 4.x recommendation: PASS names the chain, FAIL the link
    that is missing."""
    benchmark = BENCHMARKS[control]
    t = inv["cloudtrail.trails"]
    all_management = logs_all_management(inv)
    delivers = t["cloud_watch_logs_log_group_arn"].notna()
    candidates = t[live_trails(t) & all_management & delivers]
    estate = _Estate(inv)
    chains = [estate.chain(trail, benchmark) for trail in _records(candidates)]
    accounts = inventory_accounts(inv)
    org_chains = [c for c in chains if c.organization]
    members = organization_members(
        inv, accounts["account_id"], pd.Series([c.trail_account for c in org_chains], dtype=object)
    )
    reasons = _trail_reasons(t, all_management, delivers)
    failed, details, keep = [], [], []
    for account, member in zip(accounts["account_id"], members, strict=True):
        own = [c for c in chains if c.trail_account == account]
        covering = own + [c for c in org_chains if member and c.trail_account != account]
        if not covering:
            listing = _listing(t, reasons, account, member)
            failed.append(True)
            details.append(f"{NO_TRAIL}; trails: {listing}")
            keep.append(not _blind(inv, 0, account, None))
            continue
        best = max(covering, key=lambda c: (c.link, c.trail_account == account, c.trail))
        prefix = ""
        if best.trail_account != account:
            prefix = f"organization trail {best.trail} of {best.trail_account}: "
        if best.link == COMPLETE and prefix:
            prefix = "covered by " + prefix
        failed.append(best.link != COMPLETE)
        details.append(prefix + best.detail)
        keep.append(
            best.link == COMPLETE or not _blind(inv, best.link, best.account_id, best.region)
        )
    index = accounts.index
    failed_flags = pd.Series(failed, index=index, dtype=bool)
    result = evaluate(
        accounts, failed_flags, accounts["account_id"], pd.Series(details, index=index)
    )
    return result[pd.Series(keep, index=index, dtype=bool)]


def _trail_reasons(t: pd.DataFrame, all_management: pd.Series, delivers: pd.Series) -> pd.Series:
    """Why each trail does not count: 'single-region; no CloudWatch Logs', ..."""
    shortfall = trail_shortfall(t, all_management, "not all management events")
    missing = (~delivers).map({True: "no CloudWatch Logs", False: ""})
    both = (shortfall + "; " + missing).str.strip("; ")
    return both.where(both != "", "ok")


def _listing(t: pd.DataFrame, reasons: pd.Series, account: str, member: bool) -> str:
    """The trails that could have covered the account, each with why it does not."""
    own = (t["account_id"] == account).fillna(False).astype(bool)
    org = t["is_organization_trail"].fillna(False).astype(bool) & ~own & member
    name = t["name"].fillna(t["arn"]).fillna("?")
    whose = ("organization trail of " + t["account_id"] + "; ").where(~own, "")
    text = (name + " (" + whose + reasons + ")")[own | org]
    return ", ".join(sorted(text.dropna())) or "none"


def _blind(inv: Inventory, link: int, account: str, region: str | None) -> bool:
    """Whether a table that could explain a chain stopping at ``link`` was not read where the
    chain lives (``region`` None: anywhere in the account)."""
    gaps = inv.gaps(_LINK_TABLES[link])
    if not len(gaps):
        return False
    accounts = gaps["account_id"].isin([account, "*"])
    if region is None:
        return bool(accounts.any())
    regions = gaps["region"].isin([region, "*", "global"])
    return bool((accounts & regions).any())


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as plain Python values: None for nulls, bool for flags (so ``is False`` works)."""
    return [{k: _plain(v) for k, v in r.items()} for r in frame.to_dict("records")]


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, str | bool | int | float) or value is None:
        return None if isinstance(value, float) and value != value else value  # NaN
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def _actions(document: Any) -> list[str]:
    if not isinstance(document, str):
        return []
    try:
        actions = json.loads(document)
    except ValueError:
        return []
    return [a for a in actions if isinstance(a, str)] if isinstance(actions, list) else []


def _topic_name(arn: str) -> str:
    return arn.rsplit(":", 1)[-1]


class _Estate:
    """The inventory's log groups, filters, alarms and confirmed topics, indexed by where they
    live (account, region)."""

    def __init__(self, inv: Inventory) -> None:
        self.groups = {
            (g["account_id"], g["region"], g["log_group_name"])
            for g in _records(inv["logs.log_groups"])
        }
        self.filters: dict[tuple, list[dict[str, Any]]] = {}
        for f in _records(inv["logs.metric_filters"]):
            key = (f["account_id"], f["region"], f["log_group_name"])
            self.filters.setdefault(key, []).append(f)
        self.alarms: dict[tuple, list[dict[str, Any]]] = {}
        for a in _records(inv["cloudwatch.alarms"]):
            key = (a["account_id"], a["region"], a["namespace"], a["metric_name"])
            self.alarms.setdefault(key, []).append(a)
        topics = _records(inv["sns.topics"])
        subscriptions = _records(inv["sns.subscriptions"])
        self.confirmed = {t["topic_arn"] for t in topics if (t["subscriptions_confirmed"] or 0) > 0}
        self.confirmed |= {s["topic_arn"] for s in subscriptions if s["confirmed"] is True}

    def chain(self, trail: dict[str, Any], benchmark: Benchmark) -> Chain:
        name = trail["name"] or trail["arn"]
        arn = str(trail["cloud_watch_logs_log_group_arn"])
        parts = arn.split(":")
        is_org = trail["is_organization_trail"] is True

        def stop(link: int, detail: str, account: str, region: str) -> Chain:
            return Chain(name, trail["account_id"], is_org, link, account, region, detail)

        if len(parts) < 7 or parts[2] != "logs" or parts[5] != "log-group":
            detail = f"trail {name} delivers to {arn}, not a log group"
            return stop(1, detail, trail["account_id"], trail["region"])
        region, account, group = parts[3], parts[4], parts[6]
        where = (account, region, group)
        if where not in self.groups:
            return stop(1, f"log group {group} of trail {name} is not in the inventory "
                        f"({account}, {region})", account, region)  # fmt: skip
        filters = sorted(self.filters.get(where, []), key=lambda f: str(f["filter_name"]))
        judged = [(f, self._compare(f, benchmark)) for f in filters]
        matching = [f for f, c in judged if c is not None and c.matches]
        if not matching:
            return stop(1, _no_filter(group, judged), account, region)
        alarmed = [(f, a) for f in matching for a in self._alarms(f, account, region)]
        if not alarmed:
            names = ", ".join(f"{f['filter_name']} ({_metric(f)})" for f in matching)
            verb = "has" if len(matching) == 1 else "have"
            filters_word = "metric filter" if len(matching) == 1 else "metric filters"
            return stop(2, f"{filters_word} {names} {verb} no alarm", account, region)
        problems = []
        for f, alarm in alarmed:
            topics = [a for a in _actions(alarm["alarm_actions"]) if a.split(":")[2:3] == ["sns"]]
            good = sorted(t for t in topics if t in self.confirmed)
            if alarm["actions_enabled"] is not False and good:
                chain = (
                    f"{name} -> log group {group} -> metric filter {f['filter_name']} "
                    f"({_metric(f)}) -> alarm {alarm['alarm_name']} -> topic {_topic_name(good[0])}"
                )
                return stop(COMPLETE, chain, account, region)
            problems.append(_alarm_problem(alarm, topics))
        return stop(3, "; ".join(dict.fromkeys(problems)), account, region)

    def _alarms(self, f: dict[str, Any], account: str, region: str) -> list[dict[str, Any]]:
        key = (account, region, f["metric_namespace"], f["metric_name"])
        return sorted(self.alarms.get(key, []), key=lambda a: str(a["alarm_name"]))

    @staticmethod
    def _compare(f: dict[str, Any], benchmark: Benchmark) -> Comparison | None:
        dnf = try_parse(f["filter_pattern"])
        return None if dnf is None else best_comparison(dnf, benchmark.references)


def _metric(f: dict[str, Any]) -> str:
    return f"{f['metric_namespace']}/{f['metric_name']}"


def _no_filter(group: str, judged: list[tuple[dict[str, Any], Comparison | None]]) -> str:
    """'no metric filter on log group X matches ... (closest: filter Y lacks eventName=Z)': the
    closest filter is named only if it is about the same events at all."""
    head = f"no metric filter on log group {group} matches the benchmark's pattern"
    if not judged:
        return f"{head} (the log group has no metric filters)"
    close = [(f, c) for f, c in judged if c is not None and c.shared]
    if close:
        f, c = min(close, key=lambda fc: (len(fc[1].uncovered), len(fc[1].lacks) + len(fc[1].adds)))
        return f"{head} (closest: filter {f['filter_name']} {c.describe()})"
    unread = sorted(str(f["filter_name"]) for f, c in judged if c is None)
    if len(unread) == len(judged):
        return f"{head} (filter {', '.join(unread)}: pattern not understood)"
    far = f"none of its {len(judged)} metric filters is about these events"
    if unread:
        far += f"; pattern not understood: {', '.join(unread)}"
    return f"{head} ({far})"


def _alarm_problem(alarm: dict[str, Any], topics: list[str]) -> str:
    name = alarm["alarm_name"]
    if alarm["actions_enabled"] is False:
        return f"alarm {name} has its actions disabled"
    if not topics:
        return f"alarm {name} notifies no SNS topic"
    names = ", ".join(sorted(_topic_name(t) for t in topics))
    return f"alarm {name} notifies only topics with no confirmed subscription: {names}"
