"""Bytes ↔ core: frameworks (YAML), assessments and reviews (canonical TOML), settings, locks, the
conflict file, the results cache, atomic writes and the readers' limits.

Rule: reads and writes files; imports only ``core``; never runs git.
"""
