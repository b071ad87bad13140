"""Kinesis checks: FSBP Kinesis.1 (encrypted at rest) and Kinesis.3 (retention period).

Streams are named by their name (unique in an account and region).
"""
