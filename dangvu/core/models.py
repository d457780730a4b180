"""The base of every model of the apps (abstract: no table of its own)."""

from django.db import models
from django.db.models.base import ModelBase


class _VietnameseNames(ModelBase):
    # Vietnamese nouns have no plural form: a model's plural name is its name. Django would add
    # an "s" (`Options.verbose_name_plural`); set here, before Django reads `Meta`, it is the
    # same option a migration already records, so no migration changes.
    def __new__(mcs, name, bases, attrs, **kwargs):
        meta = attrs.get("Meta")
        if hasattr(meta, "verbose_name") and not hasattr(meta, "verbose_name_plural"):
            meta.verbose_name_plural = meta.verbose_name
        return super().__new__(mcs, name, bases, attrs, **kwargs)


class DangvuModel(models.Model, metaclass=_VietnameseNames):
    """A model named in Vietnamese: `Meta.verbose_name` is also its plural name."""

    class Meta:
        abstract = True


def optional_ref(to, verbose_name: str, *, related_name: str = "+", **options) -> models.ForeignKey:
    """A reference a record may leave empty (null and blank). PROTECT: a record still named by
    another is never deleted under it, so what the history names stays there."""
    return models.ForeignKey(
        to,
        models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
        **options,
    )
