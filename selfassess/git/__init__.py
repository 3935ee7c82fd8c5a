"""git itself: the one runner every git call goes through, and plumbing on top of it.

Rule: imports only ``core``; knows nothing of assessments or the workspace.
"""
