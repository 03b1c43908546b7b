#!/usr/bin/env python3
"""Byte forms of the Vietnamese phrases the bundled YARA rules look for.

A phrase reaches a scanner in many byte forms: UTF-8 precomposed (NFC), UTF-8
fully decomposed (NFD, as macOS and some converters write it), UTF-8
"Unicode to hop" (the form Vietnamese keyboards such as Unikey/VietKey type:
the letter with its shape mark precomposed, the tone as a combining mark),
UTF-16LE (Word .doc text, Windows), and the two legacy 8-bit font encodings
still found in older government files: TCVN3 (ABC, TCVN 5712:1993 VN3, fonts
.VnTime/.VnTimeH) and VNI-Windows (fonts VNI-Times).

Sources for the legacy tables below (only the letters the rules need):
- TCVN3: the TCVN 5712:1993 VN3 code table as reproduced in the
  "Bang doi chieu encoding cac bo chu hien hanh voi Unicode" comparison
  chart (vietunicode charset tables); cross-checked against the TCVN3 column
  of an open-source Vietnamese keyboard's code table. VN3 has uppercase codes
  only for the 7 toneless letters (A1..A7 = Ă Â Ê Ô Ơ Ư Đ); an uppercase
  letter with a tone is typed as the lowercase code and shown uppercase by an
  all-capitals font (.VnTimeH), so that is the byte a stamp carries.
- VNI-Windows: the same chart's VNI column (base ASCII letter followed by a
  mark byte: lowercase marks E1/E4/E2/E5 = acute-circumflex, dot-circumflex,
  circumflex, hook-circumflex; uppercase marks C1/C4/C2/C5; Đ = D1, đ = F1).
Word also stores such 8-bit text as UTF-16LE of the Latin-1 characters, which
the rules cover with YARA's `wide` modifier on the legacy strings.

Usage:
  legacy_encodings.py                 print every rule's string definitions
  legacy_encodings.py --check FILE..  exit 1 unless each definition appears
                                      verbatim in one of the .yar FILEs
The samples generator (make_samples.py) imports the encoders from here.
"""
import sys
import unicodedata

# TCVN3 (VN3): the letters the rules use. Uppercase toned letters map to the
# lowercase code (all-capitals font); Ô has its own code A4 but text typed in
# an all-capitals font may carry the lowercase AB, so both are accepted.
TCVN3 = {
    "ậ": [0xCB], "Ậ": [0xCB],
    "ố": [0xE8], "Ố": [0xE8],
    "ổ": [0xE6], "Ổ": [0xE6],
    "ộ": [0xE9], "Ộ": [0xE9],
    "ệ": [0xD6], "Ệ": [0xD6],
    "ế": [0xD5], "Ế": [0xD5],
    "ô": [0xAB], "Ô": [0xA4, 0xAB],
    "đ": [0xAE], "Đ": [0xA7],
    # used by the negative samples only ("mật khẩu", "bí mật")
    "ẩ": [0xC8], "Ẩ": [0xC8],
    "í": [0xDD], "Í": [0xDD],
}

# VNI-Windows: letter -> byte sequence (base letter + mark byte).
VNI = {
    "ậ": b"a\xE4", "Ậ": b"A\xC4",
    "ố": b"o\xE1", "Ố": b"O\xC1",
    "ổ": b"o\xE5", "Ổ": b"O\xC5",
    "ộ": b"o\xE4", "Ộ": b"O\xC4",
    "ệ": b"e\xE4", "Ệ": b"E\xC4",
    "ế": b"e\xE1", "Ế": b"E\xC1",
    "ô": b"o\xE2", "Ô": b"O\xC2",
    "đ": b"\xF1", "Đ": b"\xD1",
    # used by the negative samples only
    "ẩ": b"a\xE5", "Ẩ": b"A\xC5",
    "í": b"\xED", "Í": b"\xCD",
}

# Vietnamese shape marks (kept precomposed by "Unicode to hop" keyboards):
# circumflex, breve, horn. Tone marks stay combining.
SHAPE_MARKS = {"\u0302", "\u0306", "\u031B"}


