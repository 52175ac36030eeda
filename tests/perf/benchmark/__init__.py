"""The benchmark: a national-scale data set in a throwaway database, and the heavy pages timed on it.

A measuring tool, not part of the app: it reaches into every app (through their
public demo seeding functions and models). `manage.py benchmark` is a thin entry
point in reporting/management/commands/benchmark.py; the command is `command.Command`.
"""
