"""Illustrations drawn at load time with Pillow: scenes and emblems, never text.

Demo content has no photographs of its own, and it must not pass a drawing off as one
or paint words into a picture (a screen reader cannot read them, a translation cannot
change them). So every picture here is a flat, poster-like scene in the palette of what
it stands for (a Revival house, a stone bridge, a fortress wall, a festival meadow) or a
coat-of-arms style emblem; what it shows, and that it is an illustration, is said in the
alt text and the caption the loaders give it. Drawing is deterministic (a seed per
picture) and cached, so loading the demo twice in one process draws each picture once.
"""

import functools
import io
import math
import random
import tempfile
from pathlib import Path

import imageio_ffmpeg
from PIL import Image, ImageDraw, ImageFilter

SIZE = (960, 640)

# Palettes: sky top, sky bottom, land, accent, wall, roof.
PALETTES = {
    "revival": ((118, 170, 214), (226, 236, 244), (92, 128, 70), (168, 60, 40), (244, 236, 220), (150, 70, 45)),
    "blue-house": ((96, 150, 205), (214, 230, 245), (84, 120, 64), (40, 80, 150), (70, 110, 170), (130, 64, 40)),
    "ochre": ((130, 175, 215), (235, 238, 240), (100, 135, 72), (190, 140, 40), (224, 180, 96), (140, 70, 40)),
    "stone": ((150, 180, 210), (228, 232, 236), (96, 124, 80), (120, 110, 100), (196, 188, 172), (110, 100, 90)),
    "meadow": ((90, 160, 220), (210, 232, 246), (110, 160, 70), (200, 40, 40), (250, 250, 245), (180, 120, 60)),
    "dusk": ((60, 60, 110), (236, 170, 120), (70, 80, 70), (240, 200, 120), (210, 200, 190), (120, 60, 60)),
    "winter": ((170, 190, 215), (236, 240, 246), (238, 240, 244), (170, 40, 40), (244, 236, 220), (120, 70, 50)),
    "brick": ((120, 165, 210), (232, 236, 240), (110, 130, 80), (170, 80, 50), (200, 120, 80), (120, 60, 40)),
}


def _sky(size, top, bottom) -> Image.Image:
    gradient = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), gradient)


def _shade(colour, amount: int):
    return tuple(max(0, min(255, c + amount)) for c in colour)


def _hills(draw, rng, size, land, layers=3, base=0.55):
    width, height = size
    for layer in range(layers):
        colour = _shade(land, -18 * (layers - layer - 1) + 10 * layer)
        top = height * (base + 0.08 * layer)
        points = [(0, height)]
        for x in range(0, width + 120, 120):
            points.append((x, top - rng.randint(0, 70) + 30 * math.sin(x / 150 + layer)))
        points.append((width, height))
        draw.polygon(points, fill=colour)


def _house(draw, x, y, w, h, wall, roof, accent, rng, bay=True):
    """A Revival house: a stone ground floor, a wider timber upper floor with a bay, a low tiled roof."""
    stone = _shade(wall, -40)
    draw.rectangle([x, y + h * 0.55, x + w, y + h], fill=stone)
    overhang = w * 0.06
    draw.rectangle([x - overhang, y + h * 0.2, x + w + overhang, y + h * 0.58], fill=wall)
    draw.polygon(
        [(x - overhang * 2.5, y + h * 0.22), (x + w / 2, y - h * 0.08), (x + w + overhang * 2.5, y + h * 0.22)],
        fill=roof,
    )
    if bay:
        bx = x + w * 0.35
        draw.rectangle([bx, y + h * 0.16, bx + w * 0.3, y + h * 0.62], fill=_shade(wall, -15), outline=accent, width=3)
    for i in range(4):
        wx = x + w * (0.08 + 0.24 * i)
        draw.rectangle([wx, y + h * 0.3, wx + w * 0.12, y + h * 0.47], fill=(60, 70, 90), outline=accent, width=3)
    draw.rectangle([x + w * 0.44, y + h * 0.72, x + w * 0.56, y + h], fill=_shade(roof, -30))
    for _ in range(6):  # stones in the wall
        sx, sy = x + rng.uniform(0, w * 0.9), y + h * rng.uniform(0.6, 0.95)
        draw.ellipse([sx, sy, sx + 14, sy + 8], outline=_shade(stone, -25), width=2)


