"""EKS checks: FSBP EKS.1 (public endpoint), EKS.2 (supported Kubernetes version, with the
control's oldestVersionSupported parameter), EKS.3 (secrets encryption) and EKS.8 (audit
logging).

Clusters are named by their name (unique in an account and region). Clusters on their way out
(DELETING) are not judged.
"""
