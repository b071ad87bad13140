"""The sandbox's CloudFront patch still meets the moto it patches, and makes moto's model keep
what AWS answers: an S3 origin's configuration and origin access control, and a custom viewer
certificate's source."""

from __future__ import annotations

from toolkit.sandbox import cloudfront_answers


def test_origins_and_certificates_keep_what_aws_answers() -> None:
    from moto.cloudfront import models

    cloudfront_answers.install()
    cloudfront_answers.install()  # once is enough; twice changes nothing
    s3 = models.Origin(
        {
            "Id": "site",
            "DomainName": "bucket.s3.us-east-1.amazonaws.com",
            "S3OriginConfig": {"OriginAccessIdentity": ""},
            "OriginAccessControlId": "E1OAC",
        }
    )
    assert s3.s3_origin_config == {"OriginAccessIdentity": ""}
    assert s3.origin_access_control_id == "E1OAC"
    web = models.Origin(
        {"Id": "web", "DomainName": "example.com", "CustomOriginConfig": {"HTTPPort": 80}}
    )
    assert not hasattr(web, "s3_origin_config")
    assert web.origin_access_control_id == ""
    arn = "arn:aws:acm:us-east-1:111111111111:certificate/c"
    custom = models.ViewerCertificate({"ACMCertificateArn": arn, "SSLSupportMethod": "vip"})
    assert (custom.cloud_front_default_certificate, custom.certificate_source) == (False, "acm")
    assert custom.certificate == arn
    default = models.ViewerCertificate({})
    assert (default.cloud_front_default_certificate, default.certificate_source) == (
        True,
        "cloudfront",
    )