def _church(draw, x, y, w, h, wall, roof, accent):
    draw.rectangle([x, y + h * 0.35, x + w, y + h], fill=wall)
    draw.polygon([(x - 10, y + h * 0.37), (x + w / 2, y + h * 0.12), (x + w + 10, y + h * 0.37)], fill=roof)
    tx = x + w * 0.7
    draw.rectangle([tx, y, tx + w * 0.22, y + h * 0.5], fill=_shade(wall, -10))
    draw.polygon([(tx - 6, y), (tx + w * 0.11, y - h * 0.18), (tx + w * 0.22 + 6, y)], fill=roof)
    for i in range(3):
        ax = x + w * (0.12 + 0.2 * i)
        draw.rounded_rectangle([ax, y + h * 0.5, ax + w * 0.1, y + h * 0.8], radius=12, fill=(70, 70, 90))
    draw.line([tx + w * 0.11, y - h * 0.18, tx + w * 0.11, y - h * 0.28], fill=accent, width=4)
    draw.line([tx + w * 0.07, y - h * 0.24, tx + w * 0.15, y - h * 0.24], fill=accent, width=4)


def _bridge(draw, size, stone, water):
    width, height = size
    draw.rectangle([0, height * 0.72, width, height], fill=water)
    for i in range(6):
        y = height * (0.76 + 0.04 * i)
        draw.line([width * 0.05 * i, y, width * (0.4 + 0.1 * i), y], fill=_shade(water, 30), width=2)
    cx, top = width * 0.5, height * 0.5
    draw.polygon(
        [(width * 0.15, height * 0.72), (cx, top), (width * 0.85, height * 0.72), (width * 0.85, height * 0.76),
         (width * 0.15, height * 0.76)],
        fill=stone,
    )  # fmt: skip
    draw.chord([width * 0.3, height * 0.62, width * 0.7, height * 0.98], 180, 360, fill=water)
    draw.line(
        [(width * 0.15, height * 0.70), (cx, top - 8), (width * 0.85, height * 0.70)], fill=_shade(stone, -40), width=6
    )


def _fortress(draw, size, stone, accent):
    width, height = size
    top = height * 0.42
    draw.rectangle([0, top, width, height * 0.8], fill=stone)
    for x in range(0, width, 48):
        draw.rectangle([x, top - 26, x + 28, top], fill=stone)
    gx = width * 0.42
    draw.rectangle([gx - 30, top - 70, gx + 170, height * 0.8], fill=_shade(stone, -12))
    draw.rounded_rectangle([gx + 30, top + 40, gx + 110, height * 0.8], radius=40, fill=(50, 50, 60))
    for x in range(0, width, 36):
        for y in range(int(top) + 10, int(height * 0.8), 22):
            draw.line([x, y, x + 30, y], fill=_shade(stone, -25), width=1)
    draw.line([gx + 70, top - 70, gx + 70, top - 140], fill=(60, 60, 60), width=4)
    draw.polygon([(gx + 70, top - 140), (gx + 120, top - 125), (gx + 70, top - 110)], fill=accent)


def _columns(draw, size, stone, accent):
    """Roman ruins: column stumps and a mosaic floor."""
    width, height = size
    draw.rectangle([0, height * 0.66, width, height], fill=_shade(stone, -20))
    rng = random.Random(7)  # noqa: S311 (shapes, not secrets)
    for i in range(12):
        for j in range(4):
            x, y = width * 0.1 + i * 64, height * 0.72 + j * 40
            colour = accent if (i + j) % 3 == 0 else _shade(stone, rng.randint(-30, 30))
            draw.rectangle([x, y, x + 56, y + 32], fill=colour)
    for i in range(5):
        x = width * (0.12 + 0.18 * i)
        h = height * (0.18 + 0.12 * ((i * 7) % 3))
        draw.rectangle([x, height * 0.66 - h, x + 36, height * 0.66], fill=stone)
        draw.rectangle([x - 8, height * 0.66 - h - 12, x + 44, height * 0.66 - h], fill=_shade(stone, 15))


def _tower(draw, size, wall, roof):
    width, height = size
    x, w = width * 0.36, width * 0.28
    draw.rectangle([x, height * 0.3, x + w, height * 0.82], fill=wall)
    draw.polygon([(x - 20, height * 0.3), (x + w / 2, height * 0.12), (x + w + 20, height * 0.3)], fill=roof)
    for i in range(3):
        draw.rounded_rectangle(
            [x + w * (0.12 + 0.3 * i), height * 0.45, x + w * (0.28 + 0.3 * i), height * 0.64],
            radius=20,
            fill=(70, 70, 80),
        )


