"""The workspace: finding it, its settings, frameworks and assessment files, new workspaces, and the
git drivers registered in it.

Rule: paths and files of one workspace; imports ``formats``, ``git`` and ``core`` only.
"""
