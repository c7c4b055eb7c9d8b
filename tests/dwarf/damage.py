#!/usr/bin/env python3
"""damage.py IN OUT KIND SEED: a copy of a wasm module with its DWARF damaged (badinput.sh).

KIND: scribble (random bytes in one .debug_* section), truncate (one section cut short),
drop (one section removed), forms (unknown DW_FORM codes in .debug_abbrev: one with an odd
SEED, a tenth of them with an even one), ops (DW_OP_WASM_location and DW_OP_fbreg bytes
turned into unknown ops), version (unit headers with versions 1, 7 or 255). The section
is chosen by SEED. Prints what it did."""
import random
import sys


def uleb(b, i):
    r = s = 0
    while True:
        c = b[i]
        i += 1
        r |= (c & 0x7f) << s
        s += 7
        if c < 0x80:
            return r, i


def enc(n):
    o = bytearray()
    while True:
        c = n & 0x7f
        n >>= 7
        o.append(c | 0x80 if n else c)
        if not n:
            return bytes(o)


def sections(b):
    """[id, name, payload after the name] for every section"""
    i, out = 8, []
    while i < len(b):
        sid = b[i]
        size, j = uleb(b, i + 1)
        name, body = None, j
        if sid == 0:
            nl, k = uleb(b, j)
            name, body = b[k:k + nl].decode('latin1'), k + nl
        out.append([sid, name, bytearray(b[body:j + size])])
        i = j + size
    return out


def build(secs):
    o = bytearray(b'\0asm\1\0\0\0')
    for sid, name, body in secs:
        payload = (enc(len(name)) + name.encode('latin1') if sid == 0 else b'') + body
        o += bytes([sid]) + enc(len(payload)) + payload
    return o


def abbrev_forms(ab):
    """offsets of the one-byte form codes in .debug_abbrev"""
    i, pos = 0, []
    try:
        while i < len(ab):
            code, i = uleb(ab, i)
            if code == 0:
                continue
            _, i = uleb(ab, i)   # tag
            i += 1               # children
            while True:
                at, i = uleb(ab, i)
                fp = i
                fm, i = uleb(ab, i)
                if fm == 0x21:   # DW_FORM_implicit_const
                    _, i = uleb(ab, i)
                if at == 0 and fm == 0:
                    break
                if fm < 0x80:
                    pos.append(fp)
    except IndexError:
        pass
    return pos


def main():
    inp, out, kind, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    rnd = random.Random(seed)
    secs = sections(open(inp, 'rb').read())
    dbg = [s for s in secs if s[1] and s[1].startswith('.debug_')]
    named = {s[1]: s for s in dbg}
    target = dbg[seed % len(dbg)]
    what = target[1]
    if kind == 'scribble':
        b = target[2]
        for _ in range(max(1, len(b) // 50)):
            b[rnd.randrange(len(b))] = rnd.randrange(256)
    elif kind == 'truncate':
        del target[2][rnd.randrange(len(target[2])):]
    elif kind == 'drop':
        secs.remove(target)
    elif kind == 'forms':
        ab = named['.debug_abbrev'][2]
        pos = abbrev_forms(ab)
        for p in rnd.sample(pos, 1 if seed % 2 else max(1, len(pos) // 10)):
            ab[p] = rnd.choice([0x2d, 0x30, 0x55, 0x7e])
        what = '.debug_abbrev'
    elif kind == 'ops':
        what = ''
        for name in ('.debug_info', '.debug_loc', '.debug_loclists'):
            if name in named:
                b = named[name][2]
                for i in range(len(b)):
                    if b[i] in (0xed, 0x91) and rnd.random() < 0.5:
                        b[i] = rnd.choice([0xe5, 0xfe, 0x04, 0xa5])
                what += ' ' + name
    elif kind == 'version':
        b, i = named['.debug_info'][2], 0
        while i + 6 < len(b):
            if rnd.random() < 0.5:
                b[i + 4] = rnd.choice([1, 7, 0xff])
            i += 4 + int.from_bytes(b[i:i + 4], 'little')
        what = '.debug_info'
    else:
        sys.exit('damage.py: unknown kind ' + kind)
    open(out, 'wb').write(build(secs))
    print(kind, seed, what.strip())


main()