def _monument(draw, size, stone, accent):
    width, height = size
    cx = width * 0.5
    draw.rectangle([cx - 140, height * 0.7, cx + 140, height * 0.78], fill=_shade(stone, -20))
    draw.rectangle([cx - 60, height * 0.46, cx + 60, height * 0.7], fill=stone)
    draw.polygon([(cx - 40, height * 0.46), (cx, height * 0.12), (cx + 40, height * 0.46)], fill=_shade(stone, 10))
    draw.ellipse([cx - 18, height * 0.52, cx + 18, height * 0.58], fill=accent)


def _stage(draw, size, accent, rng):
    """A festival meadow: a stage, flags, dancers as coloured dots in rows."""
    width, height = size
    draw.rectangle([width * 0.3, height * 0.45, width * 0.7, height * 0.62], fill=(120, 80, 50))
    draw.polygon(
        [(width * 0.28, height * 0.45), (width * 0.5, height * 0.32), (width * 0.72, height * 0.45)], fill=accent
    )
    for i in range(9):
        x = width * (0.05 + 0.11 * i)
        draw.line([x, height * 0.5, x, height * 0.36], fill=(90, 70, 50), width=3)
        draw.polygon(
            [(x, height * 0.36), (x + 30, height * 0.39), (x, height * 0.42)],
            fill=[accent, (250, 250, 250), (40, 120, 60)][i % 3],
        )
    for row in range(4):
        for i in range(26):
            x = width * 0.03 + i * 36 + (row % 2) * 18
            y = height * (0.7 + 0.06 * row)
            colour = [(250, 250, 245), accent, (30, 30, 30), (200, 160, 40)][rng.randint(0, 3)]
            draw.ellipse([x, y, x + 14, y + 14], fill=colour)
            draw.rectangle([x + 2, y + 14, x + 12, y + 34], fill=colour)


def _sun(draw, size, colour, rng):
    width, height = size
    x, y = width * rng.uniform(0.1, 0.85), height * rng.uniform(0.08, 0.2)
    draw.ellipse([x, y, x + 70, y + 70], fill=colour)


def _snow(draw, size, rng):
    width, height = size
    for _ in range(160):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        draw.ellipse([x, y, x + 5, y + 5], fill=(255, 255, 255))


SCENES = ("houses", "street", "church", "bridge", "fortress", "ruins", "tower", "monument", "meadow", "theatre", "park")


def scene(kind: str, palette: str = "revival", seed: int = 0, size=SIZE) -> Image.Image:
    """A flat illustration of ``kind`` (one of SCENES) in a named palette; no text in it."""
    sky_top, sky_bottom, land, accent, wall, roof = PALETTES[palette]
    rng = random.Random(f"{kind}-{palette}-{seed}")  # noqa: S311 (shapes, not secrets)
    image = _sky(size, sky_top, sky_bottom)
    draw = ImageDraw.Draw(image)
    width, height = size
    _sun(draw, size, (250, 230, 160) if palette != "dusk" else (250, 200, 120), rng)
    _hills(draw, rng, size, land if palette != "winter" else (200, 206, 214), base=0.45 if kind != "meadow" else 0.5)
    ground = (palette == "winter" and (236, 238, 242)) or land
    draw.rectangle([0, height * 0.78, width, height], fill=_shade(ground, -10))
    if kind in ("houses", "street"):
        count = 3 if kind == "houses" else 4
        for i in range(count):
            w = width / (count + 0.6)
            x = 30 + i * (w + 18)
            y = height * rng.uniform(0.36, 0.46)
            colours = [wall, PALETTES["blue-house"][4], PALETTES["ochre"][4], _shade(wall, -10)]
            _house(draw, x, y, w * 0.9, height * 0.78 - y, colours[(i + seed) % 4], roof, accent, rng)
    elif kind == "church":
        _church(draw, width * 0.25, height * 0.32, width * 0.5, height * 0.46, wall, roof, accent)
    elif kind == "bridge":
        _bridge(draw, size, PALETTES["stone"][4], (90, 140, 170))
    elif kind == "fortress":
        _fortress(draw, size, PALETTES["stone"][4], accent)
    elif kind == "ruins":
        _columns(draw, size, PALETTES["stone"][4], accent)
    elif kind == "tower":
        _tower(draw, size, wall, roof)
    elif kind == "monument":
        _monument(draw, size, PALETTES["stone"][4], accent)
    elif kind == "meadow":
        _stage(draw, size, accent, rng)
    elif kind == "theatre":
        x, w = width * 0.2, width * 0.6
        draw.rectangle([x, height * 0.34, x + w, height * 0.8], fill=wall)
        draw.polygon([(x - 20, height * 0.34), (x + w / 2, height * 0.18), (x + w + 20, height * 0.34)], fill=roof)
        for i in range(6):
            cx = x + w * (0.08 + 0.17 * i)
            draw.rectangle([cx, height * 0.4, cx + 24, height * 0.8], fill=_shade(wall, 20))
    elif kind == "park":
        for _ in range(9):
            x, y = rng.uniform(0, width), height * rng.uniform(0.55, 0.75)
            draw.rectangle([x + 18, y + 40, x + 30, y + 110], fill=(100, 70, 40))
            draw.ellipse([x - 20, y - 30, x + 70, y + 60], fill=_shade(land, rng.randint(-40, 20)))
    if palette == "winter":
        _snow(draw, size, rng)
    return image.filter(ImageFilter.SMOOTH)


