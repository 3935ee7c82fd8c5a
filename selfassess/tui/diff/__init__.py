"""The diff screen: what changed in one district's assessment between two periods."""
