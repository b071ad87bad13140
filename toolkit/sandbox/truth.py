"""The ground truth of a seeded estate: what was made, with the ids AWS gave it.

Tests compare what the toolkit reports with this, never with the toolkit's own output.
``planted`` lists every misconfiguration made on purpose as (check, account, region, resource).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from .seeders.access import AccessTruth
from .seeders.accessanalyzer import AccessAnalyzerTruth
from .seeders.acm import AcmTruth
from .seeders.acm_pca import PrivateCaTruth
from .seeders.apigateway import ApiGatewayTruth
from .seeders.appsync import AppSyncTruth
from .seeders.athena import AthenaTruth
from .seeders.autoscaling import AutoScalingTruth
from .seeders.cloudformation import CloudFormationTruth
from .seeders.cloudfront import CloudFrontTruth
from .seeders.cloudtrail import CloudTrailTruth
from .seeders.codebuild import CodeBuildTruth
from .seeders.config import ConfigTruth
from .seeders.dms import DmsTruth
from .seeders.dynamodb import DynamoDbTruth
from .seeders.ec2 import Ec2Truth
from .seeders.ec2_compute import Ec2ComputeTruth
from .seeders.ec2_peering import Ec2PeeringTruth
from .seeders.ecr import EcrTruth
from .seeders.ecs import EcsTruth
from .seeders.efs import EfsTruth
from .seeders.eks import EksTruth
from .seeders.elasticache import ElastiCacheTruth
from .seeders.elb import ElbTruth
from .seeders.elbv2 import Elbv2Truth
from .seeders.emr import EmrTruth
from .seeders.events import EventsTruth
from .seeders.firehose import FirehoseTruth
from .seeders.guardduty import GuardDutyTruth
from .seeders.iam import IamTruth
from .seeders.inspector2 import InspectorTruth
from .seeders.kinesis import KinesisTruth
from .seeders.kms import KmsTruth
from .seeders.lambda_ import LambdaTruth
from .seeders.macie2 import MacieTruth
from .seeders.monitoring import MonitoringTruth
from .seeders.mq import MqTruth
from .seeders.neptune import NeptuneTruth
from .seeders.opensearch import OpenSearchTruth
from .seeders.organizations import OrganizationsTruth
from .seeders.rds import RdsTruth
from .seeders.redshift import RedshiftTruth
from .seeders.route53 import Route53Truth
from .seeders.s3 import S3Truth
from .seeders.sagemaker import SageMakerTruth
from .seeders.secretsmanager import SecretsManagerTruth
from .seeders.securityhub import SecurityHubTruth
from .seeders.service_interfaces import ServiceInterfacesTruth
from .seeders.sqs import SqsTruth
from .seeders.ssm import SsmTruth
from .seeders.sso import IdentityCenterTruth
from .seeders.stepfunctions import StepFunctionsTruth
from .seeders.transfer import TransferTruth
from .seeders.wafv2 import WafV2Truth


@dataclass
class GroundTruth(
    OrganizationsTruth,
    S3Truth,
    Ec2Truth,
    IamTruth,
    KmsTruth,
    CloudTrailTruth,
    RdsTruth,
    LambdaTruth,
    IdentityCenterTruth,
    EfsTruth,
    ConfigTruth,
    AccessAnalyzerTruth,
    SecurityHubTruth,
    GuardDutyTruth,
    ServiceInterfacesTruth,
    MonitoringTruth,
    AcmTruth,
    Elbv2Truth,
    DynamoDbTruth,
    SqsTruth,
    SecretsManagerTruth,
    Ec2PeeringTruth,
    EcrTruth,
    EksTruth,
    EcsTruth,
    CloudFrontTruth,
    ApiGatewayTruth,
    WafV2Truth,
    RedshiftTruth,
    OpenSearchTruth,
    ElastiCacheTruth,
    Ec2ComputeTruth,
    AutoScalingTruth,
    Route53Truth,
    SsmTruth,
    KinesisTruth,
    FirehoseTruth,
    StepFunctionsTruth,
    EventsTruth,
    AthenaTruth,
    MqTruth,
    SageMakerTruth,
    CodeBuildTruth,
    EmrTruth,
    NeptuneTruth,
    MacieTruth,
    InspectorTruth,
    PrivateCaTruth,
    ElbTruth,
    CloudFormationTruth,
    AppSyncTruth,
    DmsTruth,
    TransferTruth,
    AccessTruth,
):
    """Each service's fields come from its seeder (``seeders/<service>.py``); the estate-wide
    ones are here."""

    regions: list[str] = field(default_factory=list)
    #: When the estate was seeded (ISO, UTC): its ages count from then, and a saved estate
    #: restored later the same day keeps them.
    seeded_at: str = ""
    planted: list[dict[str, Any]] = field(default_factory=list)
    #: FAILs that are defaults of the estate, not planted: check (an fnmatch pattern, so "*" or
    #: "cloudwatch_*_not_monitored"), account_id (or *), resource (an fnmatch pattern) and reason.
    expected_findings: list[dict[str, Any]] = field(default_factory=list)
    faults: dict[str, Any] = field(default_factory=dict)

    @property
    def account_ids(self) -> list[str]:
        return [account["id"] for account in self.accounts]

    def account_id(self, key: str) -> str:
        """The id moto gave the account the estate calls ``key``."""
        for account in self.accounts:
            if account["key"] == key:
                return account["id"]
        raise KeyError(f"no account {key!r} in this estate")

    def explains(self, check: str, account_id: str, resource_id: str) -> str | None:
        """Why a FAIL on this resource is expected: 'planted', an expected default's reason,
        or None when the estate does not explain it."""
        import fnmatch

        for entry in self.planted:
            if (entry["check"], entry["account_id"], entry["resource_id"]) == (
                check,
                account_id,
                resource_id,
            ):
                return "planted"
        for entry in self.expected_findings:
            if (
                fnmatch.fnmatchcase(check, entry["check"])
                and entry["account_id"] in (account_id, "*")
                and fnmatch.fnmatchcase(str(resource_id), entry["resource"])
            ):
                return entry["reason"]
        return None

    def sort(self) -> None:
        self.buckets.sort(key=lambda b: (b["account_id"], b["name"]))
        self.vpcs.sort(key=lambda v: (v["account_id"], v["region"], v["id"]))
        self.planted.sort(key=lambda p: (p["check"], p["account_id"], p["resource_id"]))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, text: str) -> GroundTruth:
        return cls(**json.loads(text))

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)
