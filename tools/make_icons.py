"""Draw the app icon (a negotiation range: two bars meeting in a green zone) and write it
for each platform: PNG (Linux, the window), ICO (Windows), ICNS (macOS).

    .venv/bin/python tools/make_icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"


def draw(size: int = 512) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    s = size / 512
    d.rounded_rectangle((16 * s, 16 * s, 496 * s, 496 * s), radius=96 * s, fill="#1f3b57")
    d.rectangle((200 * s, 120 * s, 330 * s, 392 * s), fill="#2ca02c")
    d.rounded_rectangle((80 * s, 170 * s, 330 * s, 230 * s), radius=30 * s, fill="#5aa9e6")
    d.rounded_rectangle((200 * s, 282 * s, 432 * s, 342 * s), radius=30 * s, fill="#f0a35e")
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "salesdesk.png")
    image.save(OUT / "salesdesk.ico", sizes=[(16, 16), (32, 32), (48, 48), (256, 256)])
    image.save(OUT / "salesdesk.icns")
    for path in sorted(OUT.iterdir()):
        print(path)


if __name__ == "__main__":
    main()
