"""AWS CodeBuild: build projects, with their sources, environment variables (names and types,
never values) and logs.

Per account and region: ListProjects (paged), then BatchGetProjects for up to 100 projects a
call. Nothing is fetched per project.
"""

from ..discover import export_tables

export_tables(__name__, globals())
