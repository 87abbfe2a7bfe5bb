import sys

from lc_metrics.cli import main

sys.exit(main())
