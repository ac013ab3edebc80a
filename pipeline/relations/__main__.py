"""``python -m pipeline.relations``: the relations stage's command line (see ``stage``)."""

from pipeline import cli
from pipeline.relations.stage import main

if __name__ == "__main__":
    cli.finish(main())
