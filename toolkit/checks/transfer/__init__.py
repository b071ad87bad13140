"""Transfer Family checks: FSBP Transfer.2 (no FTP endpoint) and Transfer.3 (connectors log).

Servers and connectors are named by the id AWS gave them (s-..., c-...).
"""
