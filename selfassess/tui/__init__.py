"""The Textual screens: home, fill, review and diff. Imported only by the commands that open them."""
