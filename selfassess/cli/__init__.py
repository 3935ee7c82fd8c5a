"""The command line: the click group and its commands, terminal text, and git's driver entry points.

Rule: the top layer; may import anything below. Nothing below it imports click. Kept light: importing
this package imports nothing, so git's drivers start fast.
"""
