"""Amazon MQ checks: FSBP MQ.2 (ActiveMQ brokers stream audit logs to CloudWatch).

Brokers are named by their name (unique in an account and region).
"""
