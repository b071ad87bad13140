"""Frameworks of the example plugin: each ``*.yaml`` file here is one."""
