"""Make winnetlab/data/fonts/WinnetlabHangul-{Regular,Bold}.ttf, the Korean figures' font.

    apt-get install fonts-nanum && python tools/make_hangul_font.py

The font is NanumGothic (© 2010 NAVER Corporation, SIL Open Font License 1.1) cut down to
the 2,350 Hangul syllables of KS X 1001 (every syllable in everyday Korean text), the
compatibility jamo and a few punctuation marks, without hinting: about 0.7 MB per weight
instead of 4.6 MB.  The OFL reserves the name "NanumGothic" for the original, so the subset
is renamed "Winnetlab Hangul" (OFL §3); the licence ships beside it as OFL.txt.
Figures use it only as a fallback after DejaVu Sans, so Latin text looks as before.
"""

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = Path("/usr/share/fonts/truetype/nanum")
TARGET = Path(__file__).resolve().parent.parent / "winnetlab" / "data" / "fonts"
FAMILY = "Winnetlab Hangul"


def characters():
    """The KS X 1001 Hangul syllables, the compatibility jamo and Korean punctuation."""
    syllables = (chr(c) for c in range(0xAC00, 0xD7A4))
    text = "".join(s for s in syllables if len(s.encode("euc-kr", errors="ignore")) == 2)
    return text + "".join(chr(c) for c in range(0x3131, 0x318F)) + "·…‘’“”「」『』〈〉《》※"


def make(source, style):
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters())
    subsetter.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 3, 4, 6, 16, 17):
            names.removeNames(nameID=record.nameID)
    full = f"{FAMILY} {style}"
    ids = (
        (1, FAMILY),
        (2, style),
        (3, f"{full}; subset of NanumGothic"),
        (4, full),
        (6, full.replace(" ", "")),
    )
    for name_id, value in ids:
        names.setName(value, name_id, 3, 1, 0x409)
    font["OS/2"].usWeightClass = 700 if style == "Bold" else 400  # NanumGothicBold says 600
    target = TARGET / f"{FAMILY.replace(' ', '')}-{style}.ttf"
    font.save(target)
    return target


if __name__ == "__main__":
    TARGET.mkdir(parents=True, exist_ok=True)
    for file, style in (("NanumGothic.ttf", "Regular"), ("NanumGothicBold.ttf", "Bold")):
        path = make(SOURCE / file, style)
        print(f"{path}: {path.stat().st_size:,} bytes")
