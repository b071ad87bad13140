"""DynamoDB checks: FSBP DynamoDB.2 (point-in-time recovery) and DynamoDB.6 (deletion
protection), both without parameters.

Tables are named by their name (unique in an account and region). Tables on their way out
(DELETING) are not judged.
"""