def emblem(colours, charge: str, size=(480, 560)) -> Image.Image:
    """A coat-of-arms style shield: two fields, a charge (``bridge``, ``tower``, ``sun``), a mural crown."""
    field, second, metal = colours
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    width, height = size
    shield = [(40, 110), (width - 40, 110), (width - 40, height * 0.6), (width / 2, height - 20), (40, height * 0.6)]
    draw.polygon(shield, fill=field, outline=metal, width=10)
    draw.polygon(
        [(50, height * 0.5), (width - 50, height * 0.5), (width - 50, height * 0.6), (width / 2, height - 34), (50, height * 0.6)],
        fill=second,
    )  # fmt: skip
    for x in range(70, width - 70, 70):  # the mural crown of a town
        draw.rectangle([x, 40, x + 46, 100], fill=metal)
    draw.rectangle([60, 80, width - 60, 104], fill=metal)
    cx, cy = width / 2, height * 0.34
    if charge == "bridge":
        draw.arc([cx - 120, cy - 40, cx + 120, cy + 120], 180, 360, fill=metal, width=22)
        draw.line([cx - 140, cy + 40, cx + 140, cy + 40], fill=metal, width=16)
    elif charge == "tower":
        draw.rectangle([cx - 60, cy - 70, cx + 60, cy + 80], fill=metal)
        for x in (-60, -20, 20):
            draw.rectangle([cx + x, cy - 100, cx + x + 30, cy - 70], fill=metal)
        draw.rounded_rectangle([cx - 22, cy + 10, cx + 22, cy + 80], radius=20, fill=field)
    else:
        draw.ellipse([cx - 60, cy - 60, cx + 60, cy + 60], fill=metal)
        for i in range(12):
            angle = i * math.pi / 6
            draw.line(
                [
                    cx + 70 * math.cos(angle),
                    cy + 70 * math.sin(angle),
                    cx + 100 * math.cos(angle),
                    cy + 100 * math.sin(angle),
                ],
                fill=metal,
                width=10,
            )
    return image


@functools.cache
def scene_jpeg(kind: str, palette: str = "revival", seed: int = 0) -> bytes:
    buffer = io.BytesIO()
    scene(kind, palette, seed).save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


@functools.cache
def emblem_png(colours: tuple, charge: str) -> bytes:
    buffer = io.BytesIO()
    emblem(colours, charge).save(buffer, "PNG")
    return buffer.getvalue()


CLIP_SIZE = (640, 360)
CLIP_SECONDS = 6
CLIP_FPS = 12


@functools.cache
def clip_mp4() -> bytes:
    """A short silent clip: the camera pans along a street of Revival houses, then across the meadow.

    Frames are crops of two wide illustrations, encoded as H.264 by the ffmpeg binary that
    imageio-ffmpeg ships (so no system ffmpeg is needed). About a second of CPU.
    """
    width, height = CLIP_SIZE
    panoramas = [
        scene("street", "revival", 3, size=(width * 2, height)),
        scene("meadow", "meadow", 4, size=(width * 2, height)),
    ]
    frames = CLIP_SECONDS * CLIP_FPS
    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/clip.mp4"
        writer = imageio_ffmpeg.write_frames(
            path,
            CLIP_SIZE,
            fps=CLIP_FPS,
            codec="libx264",
            macro_block_size=8,
            output_params=["-movflags", "+faststart"],
        )
        writer.send(None)
        for index in range(frames):
            panorama = panoramas[index * len(panoramas) // frames]
            step = (index % (frames // len(panoramas))) / (frames // len(panoramas) - 1)
            left = round(step * width)
            writer.send(panorama.crop((left, 0, left + width, height)).tobytes())
        writer.close()
        return Path(path).read_bytes()


@functools.cache
def clip_poster_jpeg() -> bytes:
    buffer = io.BytesIO()
    scene("street", "revival", 3, size=(CLIP_SIZE[0] * 2, CLIP_SIZE[1])).crop((0, 0, *CLIP_SIZE)).save(
        buffer, "JPEG", quality=85
    )
    return buffer.getvalue()
