"""The home screen: each district's recent periods, their status and completion."""
