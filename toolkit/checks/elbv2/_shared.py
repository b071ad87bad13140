"""What the ELBv2 checks share: the resource type, the load balancers of some types and the
one-row-per-load-balancer helper."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from ..base import evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

LOAD_BALANCER = "AWS::ElasticLoadBalancingV2::LoadBalancer"
#: The CLI words that find a load balancer's ARN from its name (the finding's resource id).
ARN_OF_NAME = (
    "$(aws elbv2 describe-load-balancers --region {region} --names {resource_id} "
    "--query 'LoadBalancers[0].LoadBalancerArn' --output text)"
)


def of_types(inv: Inventory, types: Iterable[str]) -> pd.DataFrame:
    """The load balancers of ``types`` (application, network, gateway)."""
    balancers = inv["elbv2.load_balancers"]
    return balancers[balancers["type"].isin(list(types)).fillna(False)]


def load_balancers(frame: pd.DataFrame, failed, detail) -> pd.DataFrame:
    return evaluate(frame, failed, frame["name"], detail, frame["arn"])


def attribute_check(
    inv: Inventory, types: Iterable[str], column: str, on: str, off: str
) -> pd.DataFrame:
    """Load balancers of ``types`` FAIL unless boolean attribute ``column`` is true (a null, an
    attribute not answered, is AWS's default: off)."""
    frame = of_types(inv, types)
    enabled = frame[column].fillna(False).astype(bool)
    detail = frame["name"].astype("string") + ": " + enabled.map({True: on, False: off})
    return load_balancers(frame, ~enabled, detail)


LISTENER = "AWS::ElasticLoadBalancingV2::Listener"
TARGET_GROUP = "AWS::ElasticLoadBalancingV2::TargetGroup"


def listener_names(listeners: pd.DataFrame) -> pd.Series:
    """``NAME:PORT``: a listener as the console shows it (its load balancer's name and port)."""
    return (
        listeners["load_balancer_name"].astype("string") + ":" + listeners["port"].astype("string")
    )


def listeners_of_types(inv: Inventory, types: Iterable[str]) -> pd.DataFrame:
    """The listeners of load balancers of ``types`` (application, network, gateway)."""
    listeners = inv["elbv2.listeners"]
    return listeners[listeners["load_balancer_type"].isin(list(types)).fillna(False)]


def target_groups(frame: pd.DataFrame, failed, detail) -> pd.DataFrame:
    return evaluate(frame, failed, frame["name"], detail, frame["arn"])
