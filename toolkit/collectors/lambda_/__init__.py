"""AWS Lambda: functions with their function URL and resource-based policy.

Per account and region: ListFunctions, paged at 50 functions a page (it answers each function's
configuration: runtime, role, VPC, KMS key, tracing, architectures). Then per function, run
concurrently: GetFunctionUrlConfig and GetPolicy, so 2 calls a function, fewer when fewer
columns are asked for. "No URL" and "no policy" (ResourceNotFoundException) become nulls here,
not errors. Whether the policy lets anyone invoke the function is judged with policyuniverse,
as the design names it.
"""

from ..discover import export_tables

export_tables(__name__, globals())
