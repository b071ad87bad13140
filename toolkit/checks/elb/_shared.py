"""What the Classic ELB checks share: the resource type, the CLI words, the one-row-per-load-
balancer helper and the per-load-balancer summary of its listeners."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

LOAD_BALANCER = "AWS::ElasticLoadBalancing::LoadBalancer"
#: Front-end protocols that encrypt (what FSBP ELB.3 asks of every listener).
ENCRYPTED = ("HTTPS", "SSL")


def load_balancers(frame: pd.DataFrame, failed, detail) -> pd.DataFrame:
    return evaluate(frame, failed, frame["name"], detail, frame["arn"])


def listener_texts(listeners: pd.DataFrame, balancers: pd.DataFrame, text: pd.Series) -> pd.Series:
    """Per load balancer of ``balancers``: ``text`` of its ``listeners`` joined by "; " ("" for
    none), in port order."""
    if listeners.empty:
        return pd.Series("", index=balancers.index, dtype="string")
    ordered = text.loc[listeners.sort_values("port").index]
    keys = listeners.loc[ordered.index, "load_balancer_arn"]
    joined = ordered.groupby(keys).agg(lambda values: "; ".join(values))
    mapped = balancers["arn"].map(joined).astype(object)
    return mapped.where(mapped.notna(), "").astype("string")


def encrypted_listeners(inv: Inventory) -> pd.DataFrame:
    """The HTTPS and SSL listeners of every Classic Load Balancer."""
    listeners = inv["elb.listeners"]
    protocol = listeners["protocol"].astype("string").str.upper()
    return listeners[protocol.isin(ENCRYPTED).fillna(False)]


def port_text(listeners: pd.DataFrame) -> pd.Series:
    """``HTTPS 443``: a listener's protocol and port."""
    return listeners["protocol"].astype("string") + " " + listeners["port"].astype("string")


def attribute_check(inv: Inventory, column: str, on: pd.Series | str, off: str) -> pd.DataFrame:
    """Classic Load Balancers FAIL unless boolean attribute ``column`` is true (a null, an
    attribute not answered, is AWS's default: off)."""
    frame = inv["elb.load_balancers"]
    enabled = frame[column].fillna(False).astype(bool)
    name = frame["name"].astype("string")
    detail = (name + ": " + on).where(enabled, name + ": " + off)
    return load_balancers(frame, ~enabled, detail)
