"""``python -m toolkit.sandbox PORT CONFIG``: the sandbox's child server process."""

import json
import sys

from .server import serve

serve(int(sys.argv[1]), json.loads(sys.argv[2]))
