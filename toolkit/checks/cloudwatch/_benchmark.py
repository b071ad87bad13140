"""The metric filter patterns of CIS AWS Foundations Benchmark v3.0.0, section 4 (4.1 to 4.15).

Each pattern is the one the recommendation's audit procedure says the log group's metric filters
must contain ("Ensure the output from the above command contains the following:
filterPattern ..."), as published in the v3.0.0 text and quoted verbatim in
prowler-cloud/prowler's prowler/compliance/aws/cis_3.0_aws.json (AuditProcedure and
RemediationProcedure of requirements 4.1 to 4.15). Where the text gives more than one pattern
(4.2's single sign-on variant, 4.13's remediation pattern that differs from its audit pattern),
a filter matching any of them satisfies the recommendation.

v3.0.0's 4.1 pattern joins all four terms with ``||`` (earlier versions wrote ``&&`` before the
two ``!=`` terms). Read literally, either text matches nearly every event (any event not from
delivery.logs.amazonaws.com); what both mean is the unauthorized calls less the two exclusions,
``(A || B) && C && D``, which is how CIS's own remediation templates and most deployments write
it. That form is accepted beside the published one: a filter written either way, or as the
older text, satisfies 4.1 (each is at least as broad as the intended form).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .filter_pattern import Dnf, parse


@dataclass(frozen=True)
class Benchmark:
    """One recommendation: its id, what it watches, the benchmark's metric name and patterns
    (the first is the one the remediation procedure's command puts)."""

    control: str
    watches: str
    metric: str
    patterns: tuple[str, ...]

    @property
    def description(self) -> str:
        return (
            f"No CloudWatch alarm that notifies a confirmed SNS subscriber watches "
            f"{self.watches} in the account. CIS {self.control}'s chain: a multi-region trail, "
            "logging all management events, delivers to a CloudWatch Logs group; a metric "
            f"filter there has the benchmark's pattern, {self.patterns[0]}; an alarm watches "
            "its metric and notifies an SNS topic with a confirmed subscription. The detail "
            "names the missing link. An organization trail of the management account covers "
            "every account of the organization."
        )

    @property
    def remediation(self) -> str:
        return (
            "Deliver a multi-region trail (ideally the organization trail) to CloudWatch Logs; "
            f"on its log group, add a metric filter with the benchmark's pattern for "
            f"{self.watches}, an alarm on the filter's metric, and as the alarm's action an "
            "SNS topic with a confirmed subscription."
        )

    @cached_property
    def references(self) -> tuple[Dnf, ...]:
        return tuple(parse(p) for p in self.patterns)

    @property
    def cli(self) -> str:
        """``put-metric-filter`` then ``put-metric-alarm``, as the remediation procedure; the
        log group is the one the CloudTrail trail delivers to, in its region."""
        alarm = self.metric.removesuffix("_metric") + "_alarm"
        return (
            "aws logs put-metric-filter --region {region} --log-group-name CLOUDTRAIL_LOG_GROUP "
            f"--filter-name {self.metric} --metric-transformations "
            f"metricName={self.metric},metricNamespace=CISBenchmark,metricValue=1 "
            f"--filter-pattern '{self.patterns[0]}' && "
            f"aws cloudwatch put-metric-alarm --region {{region}} --alarm-name {alarm} "
            f"--metric-name {self.metric} --namespace CISBenchmark --statistic Sum --period 300 "
            "--threshold 1 --comparison-operator GreaterThanOrEqualToThreshold "
            "--evaluation-periods 1 --alarm-actions SNS_TOPIC_ARN"
        )


def _any_event(*names: str, source: str | None = None) -> str:
    """``{ ($.eventName = A) || ($.eventName = B) }``, within ``($.eventSource = S) && (...)``
    when a source is given: the shape most of the benchmark's patterns have."""
    names_text = " || ".join(f"($.eventName = {n})" for n in names)
    if source is None:
        return "{ " + names_text + " }"
    return "{ ($.eventSource = " + source + ") && (" + names_text + ") }"


_ROUTE_EVENTS = (
    "CreateRoute",
    "CreateRouteTable",
    "ReplaceRoute",
    "ReplaceRouteTableAssociation",
    "DeleteRouteTable",
    "DeleteRoute",
    "DisassociateRouteTable",
)

BENCHMARKS: dict[str, Benchmark] = {
    b.control: b
    for b in (
        Benchmark(
            "4.1",
            "unauthorized API calls",
            "unauthorized_api_calls_metric",
            (
                "{ ($.errorCode = *UnauthorizedOperation) || ($.errorCode = AccessDenied*) || "
                "($.sourceIPAddress!=delivery.logs.amazonaws.com) || ($.eventName!=HeadBucket) }",
                '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) '
                '&& ($.sourceIPAddress != "delivery.logs.amazonaws.com") '
                '&& ($.eventName != "HeadBucket") }',
            ),
        ),
        Benchmark(
            "4.2",
            "console sign-in without MFA",
            "no_mfa_console_signin_metric",
            (
                '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
                '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && '
                '($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = '
                '"Success") }',
            ),
        ),
        Benchmark(
            "4.3",
            "usage of the root user",
            "root_usage_metric",
            (
                '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && '
                '$.eventType != "AwsServiceEvent" }',
            ),
        ),
        Benchmark(
            "4.4",
            "IAM policy changes",
            "iam_changes_metric",
            (
                "{"
                + "||".join(
                    f"($.eventName={n})"
                    for n in (
                        "DeleteGroupPolicy",
                        "DeleteRolePolicy",
                        "DeleteUserPolicy",
                        "PutGroupPolicy",
                        "PutRolePolicy",
                        "PutUserPolicy",
                        "CreatePolicy",
                        "DeletePolicy",
                        "CreatePolicyVersion",
                        "DeletePolicyVersion",
                        "AttachRolePolicy",
                        "DetachRolePolicy",
                        "AttachUserPolicy",
                        "DetachUserPolicy",
                        "AttachGroupPolicy",
                        "DetachGroupPolicy",
                    )
                )
                + "}",
            ),
        ),
        Benchmark(
            "4.5",
            "CloudTrail configuration changes",
            "cloudtrail_cfg_changes_metric",
            (
                _any_event(
                    "CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"
                ),
            ),
        ),
        Benchmark(
            "4.6",
            "console authentication failures",
            "console_signin_failure_metric",
            ('{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',),
        ),
        Benchmark(
            "4.7",
            "disabling or scheduled deletion of customer managed keys",
            "disable_or_delete_cmk_changes_metric",
            (
                "{($.eventSource = kms.amazonaws.com) && "
                "(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }",
            ),
        ),
        Benchmark(
            "4.8",
            "S3 bucket policy changes",
            "s3_bucket_policy_changes_metric",
            (
                _any_event(
                    "PutBucketAcl",
                    "PutBucketPolicy",
                    "PutBucketCors",
                    "PutBucketLifecycle",
                    "PutBucketReplication",
                    "DeleteBucketPolicy",
                    "DeleteBucketCors",
                    "DeleteBucketLifecycle",
                    "DeleteBucketReplication",
                    source="s3.amazonaws.com",
                ),
            ),
        ),
        Benchmark(
            "4.9",
            "AWS Config configuration changes",
            "aws_config_changes_metric",
            (
                "{ ($.eventSource = config.amazonaws.com) && "
                "(($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||"
                "($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }",
            ),
        ),
        Benchmark(
            "4.10",
            "security group changes",
            "security_group_changes_metric",
            (
                _any_event(
                    "AuthorizeSecurityGroupIngress",
                    "AuthorizeSecurityGroupEgress",
                    "RevokeSecurityGroupIngress",
                    "RevokeSecurityGroupEgress",
                    "CreateSecurityGroup",
                    "DeleteSecurityGroup",
                ),
            ),
        ),
        Benchmark(
            "4.11",
            "network ACL changes",
            "nacl_changes_metric",
            (
                _any_event(
                    "CreateNetworkAcl",
                    "CreateNetworkAclEntry",
                    "DeleteNetworkAcl",
                    "DeleteNetworkAclEntry",
                    "ReplaceNetworkAclEntry",
                    "ReplaceNetworkAclAssociation",
                ),
            ),
        ),
        Benchmark(
            "4.12",
            "network gateway changes",
            "network_gw_changes_metric",
            (
                _any_event(
                    "CreateCustomerGateway",
                    "DeleteCustomerGateway",
                    "AttachInternetGateway",
                    "CreateInternetGateway",
                    "DeleteInternetGateway",
                    "DetachInternetGateway",
                ),
            ),
        ),
        Benchmark(
            "4.13",
            "route table changes",
            "route_table_changes_metric",
            (
                _any_event(*_ROUTE_EVENTS),
                # The audit procedure's text: only CreateRoute is qualified by the event source.
                "{($.eventSource = ec2.amazonaws.com) && "
                + " || ".join(f"($.eventName = {n})" for n in _ROUTE_EVENTS)
                + " }",
            ),
        ),
        Benchmark(
            "4.14",
            "VPC changes",
            "vpc_changes_metric",
            (
                _any_event(
                    "CreateVpc",
                    "DeleteVpc",
                    "ModifyVpcAttribute",
                    "AcceptVpcPeeringConnection",
                    "CreateVpcPeeringConnection",
                    "DeleteVpcPeeringConnection",
                    "RejectVpcPeeringConnection",
                    "AttachClassicLinkVpc",
                    "DetachClassicLinkVpc",
                    "DisableVpcClassicLink",
                    "EnableVpcClassicLink",
                ),
            ),
        ),
        Benchmark(
            "4.15",
            "AWS Organizations changes",
            "organizations_changes_metric",
            (
                _any_event(
                    *(
                        f'"{n}"'
                        for n in (
                            "AcceptHandshake",
                            "AttachPolicy",
                            "CreateAccount",
                            "CreateOrganizationalUnit",
                            "CreatePolicy",
                            "DeclineHandshake",
                            "DeleteOrganization",
                            "DeleteOrganizationalUnit",
                            "DeletePolicy",
                            "DetachPolicy",
                            "DisablePolicyType",
                            "EnablePolicyType",
                            "InviteAccountToOrganization",
                            "LeaveOrganization",
                            "MoveAccount",
                            "RemoveAccountFromOrganization",
                            "UpdatePolicy",
                            "UpdateOrganizationalUnit",
                        )
                    ),
                    source="organizations.amazonaws.com",
                ),
            ),
        ),
    )
}
