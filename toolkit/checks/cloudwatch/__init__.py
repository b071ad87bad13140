"""CloudWatch checks: the monitoring recommendations of CIS AWS Foundations v3.0.0 section 4
(4.1 to 4.15), one check each, judged per account by the benchmark's audit procedure: a
multi-region trail delivering all management events to CloudWatch Logs, a metric filter with the
benchmark's pattern on its log group, an alarm on the filter's metric and an SNS topic with a
confirmed subscription (``_shared``); the patterns are compared in normal form
(``filter_pattern``), so that a filter written differently but meaning the same still counts.
"""
