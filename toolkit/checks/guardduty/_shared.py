"""What GuardDuty's protection-plan checks (FSBP GuardDuty.5-13) share: whether each detector
has a feature, and where asked its automated agent management, ENABLED.

One result per detector (the controls' resource type is ``AWS::GuardDuty::Detector``). In an
organization the delegated administrator sets its members' protection plans, which land on each
member's own detector, so a member's detector answers for the member; a member without a
detector of its own is GuardDuty.1's finding (``guardduty_not_enabled``), not these. A suspended
(DISABLED) detector fails: none of its plans runs.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import evaluate
from ..securityhub._shared import regional_arn

if TYPE_CHECKING:
    from ...inventory import Inventory

TABLE = "guardduty.detector_features"
KEYS = ["account_id", "region", "detector_id"]
#: A plan: a feature, and the automated agent management it needs (None: none).
Plan = tuple[str, str | None]


def agent_enabled(configuration: object, agent: str) -> bool:
    """Whether ``additional_configuration`` (JSON) has ``agent`` ENABLED."""
    if not isinstance(configuration, str):
        return False
    return any(
        c.get("name") == agent and c.get("status") == "ENABLED" for c in json.loads(configuration)
    )


def plan_enabled(features: pd.DataFrame, plans: tuple[Plan, ...]) -> pd.Series:
    """For each feature row: whether it is one of ``plans``, enabled as the plan asks."""
    on = pd.Series(False, index=features.index, dtype=bool)
    for feature, agent in plans:
        match = ((features["feature"] == feature) & (features["status"] == "ENABLED")).fillna(False)
        match = match.astype(bool)
        if agent is not None:
            agents = [agent_enabled(c, agent) for c in features["additional_configuration"]]
            match &= pd.Series(agents, index=features.index, dtype=bool)
        on |= match
    return on


def protection_plan(inv: Inventory, plans: tuple[Plan, ...], name: str) -> pd.DataFrame:
    """The check's result per detector: FAIL unless the detector is ENABLED and one of
    ``plans`` (described as ``name`` in the detail) is enabled on it."""
    features = inv[TABLE]
    detectors = features.drop_duplicates(KEYS)[[*KEYS, "detector_status"]]
    covered = features.loc[plan_enabled(features, plans), KEYS].drop_duplicates()
    d = detectors.merge(covered.assign(plan=True), on=KEYS, how="left").reset_index(drop=True)
    plan = d["plan"].fillna(False).astype(bool)
    running = (d["detector_status"] == "ENABLED").fillna(False).astype(bool)
    detector = d["detector_id"].astype("string")
    detail = pd.Series(f"{name} is enabled on detector ", index=d.index, dtype="string") + detector
    detail = detail.mask(~plan, f"{name} is not enabled on detector " + detector)
    detail = detail.mask(
        ~running, "detector " + detector + f" is suspended (DISABLED): {name} does not run"
    )
    arn = regional_arn(d, "guardduty", "detector/") + detector
    return evaluate(d, ~(plan & running), arn, detail, arn)
