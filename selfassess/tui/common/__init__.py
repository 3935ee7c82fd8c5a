"""What every screen shares: text made safe, how a grade looks, dialogs, help, the palette, base screen."""
