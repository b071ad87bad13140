"""Lambda checks: who can invoke a function from outside, and whether its runtime still gets
security patches. Functions are named by their name (their ARN is the resource ARN)."""
