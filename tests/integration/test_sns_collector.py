"""SNS topics' access policies as seeded, and the SNS.4 check: it FAILs exactly the planted
topic. (The topics table itself is compared with a boto3 census in
test_monitoring_collector.py, which reads every topic, these included.)"""

from __future__ import annotations

import json

import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table

import toolkit
from toolkit.inventory import Inventory
from toolkit.policies import is_public
from toolkit.sandbox import Sandbox

TABLE = "sns.topics"
CHECKS = ("sns_topic_policy_public",)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), tables=[TABLE], progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["topic_arn"])


def test_policies_are_what_boto3_reads_and_what_was_seeded(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    topics = inventory[TABLE].set_index("topic_arn")
    seeded = [t for t in sandbox.truth.sns_topics if "access" in t]
    assert {t["access"] for t in seeded} == {"public", "organization"}
    for topic in sandbox.truth.sns_topics:
        session = sandbox.boto3_session(topic["account_id"])
        sns = sandbox.client(session, "sns", topic["region"])
        policy = sns.get_topic_attributes(TopicArn=topic["arn"])["Attributes"]["Policy"]
        row = topics.loc[topic["arn"]]
        assert json.loads(row["policy"]) == json.loads(policy)
        access = topic.get("access", "default")
        assert is_public(policy) == (access == "public"), topic["name"]
        if access == "organization":
            statement = json.loads(policy)["Statement"][0]
            org = statement["Condition"]["StringEquals"]["aws:PrincipalOrgID"]
            assert org == sandbox.truth.organization_id


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_topics(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
