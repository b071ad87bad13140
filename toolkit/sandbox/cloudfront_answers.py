"""moto's CloudFront distributions completed where AWS says more, patched into moto's model in
the server process (``install``, called beside ``moto_speedups.install``):

- an S3 origin: AWS answers its ``S3OriginConfig`` (with the origin access identity, empty
  when none) and every origin's ``OriginAccessControlId`` (empty when none); moto keeps
  neither, so that an S3 origin cannot be told from a custom one, nor one with origin access
  control from one without;
- a viewer certificate from ACM or IAM: AWS says ``CloudFrontDefaultCertificate`` false, the
  ``CertificateSource`` (``acm`` or ``iam``) and the ``Certificate``; moto says the
  distribution uses CloudFront's default certificate whatever it was given.

moto's answers are made from its model objects' attributes, so the patch keeps what the
request said on the objects and the answers (ListDistributions, GetDistribution,
GetDistributionConfig) follow. ``tests/unit/test_cloudfront_answers.py`` fails when moto's names
move.
"""

from __future__ import annotations

from typing import Any

_installed: list[bool] = []


def install() -> None:
    """Patch moto's CloudFront origin and viewer certificate in this process (once)."""
    if _installed:
        return
    from moto.cloudfront import models

    origin_init = models.Origin.__init__
    certificate_init = models.ViewerCertificate.__init__

    def origin(self: Any, config: dict[str, Any]) -> None:
        origin_init(self, config)
        s3 = config.get("S3OriginConfig")
        if s3 is not None:
            self.s3_origin_config = {"OriginAccessIdentity": s3.get("OriginAccessIdentity") or ""}
        self.origin_access_control_id = config.get("OriginAccessControlId") or ""

    def certificate(self: Any, config: dict[str, Any]) -> None:
        certificate_init(self, config)
        custom = self.acm_certificate_arn or self.iam_certificate_id
        if custom:
            self.cloud_front_default_certificate = False
            self.certificate_source = "acm" if self.acm_certificate_arn else "iam"
            self.certificate = custom

    models.Origin.__init__ = origin  # type: ignore[method-assign]
    models.ViewerCertificate.__init__ = certificate  # type: ignore[method-assign]
    _installed.append(True)
