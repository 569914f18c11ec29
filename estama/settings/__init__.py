"""Settings split by environment: ``base`` (everything, from the environment),
``local`` (the default for manage.py), ``test`` and ``production``."""
