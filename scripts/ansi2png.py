#!/usr/bin/env python3
"""ansi2png.py IN.ans OUT.png COLS ROWS: renders a tmux `capture-pane -p -e -N` capture
(SGR colours, bold, reverse, underline; UTF-8 with box drawing) to a PNG with DejaVu Sans
Mono. Used by scripts/screenshots.sh. Needs python3-pil and fonts-dejavu-core (Debian)."""
import os
import re
import sys
import unicodedata

from PIL import Image, ImageDraw, ImageFont

SIZE = int(os.environ.get("SHOT_FONT_SIZE", "16"))
FG, BG = (229, 229, 229), (12, 12, 16)
BASIC = [(0, 0, 0), (205, 49, 49), (13, 188, 121), (229, 229, 16), (36, 114, 200), (188, 63, 188),
         (17, 168, 205), (229, 229, 229), (102, 102, 102), (241, 76, 76), (35, 209, 139),
         (245, 245, 67), (59, 142, 234), (214, 112, 214), (41, 184, 219), (255, 255, 255)]


def xterm(n):
    if n < 16:
        return BASIC[n]
    if n < 232:
        n -= 16
        steps = (0, 95, 135, 175, 215, 255)
        return (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    v = 8 + 10 * (n - 232)
    return (v, v, v)


def apply_sgr(st, params):
    fg, bg, bold, rev, und = st
    ps = [p for p in re.split("[;:]", params)] if params else ["0"]
    i = 0
    while i < len(ps):
        p = int(ps[i]) if ps[i].isdigit() else 0
        if p in (38, 48) and i + 2 < len(ps) and ps[i + 1] == "5":
            col = xterm(int(ps[i + 2] or 0))
            fg, bg = (col, bg) if p == 38 else (fg, col)
            i += 3
            continue
        if p in (38, 48) and i + 4 < len(ps) and ps[i + 1] == "2":
            col = tuple(int(x or 0) for x in ps[i + 2:i + 5])
            fg, bg = (col, bg) if p == 38 else (fg, col)
            i += 5
            continue
        if p == 0:
            fg, bg, bold, rev, und = None, None, False, False, False
        elif p == 1:
            bold = True
        elif p == 22:
            bold = False
        elif p == 4:
            und = True
        elif p == 24:
            und = False
        elif p == 7:
            rev = True
        elif p == 27:
            rev = False
        elif 30 <= p <= 37:
            fg = BASIC[p - 30]
        elif 90 <= p <= 97:
            fg = BASIC[p - 90 + 8]
        elif p == 39:
            fg = None
        elif 40 <= p <= 47:
            bg = BASIC[p - 40]
        elif 100 <= p <= 107:
            bg = BASIC[p - 100 + 8]
        elif p == 49:
            bg = None
        i += 1
    return (fg, bg, bold, rev, und)


def parse(text, cols, rows):
    grid = [[(" ", (None, None, False, False, False), 1) for _ in range(cols)] for _ in range(rows)]
    st = (None, None, False, False, False)
    r = c = 0
    for m in re.finditer(r"\x1b\[([0-9;:]*)([A-Za-z])|\x1b[^\[]|(\n)|([^\x1b\n])", text):
        if m.group(2):
            if m.group(2) == "m":
                st = apply_sgr(st, m.group(1))
        elif m.group(3):
            r, c = r + 1, 0
        elif m.group(4) and r < rows:
            ch = m.group(4)
            if unicodedata.combining(ch):
                continue
            w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
            if c + w <= cols:
                grid[r][c] = (ch, st, w)
                if w == 2:
                    grid[r][c + 1] = None
                c += w
    return grid


# box drawing: (up, right, down, left)
BOX = {"─": (0, 1, 0, 1), "│": (1, 0, 1, 0), "┌": (0, 1, 1, 0), "┐": (0, 0, 1, 1), "└": (1, 1, 0, 0),
       "┘": (1, 0, 0, 1), "├": (1, 1, 1, 0), "┤": (1, 0, 1, 1), "┬": (0, 1, 1, 1), "┴": (1, 1, 0, 1),
       "┼": (1, 1, 1, 1)}


def main():
    src, out, cols, rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    base = "/usr/share/fonts/truetype/dejavu/"
    reg = ImageFont.truetype(base + "DejaVuSansMono.ttf", SIZE)
    bold = ImageFont.truetype(base + "DejaVuSansMono-Bold.ttf", SIZE)
    fallback = ImageFont.truetype(base + "DejaVuSans.ttf", SIZE)
    asc, desc = reg.getmetrics()
    cw, chh = round(reg.getlength("M")), asc + desc
    pad = 10
    img = Image.new("RGB", (cols * cw + 2 * pad, rows * chh + 2 * pad), BG)
    d = ImageDraw.Draw(img)
    grid = parse(open(src, encoding="utf-8", errors="replace").read(), cols, rows)
    for r in range(rows):
        for c in range(cols):
            cell = grid[r][c]
            if cell is None:
                continue
            ch, (fg, bg, b, rev, und), w = cell
            fg, bg = fg or FG, bg or BG
            if rev:
                fg, bg = bg, fg
            x, y = pad + c * cw, pad + r * chh
            if bg != BG:
                d.rectangle([x, y, x + w * cw - 1, y + chh - 1], fill=bg)
            if ch in BOX:
                up, right, down, left = BOX[ch]
                mx, my = x + cw // 2, y + chh // 2
                if up:
                    d.line([mx, y, mx, my], fill=fg)
                if down:
                    d.line([mx, my, mx, y + chh - 1], fill=fg)
                if left:
                    d.line([x, my, mx, my], fill=fg)
                if right:
                    d.line([mx, my, x + cw - 1, my], fill=fg)
            elif ch != " ":
                font = bold if b else reg
                if not font.getmask(ch).getbbox() and ch.strip():
                    font = fallback
                d.text((x, y), ch, font=font, fill=fg)
            if und:
                d.line([x, y + asc + 1, x + w * cw - 1, y + asc + 1], fill=fg)
    img.save(out)


if __name__ == "__main__":
    main()
