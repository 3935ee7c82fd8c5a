"""Framework colours as ``#rrggbb`` and the text colour that stays readable on each of them.

The one contrast rule (WCAG 2.2 AA, 1.4.3): :func:`text_on` gives near-black or white, whichever
contrasts more with the background, and pure black on the mid-tones where neither reaches 4.5:1, so
text on any colour reaches at least 4.5:1.

A framework names a colour with letters (a CSS colour name) or as ``#rrggbb``; an unknown name yields
None, so reports fall back to a neutral cell that still shows the grade's label.
"""

from __future__ import annotations

# The CSS named colours, as "name rrggbb" pairs (read best as one string split on spaces).
_NAMED = """
aliceblue f0f8ff antiquewhite faebd7 aqua 00ffff aquamarine 7fffd4 azure f0ffff beige f5f5dc
bisque ffe4c4 black 000000 blanchedalmond ffebcd blue 0000ff blueviolet 8a2be2 brown a52a2a
burlywood deb887 cadetblue 5f9ea0 chartreuse 7fff00 chocolate d2691e coral ff7f50
cornflowerblue 6495ed cornsilk fff8dc crimson dc143c cyan 00ffff darkblue 00008b darkcyan 008b8b
darkgoldenrod b8860b darkgray a9a9a9 darkgreen 006400 darkgrey a9a9a9 darkkhaki bdb76b
darkmagenta 8b008b darkolivegreen 556b2f darkorange ff8c00 darkorchid 9932cc darkred 8b0000
darksalmon e9967a darkseagreen 8fbc8f darkslateblue 483d8b darkslategray 2f4f4f
darkslategrey 2f4f4f darkturquoise 00ced1 darkviolet 9400d3 deeppink ff1493 deepskyblue 00bfff
dimgray 696969 dimgrey 696969 dodgerblue 1e90ff firebrick b22222 floralwhite fffaf0
forestgreen 228b22 fuchsia ff00ff gainsboro dcdcdc ghostwhite f8f8ff gold ffd700 goldenrod daa520
gray 808080 green 008000 greenyellow adff2f grey 808080 honeydew f0fff0 hotpink ff69b4
indianred cd5c5c indigo 4b0082 ivory fffff0 khaki f0e68c lavender e6e6fa lavenderblush fff0f5
lawngreen 7cfc00 lemonchiffon fffacd lightblue add8e6 lightcoral f08080 lightcyan e0ffff
lightgoldenrodyellow fafad2 lightgray d3d3d3 lightgreen 90ee90 lightgrey d3d3d3 lightpink ffb6c1
lightsalmon ffa07a lightseagreen 20b2aa lightskyblue 87cefa lightslategray 778899
lightslategrey 778899 lightsteelblue b0c4de lightyellow ffffe0 lime 00ff00 limegreen 32cd32
linen faf0e6 magenta ff00ff maroon 800000 mediumaquamarine 66cdaa mediumblue 0000cd
mediumorchid ba55d3 mediumpurple 9370db mediumseagreen 3cb371 mediumslateblue 7b68ee
mediumspringgreen 00fa9a mediumturquoise 48d1cc mediumvioletred c71585 midnightblue 191970
mintcream f5fffa mistyrose ffe4e1 moccasin ffe4b5 navajowhite ffdead navy 000080 oldlace fdf5e6
olive 808000 olivedrab 6b8e23 orange ffa500 orangered ff4500 orchid da70d6 palegoldenrod eee8aa
palegreen 98fb98 paleturquoise afeeee palevioletred db7093 papayawhip ffefd5 peachpuff ffdab9
peru cd853f pink ffc0cb plum dda0dd powderblue b0e0e6 purple 800080 rebeccapurple 663399
red ff0000 rosybrown bc8f8f royalblue 4169e1 saddlebrown 8b4513 salmon fa8072 sandybrown f4a460
seagreen 2e8b57 seashell fff5ee sienna a0522d silver c0c0c0 skyblue 87ceeb slateblue 6a5acd
slategray 708090 slategrey 708090 snow fffafa springgreen 00ff7f steelblue 4682b4 tan d2b48c
teal 008080 thistle d8bfd8 tomato ff6347 turquoise 40e0d0 violet ee82ee wheat f5deb3 white ffffff
whitesmoke f5f5f5 yellow ffff00 yellowgreen 9acd32
""".split()
NAMED = dict(zip(_NAMED[::2], _NAMED[1::2], strict=True))
_HEX = set("0123456789abcdef")
DARK_TEXT = "#111111"
LIGHT_TEXT = "#ffffff"
BLACK_TEXT = "#000000"
MINIMUM_CONTRAST = 4.5  # WCAG 2.2 AA for normal-size text


def hex_colour(colour: str) -> str | None:
    """``#rrggbb`` (lower case) for a framework colour, or None when it is not one we know."""
    value = colour.strip().lower()
    if len(value) == 7 and value.startswith("#") and set(value[1:]) <= _HEX:
        return value
    named = NAMED.get(value)
    return f"#{named}" if named else None


def _luminance(hex_value: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = []
    for i in (1, 3, 5):
        c = int(hex_value[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two ``#rrggbb`` colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(background: str) -> str:
    """The text colour for ``background`` (``#rrggbb``): at least 4.5:1 contrast on any colour.

    Near-black or white, whichever contrasts more; where neither reaches 4.5:1 (mid-tones such as
    ``#777777``, where white gives below 4.5:1), pure black, which then gives more than 4.6:1.
    """
    dark, light = contrast(background, DARK_TEXT), contrast(background, LIGHT_TEXT)
    if max(dark, light) >= MINIMUM_CONTRAST:
        return DARK_TEXT if dark >= light else LIGHT_TEXT
    return BLACK_TEXT
