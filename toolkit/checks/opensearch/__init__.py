"""OpenSearch checks: FSBP Opensearch.1 to .8, evaluated on OpenSearch Service domains (both
engines) as AWS's control pages describe them (with FSBP's default parameters).

Domains are named by their name (unique in an account and region).
"""
