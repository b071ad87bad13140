"""One seeder per AWS service: what an estate may say about the service, how it is made through
the AWS APIs, and what of it the ground truth records.

A new service is one seeder module + its estate YAML keys + its truth fields:

1. Write ``seeders/<service>.py`` (``kms.py`` is the smallest example) holding:

   - its estate keys, as a schema in the language of ``schema.py``: ``ACCOUNT_SCHEMA`` for keys
     in each ``accounts.<key>`` mapping, ``SCHEMA`` for top-level keys (``identity_center``).
     Give every resource ``"planted": PLANTED``. A ``check(estate, source)`` may add what a
     schema cannot say (``organizations`` checks account keys);
   - its truth fields: a dataclass ``<Service>Truth`` whose fields all have defaults (rows are
     dicts with ``account_id``, ``region`` and the id AWS gave), and ``ROWS_BY_ACCOUNT``
     naming each list appended per account and the field that orders it within an account
     (with ``seed_workers`` above 1, accounts are seeded on threads, in any order);
   - its seeding: ``seed_account(seeder, session, account_id, spec)`` for a step in each
     account, or ``seed(seeder)`` for a step over the whole estate. Make each resource with
     ``seeder.client(session, "<service>", region)``, append its row to ``seeder.truth`` and
     call ``seeder.plant(...)`` with what the YAML marks ``planted``.

2. Register it: the module in ``SERVICES``, its steps in ``FIRST``, ``PER_ACCOUNT`` or ``LAST``
   below, and its Truth class among ``GroundTruth``'s bases in ``truth.py``.

3. Use the keys in ``toolkit/data/estates/demo.yaml``, with a misconfiguration planted, so the
   tests that compare findings with the truth cover the service.

The order of steps is the order of API calls, and moto draws every id from one seeded random
stream: keep the existing steps in their order. A new step changes the ids of whatever is
seeded after it; the truth follows, and saved estates are re-keyed by the sources.
"""

from __future__ import annotations

from . import (
    access,
    accessanalyzer,
    acm,
    acm_pca,
    apigateway,
    appsync,
    athena,
    autoscaling,
    cloudformation,
    cloudfront,
    cloudtrail,
    codebuild,
    config,
    dms,
    dynamodb,
    ec2,
    ec2_compute,
    ec2_peering,
    ecr,
    ecs,
    efs,
    eks,
    elasticache,
    elb,
    elbv2,
    emr,
    events,
    firehose,
    guardduty,
    iam,
    inspector2,
    kinesis,
    kms,
    lambda_,
    macie2,
    monitoring,
    mq,
    neptune,
    opensearch,
    organizations,
    rds,
    redshift,
    route53,
    s3,
    sagemaker,
    secretsmanager,
    securityhub,
    service_interfaces,
    sns,
    sqs,
    ssm,
    sso,
    stepfunctions,
    transfer,
    wafv2,
)

#: Every service seeder: their schemas make the estate schema, their truths the ground truth.
SERVICES = (
    organizations,
    s3,
    iam,
    ec2,
    kms,
    cloudtrail,
    rds,
    lambda_,
    sso,
    efs,
    config,
    accessanalyzer,
    securityhub,
    guardduty,
    service_interfaces,
    monitoring,
    acm,
    elbv2,
    dynamodb,
    sqs,
    secretsmanager,
    ec2_peering,
    ecr,
    eks,
    ecs,
    cloudfront,
    apigateway,
    wafv2,
    redshift,
    opensearch,
    elasticache,
    ec2_compute,
    autoscaling,
    sns,
    route53,
    ssm,
    kinesis,
    firehose,
    stepfunctions,
    events,
    athena,
    mq,
    sagemaker,
    codebuild,
    emr,
    neptune,
    macie2,
    inspector2,
    acm_pca,
    elb,
    cloudformation,
    appsync,
    dms,
    transfer,
    access,
)
#: Steps over the whole estate before any account is seeded (the accounts are made here).
FIRST = (organizations.seed,)
#: Steps in each account, in this order: a step may use what an earlier one made (buckets for
#: trails and flow logs, roles for instances and functions, keys for buckets and trails, VPCs
#: for databases and functions).
PER_ACCOUNT = (
    s3.seed_account,
    iam.seed_account,
    ec2.seed_vpcs,
    kms.seed_account,
    s3.seed_bucket_keys,
    ec2.seed_volumes,
    cloudtrail.seed_account,
    rds.seed_account,
    lambda_.seed_account,
    efs.seed_account,
    config.seed_account,
    iam.seed_server_certificates,
    accessanalyzer.seed_account,
    securityhub.seed_account,
    guardduty.seed_account,
    monitoring.seed_account,
    acm.seed_account,
    elbv2.seed_account,
    dynamodb.seed_account,
    sqs.seed_account,
    secretsmanager.seed_account,
    ec2_peering.seed_account,
    ecr.seed_account,
    eks.seed_account,
    ecs.seed_account,
    cloudfront.seed_account,
    apigateway.seed_account,
    redshift.seed_account,
    opensearch.seed_account,
    elasticache.seed_account,
    ec2_compute.seed_account,
    autoscaling.seed_account,
    s3.seed_bucket_protection,
    sns.seed_account,
    route53.seed_account,
    ssm.seed_account,
    kinesis.seed_account,
    firehose.seed_account,
    stepfunctions.seed_account,
    events.seed_account,
    athena.seed_account,
    mq.seed_account,
    sagemaker.seed_account,
    codebuild.seed_account,
    emr.seed_account,
    neptune.seed_account,
    rds.seed_event_subscriptions,
    macie2.seed_account,
    inspector2.seed_account,
    acm_pca.seed_account,
    elb.seed_account,
    cloudformation.seed_account,
    appsync.seed_account,
    dms.seed_account,
    transfer.seed_account,
)
#: Steps over the whole estate once every account is seeded.
LAST = (sso.seed, ec2.seed_default_networks, service_interfaces.seed, access.seed)
