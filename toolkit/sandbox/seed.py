"""Seed an estate into a running sandbox through the real AWS APIs (boto3 over HTTP).

Everything is created the way a user would create it on AWS: the organization from the
management account, each member's resources through AssumeRole into that member. What was made,
with the ids AWS (moto) gave it and the misconfigurations planted on purpose, is returned as the
ground truth. Each service is seeded by its own module in ``seeders/``; ``Seeder`` holds what
they share (clients, sessions, the truth) and runs their steps in the order ``seeders`` gives.

Made for size as well: one boto3 client per (account, service, region) for the whole seeding,
every session sharing one botocore model loader (a service's model is read once, not once per
account), instances launched in batches (``count``), and the accounts of an estate with
``seed_workers`` above 1 seeded that many at once on threads. The demo estate leaves it at 1:
moto draws ids from one seeded random stream, so only a fixed order gives the same ids on every
run.
"""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from ..aws.endpoints import adapt_client
from . import seeders
from .truth import GroundTruth

SANDBOX_KEY = ("testing", "testing")
ROLE_NAME = "OrganizationAccountAccessRole"


class Seeder:
    """Seeds one estate into the sandbox at ``endpoint_url``; ``run()`` returns its truth."""

    def __init__(self, endpoint_url: str, estate: dict[str, Any]) -> None:
        import boto3

        self.endpoint_url = endpoint_url
        self.estate = estate
        self.regions = estate.get("regions") or ["us-east-1"]
        self.management = boto3.Session(
            aws_access_key_id=SANDBOX_KEY[0],
            aws_secret_access_key=SANDBOX_KEY[1],
            region_name=self.regions[0],
        )
        self.truth = GroundTruth(
            regions=list(self.regions), seeded_at=datetime.now(UTC).isoformat()
        )
        self.account_ids: dict[str, str] = {}
        self.sessions: dict[str, Any] = {}
        self.workers = max(1, int(estate.get("seed_workers", 1)))
        #: Held while a seeder fills something shared by threads (the ec2 seeder's image ids).
        self.lock = threading.Lock()
        self._memos: dict[str, dict[str, Any]] = {}
        self._clients: dict[tuple[int, str, str], Any] = {}

    def client(self, session: Any, service: str, region: str | None = None) -> Any:
        """The seeding's one client for (session, service, region), made on first use."""
        from botocore.config import Config

        key = (id(session), service, region or self.regions[0])
        with self.lock:  # a boto3 session must not make clients on two threads at once
            client = self._clients.get(key)
            if client is None:
                client = adapt_client(
                    session.client(
                        service,
                        region_name=key[2],
                        endpoint_url=self.endpoint_url,
                        config=Config(
                            s3={"addressing_style": "path"},
                            inject_host_prefix=False,
                            retries={"mode": "standard"},
                            max_pool_connections=4 * self.workers,
                        ),
                    )
                )
                self._clients[key] = client
        return client

    def memo(self, name: str) -> dict[str, Any]:
        """A dict kept for this seeding: what a seeder remembers from one step to the next."""
        with self.lock:
            return self._memos.setdefault(name, {})

    def plant(
        self,
        planted: list[str] | None,
        account_id: str,
        region: str,
        resource_id: str,
        resource_type: str,
    ) -> None:
        """Record the checks the estate planted on a resource."""
        for check in planted or []:
            self.truth.planted.append(
                {
                    "check": check,
                    "account_id": account_id,
                    "region": region,
                    "resource_id": resource_id,
                    "resource_type": resource_type,
                }
            )

    def post_control(self, path: str, body: dict[str, Any]) -> None:
        """POST to the sandbox's own control endpoint (state moto cannot hold)."""
        import urllib.request

        request = urllib.request.Request(
            self.endpoint_url + path, data=json.dumps(body).encode(), method="POST"
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()

    # -- the whole estate ------------------------------------------------------------------
    def run(self) -> GroundTruth:
        for step in seeders.FIRST:
            step(self)
        self.client(self.management, "sts")  # made once, before any thread needs it
        keys = list(self.account_ids)
        for key, session in zip(
            keys, self._each(lambda k: self._session_for(self.account_ids[k]), keys), strict=True
        ):
            self.sessions[key] = session
        # One after another unless the estate asks for workers: moto draws ids from one seeded
        # random stream, so only a fixed order gives the same ids on every run.
        self._each(lambda item: self._account(*item), list(self.estate.get("accounts", {}).items()))
        for step in seeders.LAST:
            step(self)
        self.truth.faults = {
            "access_denied": [
                [self.account_ids.get(a, a), s]
                for a, s in self.estate.get("faults", {}).get("access_denied", [])
            ],
            "unassumable_accounts": [
                self.account_ids.get(a, a)
                for a in self.estate.get("faults", {}).get("unassumable_accounts", [])
            ],
        }
        self.truth.expected_findings = [
            {
                "check": entry["check"],
                "account_id": self.account_ids.get(
                    entry.get("account", "*"), entry.get("account", "*")
                ),
                "resource": entry.get("resource", "*"),
                "reason": entry["reason"],
            }
            for entry in self.estate.get("expected_findings", [])
        ]
        self.truth.sort()
        if self.workers > 1:  # threads finished in any order: sort what they appended
            self._sort_by_account()
        return self.truth

    def _account(self, key: str, spec: dict[str, Any]) -> None:
        session, account_id = self.sessions[key], self.account_ids[key]
        for step in seeders.PER_ACCOUNT:
            step(self, session, account_id, spec)

    def _session(self, key: str, secret: str, token: str | None = None) -> Any:
        """A boto3 session sharing the management session's model loader."""
        import boto3
        import botocore.session

        core = botocore.session.get_session()
        core.register_component(
            "data_loader", self.management._session.get_component("data_loader")
        )
        return boto3.Session(
            aws_access_key_id=key,
            aws_secret_access_key=secret,
            aws_session_token=token,
            region_name=self.regions[0],
            botocore_session=core,
        )

    def _session_for(self, account_id: str) -> Any:
        if account_id == self.truth.management_account:
            return self.management
        sts = self.client(self.management, "sts")
        creds = sts.assume_role(
            RoleArn=f"arn:aws:iam::{account_id}:role/{ROLE_NAME}", RoleSessionName="sandbox-seed"
        )["Credentials"]
        return self._session(creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])

    def _each(self, function: Any, items: list[Any]) -> list[Any]:
        """``function`` over ``items``: in order, or on ``workers`` threads."""
        if self.workers == 1 or len(items) < 2:
            return [function(item) for item in items]
        with ThreadPoolExecutor(self.workers, thread_name_prefix="seed") as pool:
            return list(pool.map(function, items))

    def _sort_by_account(self) -> None:
        for service in seeders.SERVICES:
            for field, name in getattr(service, "ROWS_BY_ACCOUNT", {}).items():
                getattr(self.truth, field).sort(
                    key=lambda row, name=name: (
                        row["account_id"],
                        row.get("region", ""),
                        row[name],
                    )
                )
