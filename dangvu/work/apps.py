from django.apps import AppConfig


class WorkConfig(AppConfig):
    """What the record apps (meetings, mobilisation, training, oversight, review, programme)
    share: their input checks and figure helper (`common`), and the migrations that created the
    tables they now own (`moves`)."""

    name = "dangvu.work"
    label = "work"
    verbose_name = "Công tác"
