"""AWS Certificate Manager: certificates ACM issues (DNS-validated; the sandbox issues them at
once) and certificates imported into it, self-signed here with the key the estate names and the
days left until they expire.

Seeded before ELBv2, whose HTTPS listeners name a certificate by its domain
(``certificate_arns``). Imported certificates expire when the estate says, counted from the
seeding: an estate's passing certificates keep hundreds of days, its failing ones a few.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

ACM_CERTIFICATE = {
    "domain": str,
    "region": str,
    #: Other names it covers.
    "alternative_names": [str],
    #: Absent: ACM issues it. Present: imported, made with this key and expiring in ``days``.
    "imported": {"key": str, "days": int},
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"acm_certificates": [ACM_CERTIFICATE]}
ROWS_BY_ACCOUNT = {"acm_certificates": "certificate_id"}
#: The estate's key names: RSA_<bits> or EC_<curve>, as ACM names key algorithms.
EC_CURVES = ("prime256v1", "secp384r1", "secp521r1")


@dataclass
class AcmTruth:
    acm_certificates: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """Request or import each certificate of the account."""
    made = certificate_arns(seeder, account_id)
    now = datetime.now(UTC).replace(microsecond=0)
    for certificate in spec.get("acm_certificates", []):
        region = certificate.get("region", seeder.regions[0])
        acm = seeder.client(session, "acm", region)
        names = certificate.get("alternative_names", [])
        imported = certificate.get("imported")
        expires = None
        if imported:
            expires = now + timedelta(days=imported["days"])
            body, key = self_signed(certificate["domain"], names, imported["key"], expires)
            arn = acm.import_certificate(Certificate=body, PrivateKey=key)["CertificateArn"]
        else:
            arn = acm.request_certificate(
                DomainName=certificate["domain"],
                ValidationMethod="DNS",
                **({"SubjectAlternativeNames": names} if names else {}),
            )["CertificateArn"]
        made[(region, certificate["domain"])] = arn
        certificate_id = arn.rsplit("/", 1)[1]
        seeder.truth.acm_certificates.append(
            {
                "account_id": account_id,
                "region": region,
                "certificate_id": certificate_id,
                "arn": arn,
                "domain": certificate["domain"],
                "alternative_names": sorted({certificate["domain"], *names}),
                "type": "IMPORTED" if imported else "AMAZON_ISSUED",
                # ACM issues RSA 2048 keys unless asked otherwise.
                "key_algorithm": imported["key"] if imported else "RSA_2048",
                "not_after": expires.isoformat() if expires else None,
            }
        )
        seeder.plant(
            certificate.get("planted"), account_id, region, certificate_id, "acm_certificate"
        )


def certificate_arns(seeder: Seeder, account_id: str) -> dict[tuple[str, str], str]:
    """(region, domain) -> ARN of the certificates seeded in the account."""
    return seeder.memo("acm.certificate_arns").setdefault(account_id, {})


def self_signed(
    domain: str, names: list[str], key_name: str, not_after: datetime
) -> tuple[str, str]:
    """A self-signed certificate for ``domain`` (and ``names``) with a ``key_name`` key
    (RSA_1024, EC_prime256v1, ...), valid from a year before now until ``not_after``; the
    certificate and its key, PEM."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.x509.oid import NameOID

    kind, _, size = key_name.partition("_")
    if kind == "RSA":
        key: Any = rsa.generate_private_key(public_exponent=65537, key_size=int(size))
    elif kind == "EC" and size in EC_CURVES:
        curve = {"prime256v1": ec.SECP256R1, "secp384r1": ec.SECP384R1, "secp521r1": ec.SECP521R1}
        key = ec.generate_private_key(curve[size]())
    else:
        raise ValueError(f"unknown key {key_name!r}; use RSA_<bits> or EC_<curve>")
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
    dns = [x509.DNSName(name) for name in dict.fromkeys([domain, *names])]
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(min(not_after, datetime.now(UTC)) - timedelta(days=365))
        .not_valid_after(not_after)
        .add_extension(x509.SubjectAlternativeName(dns), critical=False)
        .sign(key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    return (
        certificate.public_bytes(pem).decode(),
        key.private_bytes(
            pem, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
        ).decode(),
    )
