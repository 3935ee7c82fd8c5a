"""The fill screen: one district fills in one period's assessment, criterion by criterion."""
