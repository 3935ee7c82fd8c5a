"""Plain data and the rules on it: the model, errors, ids, periods, the vocabulary, merging of values,
the text gate, colours and cell widths.

Rule: standard library only, no I/O. Everything else in selfassess may import from here.
"""
