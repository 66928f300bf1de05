"""``python -m ogi.perturb GOLD_DIR [--damage NAME …] [--seed N] [--json]`` (see :mod:`ogi.perturb.cli`)."""

from ogi.perturb.cli import main

raise SystemExit(main())
