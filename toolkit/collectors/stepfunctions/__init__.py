"""AWS Step Functions: state machines, with their logging, tracing and encryption.

Per account and region: ListStateMachines, paged. Then per state machine,
DescribeStateMachine: 1 call a state machine, none when only the list's columns are asked for.
A state machine deleted between the two calls has no row.
"""

from ..discover import export_tables

export_tables(__name__, globals())
