"""Redshift checks: FSBP Redshift.1, .3, .4, .6, .7, .8 and .10, evaluated on provisioned
clusters as AWS's control pages describe them (with FSBP's default parameters).

Clusters are named by their identifier (unique in an account and region). Clusters on their
way out (deleting, final-snapshot) are not judged.
"""
