"""Gapless counters.

Invariant: ``last_value`` only grows by one inside the transaction that uses the number,
under a row lock; a rolled-back transaction rolls the counter back too, so numbers have
no gaps (unlike database sequences).

The chain counter (``ledger:chain``) also keeps ``head_hash``, the hash of the entry at
its position, so that posting reads the previous hash in the same statement that takes
the next position.
"""

from django.db import models


class Sequence(models.Model):
    key = models.CharField(max_length=40, primary_key=True)
    last_value = models.BigIntegerField(default=0)
    head_hash = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        verbose_name = "sequence"

    def __str__(self) -> str:
        return f"{self.key}={self.last_value}"
