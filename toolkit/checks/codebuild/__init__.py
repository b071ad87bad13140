"""CodeBuild checks: FSBP CodeBuild.1 (no credentials in Bitbucket source URLs), CodeBuild.2
(no AWS keys in plain-text environment variables), CodeBuild.3 (S3 logs encrypted) and
CodeBuild.4 (some build logging on).

Projects are named by their name (unique in an account and region). The table never holds a
secret: source URLs keep ``***`` for their user info and a flag saying whether it carried a
password or token; environment variables keep names and types only.
"""
