#!/usr/bin/env python3
"""Writes the bundled YARA rules' samples and their expectations.

  make_samples.py [SAMPLES_DIR]     (default: ../samples beside this script)

samples/must-match/<rule>/...  files at least <rule> must match
samples/must-not-match/...     files no bundled rule may match
samples/expectations.yaml      for every sample, the exact set of rules that
                               match it (the intent declared here, by hand)

The output is deterministic (fixed zip timestamps, gzip mtime 0), so running
it again changes no committed file. Text in legacy encodings is built with
the tables in legacy_encodings.py.
"""
import gzip
import io
import os
import shutil
import struct
import sys
import unicodedata
import wave
import zipfile
import zlib

sys.dont_write_bytecode = True  # no __pycache__ beside the committed scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from legacy_encodings import composed_vn, encode  # noqa: E402

SAMPLES = {}   # relative path -> (bytes, [rules])


def add(path, data, rules):
    assert path not in SAMPLES, path
    SAMPLES[path] = (data, sorted(rules))


def nfc(t):
    return unicodedata.normalize("NFC", t).encode("utf-8")


def nfd(t):
    return unicodedata.normalize("NFD", t).encode("utf-8")


def composed(t):
    return composed_vn(t).encode("utf-8")


def utf16(t, bom=True):
    return (b"\xFF\xFE" if bom else b"") + unicodedata.normalize("NFC", t).encode("utf-16-le")


def widen(data):
    """8-bit text as Word stores it in UTF-16LE (each byte a Latin-1 unit)."""
    return b"".join(bytes([b, 0]) for b in data)


# --- texts -------------------------------------------------------------------

