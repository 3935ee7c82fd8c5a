"""The screens: home, fill, review, diff."""
