"""Amazon SageMaker AI: notebook instances, models and endpoint configurations, with the network
and redundancy settings the FSBP SageMaker controls judge.

Per account and region: ListNotebookInstances, ListModels and ListEndpointConfigs (paged at 100,
AWS's maximum), then per item, only when a column that needs it is asked for, one
DescribeNotebookInstance, DescribeModel or DescribeEndpointConfig.
"""

from ..discover import export_tables

export_tables(__name__, globals())
