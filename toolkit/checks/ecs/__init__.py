"""ECS checks: FSBP ECS.3 (host PID mode), ECS.4 (privileged containers), ECS.5 (read-only root
file systems), ECS.8 (credentials in environment variables), ECS.9 (logging configuration) on
task definitions, and ECS.12 (Container Insights) on clusters; none has a customizable
parameter.

As FSBP evaluates them, only each family's latest active revision is judged; a task definition
is named FAMILY:REVISION, and a FAIL names the containers at fault.
"""
