"""``python -m mildip.evaluate``: see :mod:`mildip.evaluate.command`."""

import sys

from mildip.evaluate.command import main

sys.exit(main())
