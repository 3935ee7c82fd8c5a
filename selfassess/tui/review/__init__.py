"""The review screen: every district's ratings for one period as a heat map, and its drill-downs."""
