"""Amazon Inspector checks: AWS Foundational Security Best Practices Inspector.1-4 (EC2, ECR,
Lambda code and Lambda standard scanning enabled), one result per account and region."""