HEADER = ("ỦY BAN NHÂN DÂN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "XÃ AN BÌNH                     Độc lập – Tự do – Hạnh phúc\n")

DECISION = (HEADER +
            "Số: 123/QĐ-UBND                An Bình, ngày 12 tháng 3 năm 2026\n\n"
            "TỐI MẬT\n\n"
            "QUYẾT ĐỊNH\nVề việc phê duyệt phương án bảo đảm an toàn hệ thống hội nghị trực tuyến\n")

TUYET_MAT = ("ỦY BAN NHÂN DÂN XÃ AN BÌNH\n\nTUYỆT MẬT\n\n"
             "Báo cáo tình hình bảo đảm an ninh trật tự trên địa bàn\n")
TOI_MAT = "BÁO CÁO\nĐộ mật: TỐI MẬT\nNội dung cuộc họp giao ban quý I\n"
MAT_LINE = "ỦY BAN NHÂN DÂN XÃ AN BÌNH\n   MẬT\nBáo cáo kết quả rà soát hệ thống\n"
MAT_LABEL = "Kính gửi: Chủ tịch UBND xã\nĐộ mật: MẬT\nNội dung: kết quả kiểm tra\n"
MAT_LABEL_UPPER = "ĐỘ MẬT: MẬT\nĐỘ KHẨN: HỎA TỐC\n"
KPB_UPPER = "TÀI LIỆU KHÔNG PHỔ BIẾN\nDùng cho cán bộ dự họp\n"
KPB_LINE = "Thông báo nội bộ\nKhông phổ biến\nNội dung trao đổi tại cuộc họp\n"

# Legacy-encoded stamps: a typist with an all-capitals font (.VnTimeH, VNI-Times
# caps) types the stamp; the rest is plain ASCII Vietnamese without marks.
LEGACY_TUYET = "UBND XA AN BINH\r\nTUYỆT MẬT\r\nBao cao tinh hinh an ninh\r\n"
LEGACY_TOI = "UBND XA AN BINH\r\nTỐI MẬT\r\nBien ban hop giao ban\r\n"
LEGACY_MAT_LINE = "UBND XA AN BINH\r\nMẬT\r\nKe hoach kiem tra\r\n"
LEGACY_MAT_LABEL = "Độ mật: MẬT\r\nNoi dung: ket qua kiem tra\r\n"
LEGACY_KPB = "TAI LIEU KHÔNG PHỔ BIẾN\r\n"
LEGACY_KPB_LINE = "Thong bao\r\nKhông phổ biến\r\n"

MINUTES = "BIÊN BẢN HỌP\nGiao ban công tác chuyển đổi số tháng 3/2026\nThành phần: ...\n"
MINUTES_LONG = "BIÊN BẢN CUỘC HỌP\nRà soát hệ thống hội nghị truyền hình\n"
INVITATION = "GIẤY MỜI\nKính mời đồng chí dự cuộc họp trực tuyến lúc 8 giờ 00\n"
CONCLUSION = "THÔNG BÁO KẾT LUẬN\ncủa Chủ tịch UBND xã tại cuộc họp giao ban\n"

# Ordinary prose that uses the same words: none of it is a stamp or a header.
PROSE = ("Hướng dẫn sử dụng phòng họp trực tuyến\n"
         "Mật khẩu phòng họp được đổi hằng tuần; không chia sẻ mật khẩu qua tin nhắn.\n"
         "MẬT KHẨU\n"
         "Người dùng giữ bí mật thông tin đăng nhập. Mật độ người dự họp cao vào sáng thứ Hai.\n"
         "Các tài liệu tối mật và tuyệt mật không được trình chiếu trong phòng họp này.\n"
         "Cách làm này không phổ biến ở các xã miền núi.\n"
         "Đơn vị nhận giấy mời họp qua thư điện tử; biên bản họp lưu tại văn phòng.\n"
         "Bài viết về CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM trên báo địa phương.\n"
         "Số lượng người dự: 25. Số: 0912 345 678. Ngày 12/3/2026.\n")
EMAIL = ("From: van.phong@anbinh.example\nTo: ky.thuat@anbinh.example\n"
         "Subject: Lich hop truc tuyen\n\n"
         "Chào anh,\nSố điện thoại: 0912 345 678\nSố phòng: 204\n"
         "Mật khẩu wifi khách đã đổi, anh giữ bí mật giúp em.\nCảm ơn anh.\n")
LEGACY_PROSE = ("Ghi chu: mật khẩu la bí mật, mật độ cao; tối mật va tuyệt mật viet thuong.\r\n"
                "Mật khẩu: doi hang tuan\r\n"
                "MẬT KHẨU\r\n")
ENGLISH = ("Meeting room guide\nThe password is changed weekly. Keep it secret.\n"
           "Confidential and top secret documents are not shown here.\nSo: 12 items.\n"
           "Certified ISO: 27001/IEC-2013 scope.\n")


# --- binary formats ------------------------------------------------------------

ZIP_TIME = (2026, 3, 12, 8, 0, 0)


def zip_bytes(entries, first_stored=None):
    """entries: [(name, bytes)]; `first_stored` is written first, uncompressed."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        items = ([(first_stored, None)] if first_stored else []) + entries
        for name, data in items:
            if data is None:
                name, data = first_stored
                method = zipfile.ZIP_STORED
            else:
                method = zipfile.ZIP_DEFLATED
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = method
            info.create_system = 3
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


def docx(text):
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>')
    paras = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.splitlines() if line)
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           f'<w:body>{paras}</w:body></w:document>')
    return zip_bytes([("[Content_Types].xml", ct.encode()), ("_rels/.rels", rels.encode()),
                      ("word/document.xml", doc.encode())])


def xlsx():
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" '
          'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '</Types>')
    wb = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>')
    return zip_bytes([("[Content_Types].xml", ct.encode()), ("xl/workbook.xml", wb.encode())])


def odt(text):
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    paras = "".join(f"<text:p>{line}</text:p>" for line in text.splitlines() if line)
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:text>{paras}</office:text></office:body></office:document-content>')
    return zip_bytes([("content.xml", content.encode()), ("META-INF/manifest.xml", manifest.encode())],
                     first_stored=("mimetype", b"application/vnd.oasis.opendocument.text"))


def ole2_doc():
    """A minimal compound file (MS-CFB v3): header, one FAT sector, one
    directory sector with the Root Entry and an empty WordDocument stream."""
    free, end, fatsect, nostream = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 0x1000, end, 0, end, 0)
    difat = [0] + [free] * 108
    struct.pack_into("<109I", header, 76, *difat)
    fat = struct.pack("<128I", fatsect, end, *([free] * 126))

    def entry(name, kind, child=nostream):
        e = bytearray(128)
        if name:
            raw = name.encode("utf-16-le") + b"\x00\x00"
            e[0:len(raw)] = raw
            struct.pack_into("<H", e, 64, len(raw))
        e[66] = kind
        e[67] = 1  # black
        struct.pack_into("<III", e, 68, nostream, nostream, child)
        struct.pack_into("<IQ", e, 116, end if name else 0, 0)
        return bytes(e)

    directory = (entry("Root Entry", 5, child=1) + entry("WordDocument", 2)
                 + entry("", 0) + entry("", 0))
    return bytes(header) + fat + directory


def pdf():
    content = b"BT /F1 12 Tf 20 50 Td (Bien ban hop giao ban) Tj ET\n"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def wav():
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        # 40 ms of a square wave: enough to be a real recording.
        frames = b"".join(struct.pack("<h", 8000 if (i // 10) % 2 else -8000) for i in range(320))
        w.writeframes(frames)
    return buf.getvalue()


def mp4():
    ftyp = struct.pack(">I4s4sI4s4s", 24, b"ftyp", b"isom", 0x200, b"isom", b"mp41")
    free = struct.pack(">I4s", 8, b"free")
    mdat = struct.pack(">I4s", 16, b"mdat") + bytes(8)
    return ftyp + free + mdat


def webm():
    body = (bytes.fromhex("4286 81 01") + bytes.fromhex("42F7 81 01") + bytes.fromhex("42F2 81 04")
            + bytes.fromhex("42F3 81 08") + bytes.fromhex("4282 84") + b"webm"
            + bytes.fromhex("4287 81 04") + bytes.fromhex("4285 81 02"))
    ebml = bytes.fromhex("1A45DFA3") + bytes([0x80 | len(body)]) + body
    segment = bytes.fromhex("18538067 01FFFFFFFFFFFFFF")
    return ebml + segment


def ogg_crc(data):
    crc = 0
    for b in data:
        crc ^= b << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else (crc << 1)
            crc &= 0xFFFFFFFF
    return crc


def ogg():
    opus_head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, 312, 48000, 0, 0)
    page = bytearray(b"OggS" + struct.pack("<BBqIII", 0, 0x02, 0, 0x5641434D, 0, 0)
                     + bytes([1, len(opus_head)]) + opus_head)
    struct.pack_into("<I", page, 22, ogg_crc(page))
    return bytes(page)


def mp3():
    title = b"\x00Ghi am cuoc hop"
    frame = b"TIT2" + struct.pack(">IH", len(title), 0) + title
    size = len(frame)
    syncsafe = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
    tag = b"ID3\x03\x00\x00" + syncsafe + frame
    # One MPEG-1 Layer III frame, 128 kbit/s, 44.1 kHz: 417 bytes.
    return tag + bytes.fromhex("FFFB9064") + bytes(413)


def seven_zip():
    """An empty 7z archive: signature header with no next header."""
    tail = struct.pack("<QQI", 0, 0, 0)
    return bytes.fromhex("377ABCAF271C") + b"\x00\x04" + struct.pack("<I", zlib.crc32(tail)) + tail


def rar5():
    """An empty RAR 5 archive: marker, main archive header, end of archive."""
    def header(fields):
        body = bytes([len(fields)]) + fields
        return struct.pack("<I", zlib.crc32(body)) + body
    return bytes.fromhex("526172211A070100") + header(b"\x01\x00\x00") + header(b"\x05\x00\x00")


def gz(data):
    return gzip.compress(data, mtime=0)


# --- the sample set -------------------------------------------------------------

def build():
    mm = "must-match"
    r = "vn_marking_tuyet_mat"
    add(f"{mm}/{r}/stamp_nfc.txt", nfc(TUYET_MAT), [r])
    add(f"{mm}/{r}/stamp_nfd.txt", nfd(TUYET_MAT), [r])
    add(f"{mm}/{r}/stamp_composed.txt", composed(TUYET_MAT), [r])
    add(f"{mm}/{r}/stamp_utf16le.txt", utf16(TUYET_MAT), [r])
    add(f"{mm}/{r}/stamp_tcvn3.txt", encode(LEGACY_TUYET, "tcvn3"), [r])
    add(f"{mm}/{r}/stamp_vni.txt", encode(LEGACY_TUYET, "vni"), [r])
    add(f"{mm}/{r}/stamp_tcvn3_word_utf16.bin", widen(encode(LEGACY_TUYET, "tcvn3")), [r])

    r = "vn_marking_toi_mat"
    add(f"{mm}/{r}/label_nfc.txt", nfc(TOI_MAT), [r])
    add(f"{mm}/{r}/label_nfd.txt", nfd(TOI_MAT), [r])
    add(f"{mm}/{r}/label_composed.txt", composed(TOI_MAT), [r])
    add(f"{mm}/{r}/label_utf16le.txt", utf16(TOI_MAT), [r])
    add(f"{mm}/{r}/stamp_tcvn3.txt", encode(LEGACY_TOI, "tcvn3"), [r])
    add(f"{mm}/{r}/stamp_vni.txt", encode(LEGACY_TOI, "vni"), [r])
    add(f"{mm}/{r}/stamp_vni_word_utf16.bin", widen(encode(LEGACY_TOI, "vni")), [r])
    add(f"{mm}/{r}/decision_nfc.txt", nfc(DECISION), [r, "vn_national_header", "vn_document_number"])
    add(f"{mm}/{r}/decision_nfd.txt", nfd(DECISION), [r, "vn_national_header", "vn_document_number"])

    r = "vn_marking_mat"
    add(f"{mm}/{r}/line_nfc.txt", nfc(MAT_LINE), [r])
    add(f"{mm}/{r}/line_nfd.txt", nfd(MAT_LINE), [r])
    add(f"{mm}/{r}/line_composed.txt", composed(MAT_LINE), [r])
    add(f"{mm}/{r}/label_nfc.txt", nfc(MAT_LABEL), [r])
    add(f"{mm}/{r}/label_upper_nfc.txt", nfc(MAT_LABEL_UPPER), [r])
    add(f"{mm}/{r}/label_nfd.txt", nfd(MAT_LABEL), [r])
    add(f"{mm}/{r}/label_composed.txt", composed(MAT_LABEL), [r])
    # Word .doc text: UTF-16LE paragraphs ended by CR, a table cell by BEL.
    add(f"{mm}/{r}/word_paragraph_utf16le.bin",
        utf16("ỦY BAN NHÂN DÂN XÃ AN BÌNH\rMẬT\rBáo cáo\r", bom=False), [r])
    add(f"{mm}/{r}/word_cell_label_utf16le.bin", utf16("Độ mật: MẬT\x07Số bản: 02\x07", bom=False), [r])
    add(f"{mm}/{r}/line_tcvn3.txt", encode(LEGACY_MAT_LINE, "tcvn3"), [r])
    add(f"{mm}/{r}/label_tcvn3.txt", encode(LEGACY_MAT_LABEL, "tcvn3"), [r])
    add(f"{mm}/{r}/line_vni.txt", encode(LEGACY_MAT_LINE, "vni"), [r])
    add(f"{mm}/{r}/label_vni.txt", encode(LEGACY_MAT_LABEL, "vni"), [r])

    r = "vn_marking_khong_pho_bien"
    add(f"{mm}/{r}/upper_nfc.txt", nfc(KPB_UPPER), [r])
    add(f"{mm}/{r}/upper_nfd.txt", nfd(KPB_UPPER), [r])
    add(f"{mm}/{r}/upper_utf16le.txt", utf16(KPB_UPPER), [r])
    add(f"{mm}/{r}/line_nfc.txt", nfc(KPB_LINE), [r])
    add(f"{mm}/{r}/line_composed.txt", composed(KPB_LINE), [r])
    add(f"{mm}/{r}/upper_tcvn3.txt", encode(LEGACY_KPB, "tcvn3"), [r])
    add(f"{mm}/{r}/upper_vni.txt", encode(LEGACY_KPB, "vni"), [r])
    add(f"{mm}/{r}/line_tcvn3.txt", encode(LEGACY_KPB_LINE, "tcvn3"), [r])
    add(f"{mm}/{r}/line_vni.txt", encode(LEGACY_KPB_LINE, "vni"), [r])

    r = "vn_national_header"
    add(f"{mm}/{r}/header_nfc.txt", nfc(HEADER), [r])
    old_style = HEADER.replace("HÒA", "HOÀ").replace("–", "-")
    add(f"{mm}/{r}/header_old_spelling_nfd.txt", nfd(old_style), [r])
    add(f"{mm}/{r}/header_composed.txt", composed(old_style), [r])
    add(f"{mm}/{r}/header_utf16le.txt",
        utf16("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\r\nĐộc lập - Tự do - Hạnh phúc\r\n"), [r])

    r = "vn_document_number"
    add(f"{mm}/{r}/decision_nfc.txt", nfc("Số: 123/QĐ-UBND\n"), [r])
    add(f"{mm}/{r}/decree_nfc.txt", nfc("Số: 45/2026/NĐ-CP\nNGHỊ ĐỊNH\n"), [r])
    add(f"{mm}/{r}/notice_nfd.txt", nfd("Số: 12/TB-UBND\n"), [r])
    add(f"{mm}/{r}/report_composed.txt", composed("Số: 07/BC-UBND\n"), [r])
    add(f"{mm}/{r}/circular_ascii.txt", b"So: 12/2022/TT-BTTTT\n", [r])
    add(f"{mm}/{r}/blank_template_nfc.txt", nfc("SỐ:      /GM-UBND\n"), [r])
    add(f"{mm}/{r}/dispatch_nfc.txt", nfc("Số: 215/UBND-VP\nV/v tổ chức họp trực tuyến\n"), [r])

    r = "vn_meeting_minutes"
    add(f"{mm}/{r}/minutes_nfc.txt", nfc(MINUTES), [r])
    add(f"{mm}/{r}/minutes_nfd.txt", nfd(MINUTES), [r])
    add(f"{mm}/{r}/minutes_long_utf16le.txt", utf16(MINUTES_LONG), [r])
    add(f"{mm}/{r}/minutes_long_composed.txt", composed(MINUTES_LONG), [r])

    r = "vn_meeting_invitation"
    add(f"{mm}/{r}/invitation_nfc.txt", nfc(INVITATION), [r])
    add(f"{mm}/{r}/invitation_composed.txt", composed(INVITATION), [r])
    add(f"{mm}/{r}/invitation_utf16le.txt", utf16(INVITATION), [r])

    r = "vn_meeting_conclusion_notice"
    add(f"{mm}/{r}/conclusion_nfc.txt", nfc(CONCLUSION), [r])
    add(f"{mm}/{r}/conclusion_nfd.txt", nfd(CONCLUSION), [r])

    # File types. The docx and odt carry a TỐI MẬT decision, compressed:
    # only the container is visible to YARA, which is what the report says.
    add(f"{mm}/filetype_office_ole2/minimal.doc", ole2_doc(), ["filetype_office_ole2"])
    add(f"{mm}/filetype_office_ooxml/decision.docx", docx(DECISION), ["filetype_office_ooxml"])
    add(f"{mm}/filetype_office_ooxml/empty.xlsx", xlsx(), ["filetype_office_ooxml"])
    add(f"{mm}/filetype_office_odf/decision.odt", odt(DECISION), ["filetype_office_odf"])
    add(f"{mm}/filetype_pdf/minimal.pdf", pdf(), ["filetype_pdf"])
    add(f"{mm}/filetype_media_mp4/header.mp4", mp4(), ["filetype_media_mp4"])
    add(f"{mm}/filetype_media_matroska/header.webm", webm(), ["filetype_media_matroska"])
    add(f"{mm}/filetype_media_riff/tone.wav", wav(), ["filetype_media_riff"])
    add(f"{mm}/filetype_media_ogg/opus_head.ogg", ogg(), ["filetype_media_ogg"])
    add(f"{mm}/filetype_media_mp3/tagged.mp3", mp3(), ["filetype_media_mp3"])
    # Compressed text is not visible to YARA (a stored or very short deflate
    # block would be: these texts are long enough to be really compressed).
    notes = nfc(MINUTES * 20)
    add(f"{mm}/filetype_archive_zip/notes.zip", zip_bytes([("notes.txt", notes)]), ["filetype_archive_zip"])
    add(f"{mm}/filetype_archive_7z/empty.7z", seven_zip(), ["filetype_archive_7z"])
    add(f"{mm}/filetype_archive_rar/empty.rar", rar5(), ["filetype_archive_rar"])
    add(f"{mm}/filetype_archive_gzip/minutes.txt.gz", gz(notes), ["filetype_archive_gzip"])

    nm = "must-not-match"
    add(f"{nm}/prose_nfc.txt", nfc(PROSE), [])
    add(f"{nm}/prose_nfd.txt", nfd(PROSE), [])
    add(f"{nm}/prose_composed.txt", composed(PROSE), [])
    add(f"{nm}/prose_utf16le.txt", utf16(PROSE), [])
    add(f"{nm}/prose_tcvn3.txt", encode(LEGACY_PROSE, "tcvn3"), [])
    add(f"{nm}/prose_vni.txt", encode(LEGACY_PROSE, "vni"), [])
    add(f"{nm}/prose_tcvn3_word_utf16.bin", widen(encode(LEGACY_PROSE, "tcvn3")), [])
    add(f"{nm}/email_phone_number.eml", nfc(EMAIL), [])
    add(f"{nm}/plain_english.txt", ENGLISH.encode("ascii"), [])


def write(root):
    for sub in ("must-match", "must-not-match"):
        shutil.rmtree(os.path.join(root, sub), ignore_errors=True)
    lines = ["# Generated by tools/make_samples.py: every sample and the exact set of",
             "# bundled rules that must match it ([] = none). Checked against the yara",
             "# command-line tool (tests/yara) and against libyara through auditor/scan.",
             "samples:"]
    for path in sorted(SAMPLES):
        data, rules = SAMPLES[path]
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(data)
        lines.append(f"  {path}: [{', '.join(rules)}]")
    with open(os.path.join(root, "expectations.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples")
    build()
    write(root)
    print(f"{len(SAMPLES)} samples written to {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
