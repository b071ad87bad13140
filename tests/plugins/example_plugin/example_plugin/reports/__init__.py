"""Reports of the example plugin: each ``*.ipynb`` notebook here is one."""
