"""Rows written once: a model whose `save` refuses to change a stored row (a database trigger,
`mgplatform.db_triggers.immutable_rows`, refuses it too; this gives the clearer error first)."""

from django.db import models


class ImmutableRowError(Exception):
    pass


class ImmutableModel(models.Model):
    immutable_message = "This row cannot be changed; create a new one."
    immutable_error: type[ImmutableRowError] = ImmutableRowError

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise self.immutable_error(self.immutable_message)
        super().save(*args, **kwargs)