def composed_vn(text):
    """The "Unicode to hop" form: shape mark precomposed, tone combining."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        shape = "".join(m for m in d[1:] if m in SHAPE_MARKS)
        tones = "".join(m for m in d[1:] if m not in SHAPE_MARKS)
        out.append(unicodedata.normalize("NFC", d[0] + shape) + tones)
    return "".join(out)


def legacy_units(text, table):
    """Per character, the list of accepted byte strings (ASCII passes through)."""
    units = []
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 0x80:
            units.append([ch.encode("ascii")])
        elif ch in table:
            v = table[ch]
            units.append([bytes([b]) for b in v] if isinstance(v, list) else [v])
        else:
            raise SystemExit(f"legacy_encodings.py: no legacy code for {ch!r}; add it to the table")
    return units


def encode(text, enc):
    """One byte string for `text` in `enc` (legacy: the first accepted code)."""
    if enc == "nfc":
        return unicodedata.normalize("NFC", text).encode("utf-8")
    if enc == "nfd":
        return unicodedata.normalize("NFD", text).encode("utf-8")
    if enc == "composed":
        return composed_vn(text).encode("utf-8")
    if enc == "utf16le":
        return unicodedata.normalize("NFC", text).encode("utf-16-le")
    if enc in ("tcvn3", "vni"):
        return b"".join(u[0] for u in legacy_units(text, TCVN3 if enc == "tcvn3" else VNI))
    raise ValueError(enc)


# --- rendering -------------------------------------------------------------

def hex_bytes(data):
    return " ".join(f"{b:02X}" for b in data)


def regex_bytes(data):
    out = []
    for b in data:
        c = chr(b)
        if b < 0x80 and (c.isalnum() or c == " "):
            out.append(c)
        else:
            out.append(f"\\x{b:02X}")
    return "".join(out)


def regex_text(text, enc):
    if enc in ("tcvn3", "vni"):
        parts = []
        for alts in legacy_units(text, TCVN3 if enc == "tcvn3" else VNI):
            if len(alts) == 1:
                parts.append(regex_bytes(alts[0]))
            else:
                parts.append("[" + "".join(regex_bytes(a) for a in alts) + "]")
        return "".join(parts)
    return regex_bytes(encode(text, enc))


# A pattern is a list of parts:
#   ("t", text)              the text in the string's encoding
#   ("alt", [texts])         any one of the texts
#   ("re", fragment)         a regex fragment (UTF-8 and legacy strings)
#   ("hex", fragment)        a hex-string fragment (UTF-16LE strings)

def render_regex(parts, enc):
    out = []
    for kind, val in parts:
        if kind == "t":
            out.append(regex_text(val, enc))
        elif kind == "alt":
            out.append("(" + "|".join(regex_text(v, enc) for v in val) + ")")
        elif kind == "re":
            out.append(val)
    return "/" + "".join(out) + "/"


def render_hex(parts, enc):
    out = []
    for kind, val in parts:
        if kind == "t":
            out.append(hex_bytes(encode(val, enc)))
        elif kind == "alt":
            out.append("( " + " | ".join(hex_bytes(encode(v, enc)) for v in val) + " )")
        elif kind == "hex":
            out.append(val)
    return "{ " + " ".join(out) + " }"


UTF8 = ["nfc", "nfd", "composed"]
LEGACY = ["tcvn3", "vni"]
ALL = UTF8 + ["utf16le"] + LEGACY

# Line delimiters: start of data, LF, CR, VT (Word line break); after the
# token also BEL (Word table cell end) and end of data.
LINE_START_RE = r"(^|[\r\n\x0B])[ \t]*"
LINE_END_RE = r"[ \t]*([\r\n\x07\x0B]|$)"
LINE_START_HEX = "( FF FE | 0A 00 | 0D 00 | 0B 00 )"
LINE_END_HEX = "( 0A 00 | 0D 00 | 0B 00 | 07 00 )"
NOT_LETTER_RE = r"([^A-Za-z\x80-\xFF]|$)"
DASH_RE = r"[ \t]*(-|\xE2\x80\x93)[ \t]*"   # hyphen or en dash
DASH_HEX = "20 00 ( 2D 00 | 13 20 ) 20 00"
# Document number after "Số:" (a word of its own: not "ISO:"): digits or a
# blank to fill in, optional year, the kind (QĐ, NĐ, TB, BC, TTr, ...) and the
# issuer (UBND, CP, BTTTT, ...). "/" is escaped: YARA regexes end at "/".
DOCNUM_RE = (r"[ \t]*:[ \t]*([0-9]{1,6}|[ .\t]{1,16})(\/[0-9]{4})?\/"
             r"(\xC4\x90|[A-Z])(\xC4\x90|[A-Za-z]){0,7}(-(\xC4\x90|[A-Z0-9])(\xC4\x90|[A-Za-z0-9]){0,11}){1,3}")


def plain(prefix, texts, encs):
    """Strings for literal phrases: hex for Unicode forms, regex for legacy."""
    defs = []
    seen = set()
    for enc in encs:
        for i, text in enumerate(texts):
            ident = f"${prefix}_{enc}" + (f"_{i + 1}" if len(texts) > 1 else "")
            if enc in LEGACY:
                body = render_regex([("t", text)], enc) + " ascii wide"
            else:
                data = encode(text, enc)
                if data in seen:
                    continue
                seen.add(data)
                body = render_hex([("t", text)], enc)
            defs.append(f"{ident} = {body}")
    return defs


def patterned(prefix, re_parts, hex_parts, encs):
    defs = []
    seen = set()
    for enc in encs:
        if enc == "utf16le":
            if hex_parts is None:
                continue
            body = render_hex(hex_parts, enc)
        else:
            body = render_regex(re_parts, enc) + (" ascii wide" if enc in LEGACY else "")
        if body in seen:
            continue
        seen.add(body)
        defs.append(f"${prefix}_{enc} = {body}")
    return defs


def marking_strings():
    rules = {}
    rules["vn_marking_tuyet_mat"] = plain("stamp", ["TUYỆT MẬT"], ALL)
    rules["vn_marking_toi_mat"] = plain("stamp", ["TỐI MẬT"], ALL)
    label = ("alt", ["Độ mật", "ĐỘ MẬT"])
    rules["vn_marking_mat"] = (
        patterned("line", [("re", LINE_START_RE), ("t", "MẬT"), ("re", LINE_END_RE)],
                  [("hex", LINE_START_HEX), ("t", "MẬT"), ("hex", LINE_END_HEX)], ALL)
        + patterned("label", [label, ("re", r"[ \t]*:[ \t]*"), ("t", "MẬT"), ("re", NOT_LETTER_RE)],
                    [label, ("hex", "3A 00 [0-2]"), ("t", "MẬT"), ("hex", LINE_END_HEX)], ALL))
    rules["vn_marking_khong_pho_bien"] = (
        plain("upper", ["KHÔNG PHỔ BIẾN"], ALL)
        + patterned("line", [("re", LINE_START_RE), ("t", "Không phổ biến"), ("re", LINE_END_RE)],
                    [("hex", LINE_START_HEX), ("t", "Không phổ biến"), ("hex", LINE_END_HEX)], ALL))
    return rules


def header_strings():
    unicode_forms = UTF8 + ["utf16le"]
    rules = {}
    rules["vn_national_header"] = (
        plain("name", ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"], unicode_forms)
        + patterned("motto",
                    [("t", "Độc lập"), ("re", DASH_RE), ("t", "Tự do"), ("re", DASH_RE), ("t", "Hạnh phúc")],
                    [("t", "Độc lập"), ("hex", DASH_HEX), ("t", "Tự do"), ("hex", DASH_HEX), ("t", "Hạnh phúc")],
                    unicode_forms))
    rules["vn_document_number"] = patterned(
        "number", [("re", r"\b"), ("alt", ["Số", "SỐ", "So", "SO"]), ("re", DOCNUM_RE)], None, UTF8)
    rules["vn_meeting_minutes"] = plain("title", ["BIÊN BẢN HỌP", "BIÊN BẢN CUỘC HỌP"], unicode_forms)
    rules["vn_meeting_invitation"] = plain("title", ["GIẤY MỜI"], unicode_forms)
    rules["vn_meeting_conclusion_notice"] = plain("title", ["THÔNG BÁO KẾT LUẬN"], unicode_forms)
    return rules


def all_strings():
    return {"classification_markings.yar": marking_strings(), "document_headers.yar": header_strings()}


def main(argv):
    groups = all_strings()
    if len(argv) > 1 and argv[1] == "--check":
        text = ""
        for path in argv[2:]:
            with open(path, encoding="utf-8") as f:
                text += f.read()
        missing = [(rule, d) for g in groups.values() for rule, defs in g.items() for d in defs if d not in text]
        for rule, d in missing:
            print(f"missing in rules ({rule}): {d}")
        total = sum(len(defs) for g in groups.values() for defs in g.values())
        print(f"{total - len(missing)} of {total} string definitions found")
        return 1 if missing else 0
    for fname, rules in groups.items():
        print(f"// {fname}")
        for rule, defs in rules.items():
            print(f"// rule {rule}")
            for d in defs:
                print(f"    {d}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
