"""Demo data: the reference organization's records. Each later part adds its step here."""


def _foundation(stdout):
    from .foundation import load

    load(stdout)


# Run in order by `load_demo`; each step is idempotent on its own.
STEPS = [_foundation]
