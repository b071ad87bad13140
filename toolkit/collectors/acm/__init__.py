"""AWS Certificate Manager: the account's certificates, ACM-issued and imported.

Per account and region: ListCertificates, paged at 1000 certificates a page, asking for every
key type (by default AWS lists only RSA_1024 and RSA_2048 certificates, hiding EC and larger
RSA keys); it answers each certificate's domain, status, type, key algorithm, expiry, whether it
is in use and whether ACM can renew it. Then per certificate, DescribeCertificate: 1 call a
certificate, none when none of its columns (what uses it, alternative names, issuer) is asked
for.
"""

from ..discover import export_tables

export_tables(__name__, globals())
