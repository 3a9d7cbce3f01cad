"""Build the place gazetteer ahead of its first use, showing its steps:

    python -m tocsin.knowledge.prepare        # what `make demo` and `make install` run

Without it, the first `Gazetteer.load()` builds the tables into tocsin's cache folder itself.
"""

from __future__ import annotations

import logging
import sys

from tocsin.knowledge.gazetteer import gazetteer_folder

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="    %(message)s", stream=sys.stderr)
    logging.getLogger(__name__).info("gazetteer: %s", gazetteer_folder())
