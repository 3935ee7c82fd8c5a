"""What selfassess computes and decides: combining districts, diffs, history, checks and the rule for
done, validate, submit, review, the fill session, privacy, sync, verify and sign-off.

Rule: no user interface (no click, no Textual); imports ``workspace``, ``formats``, ``git`` and ``core``.
"""
