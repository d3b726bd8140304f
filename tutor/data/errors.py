"""The one error the data layer raises: a dataset that cannot be had, with a message that says why."""
from __future__ import annotations


class DataUnavailable(Exception):
    """A dataset is missing, corrupted or could not be downloaded. str(exc) is for the learner."""
