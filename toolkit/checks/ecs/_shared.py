"""What the ECS checks share: resource types, the revisions FSBP judges, their containers and
one row per task definition or cluster."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from ...policies import load
from ..base import each, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

TASK_DEFINITION = "AWS::ECS::TaskDefinition"
CLUSTER = "AWS::ECS::Cluster"


def latest_task_definitions(inv: Inventory) -> pd.DataFrame:
    """Each family's latest ACTIVE revision: the only one FSBP's ECS controls judge."""
    t = inv["ecs.task_definitions"]
    return t[t["latest_active"].astype("boolean").fillna(False).astype(bool)]


def containers(t: pd.DataFrame) -> pd.Series:
    """Each task definition's containers (the ``containers`` JSON) as a list of dicts."""
    return each(t["containers"], lambda text: load(text) or [], [])


def containers_where(t: pd.DataFrame, at_fault: Callable[[dict[str, Any]], bool]) -> pd.Series:
    """The names of each task definition's containers for which ``at_fault`` is true."""
    return containers(t).map(lambda found: [c.get("name") for c in found if at_fault(c)])


def named(names: pd.Series) -> pd.Series:
    return names.map(lambda found: ", ".join(str(n) for n in found))


def ecs_task_definitions(t: pd.DataFrame, failed: pd.Series, detail: pd.Series) -> pd.DataFrame:
    resource_id = t["family"].astype("string") + ":" + t["revision"].astype("string")
    return evaluate(t, failed, resource_id, detail, t["arn"])


def ecs_clusters(c: pd.DataFrame, failed: pd.Series, detail: pd.Series) -> pd.DataFrame:
    return evaluate(c, failed, c["cluster_name"], detail, c["arn"])
