"""Route 53 checks: FSBP Route53.2 (public hosted zones log DNS queries).

Zones are named by their id (names may repeat between a public and a private zone). Private
zones are not judged, as AWS Config's route53-query-logging-enabled does not judge them.
"""
