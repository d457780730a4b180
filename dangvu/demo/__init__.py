"""Demo data: the reference organization's records. Each later part adds its step here.

This package is an installed app, imported while Django fills its registry, before any model can
be imported: each step imports its module when it runs.
"""


def _foundation(stdout):
    from .foundation import load

    load(stdout)


def _work(stdout):
    from .work import load

    load(stdout)


def _documents(stdout):
    from .documents import load

    load(stdout)


def _finance(stdout):
    from .finance import load

    load(stdout)


def _report(stdout):
    from .report import load

    load(stdout)


# Run in order by `load_demo`; each step is idempotent on its own. The report comes last: its
# narrative draws on the facts of every other part.
STEPS = [_foundation, _work, _documents, _finance, _report]
