"""Data Firehose checks: FSBP DataFirehose.1 (encrypted at rest).

Streams are named by their name (unique in an account and region).
"""
