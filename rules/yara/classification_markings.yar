// Vietnamese security-classification stamps (Law 29/2018/QH14 on
// protecting state secrets: "TUYỆT MẬT" > "TỐI MẬT" > "MẬT"; and the
// distribution marking "KHÔNG PHỔ BIẾN").
//
// Only the stamp form counts: the uppercase phrase. "MẬT" alone is also part
// of ordinary words ("mật khẩu" password, "bí mật" secret, "mật độ"
// density), so it counts only as an uppercase token alone on its line or as
// the value after the label "Độ mật:" / "ĐỘ MẬT:". Lowercase or sentence-case
// mentions inside prose ("tài liệu tối mật") are deliberately not matched:
// they talk about classified material, they do not mark it.
//
// Each phrase is looked for in UTF-8 NFC, NFD and the keyboard "tổ hợp" form,
// UTF-16LE, TCVN3 (ABC) and VNI-Windows. The string definitions are printed
// by tools/legacy_encodings.py (tables and sources there); a test checks they
// are all here, so edit the script and copy its output rather than the hex.
// Text inside compressed containers (docx, odt, zip) is not visible to YARA.

rule vn_marking_tuyet_mat : classification marking
{
    meta:
        description = "Classification stamp TOP SECRET (TUYET MAT, the highest state-secret level)"
        description_vi = "Dấu mức độ mật TUYỆT MẬT (bí mật nhà nước độ Tuyệt mật)"
        severity = "critical"
    strings:
        $stamp_nfc = { 54 55 59 E1 BB 86 54 20 4D E1 BA AC 54 }
        $stamp_nfd = { 54 55 59 45 CC A3 CC 82 54 20 4D 41 CC A3 CC 82 54 }
        $stamp_composed = { 54 55 59 C3 8A CC A3 54 20 4D C3 82 CC A3 54 }
        $stamp_utf16le = { 54 00 55 00 59 00 C6 1E 54 00 20 00 4D 00 AC 1E 54 00 }
        $stamp_tcvn3 = /TUY\xD6T M\xCBT/ ascii wide
        $stamp_vni = /TUYE\xC4T MA\xC4T/ ascii wide
    condition:
        any of them
}

rule vn_marking_toi_mat : classification marking
{
    meta:
        description = "Classification stamp SECRET (TOI MAT, second state-secret level)"
        description_vi = "Dấu mức độ mật TỐI MẬT (bí mật nhà nước độ Tối mật)"
        severity = "high"
    strings:
        $stamp_nfc = { 54 E1 BB 90 49 20 4D E1 BA AC 54 }
        $stamp_nfd = { 54 4F CC 82 CC 81 49 20 4D 41 CC A3 CC 82 54 }
        $stamp_composed = { 54 C3 94 CC 81 49 20 4D C3 82 CC A3 54 }
        $stamp_utf16le = { 54 00 D0 1E 49 00 20 00 4D 00 AC 1E 54 00 }
        $stamp_tcvn3 = /T\xE8I M\xCBT/ ascii wide
        $stamp_vni = /TO\xC1I MA\xC4T/ ascii wide
    condition:
        any of them
}

rule vn_marking_mat : classification marking
{
    meta:
        description = "Classification stamp CONFIDENTIAL (MAT) alone on a line or after the label 'Do mat:'"
        description_vi = "Dấu mức độ MẬT (đứng riêng một dòng hoặc sau nhãn \"Độ mật:\")"
        severity = "medium"
    strings:
        $line_nfc = /(^|[\r\n\x0B])[ \t]*M\xE1\xBA\xACT[ \t]*([\r\n\x07\x0B]|$)/
        $line_nfd = /(^|[\r\n\x0B])[ \t]*MA\xCC\xA3\xCC\x82T[ \t]*([\r\n\x07\x0B]|$)/
        $line_composed = /(^|[\r\n\x0B])[ \t]*M\xC3\x82\xCC\xA3T[ \t]*([\r\n\x07\x0B]|$)/
        $line_utf16le = { ( FF FE | 0A 00 | 0D 00 | 0B 00 ) 4D 00 AC 1E 54 00 ( 0A 00 | 0D 00 | 0B 00 | 07 00 ) }
        $line_tcvn3 = /(^|[\r\n\x0B])[ \t]*M\xCBT[ \t]*([\r\n\x07\x0B]|$)/ ascii wide
        $line_vni = /(^|[\r\n\x0B])[ \t]*MA\xC4T[ \t]*([\r\n\x07\x0B]|$)/ ascii wide
        $label_nfc = /(\xC4\x90\xE1\xBB\x99 m\xE1\xBA\xADt|\xC4\x90\xE1\xBB\x98 M\xE1\xBA\xACT)[ \t]*:[ \t]*M\xE1\xBA\xACT([^A-Za-z\x80-\xFF]|$)/
        $label_nfd = /(\xC4\x90o\xCC\xA3\xCC\x82 ma\xCC\xA3\xCC\x82t|\xC4\x90O\xCC\xA3\xCC\x82 MA\xCC\xA3\xCC\x82T)[ \t]*:[ \t]*MA\xCC\xA3\xCC\x82T([^A-Za-z\x80-\xFF]|$)/
        $label_composed = /(\xC4\x90\xC3\xB4\xCC\xA3 m\xC3\xA2\xCC\xA3t|\xC4\x90\xC3\x94\xCC\xA3 M\xC3\x82\xCC\xA3T)[ \t]*:[ \t]*M\xC3\x82\xCC\xA3T([^A-Za-z\x80-\xFF]|$)/
        $label_utf16le = { ( 10 01 D9 1E 20 00 6D 00 AD 1E 74 00 | 10 01 D8 1E 20 00 4D 00 AC 1E 54 00 ) 3A 00 [0-2] 4D 00 AC 1E 54 00 ( 0A 00 | 0D 00 | 0B 00 | 07 00 ) }
        $label_tcvn3 = /(\xA7\xE9 m\xCBt|\xA7\xE9 M\xCBT)[ \t]*:[ \t]*M\xCBT([^A-Za-z\x80-\xFF]|$)/ ascii wide
        $label_vni = /(\xD1o\xE4 ma\xE4t|\xD1O\xC4 MA\xC4T)[ \t]*:[ \t]*MA\xC4T([^A-Za-z\x80-\xFF]|$)/ ascii wide
    condition:
        any of them
}

rule vn_marking_khong_pho_bien : classification marking
{
    meta:
        description = "Distribution marking NOT FOR PUBLIC RELEASE (KHONG PHO BIEN)"
        description_vi = "Dấu \"KHÔNG PHỔ BIẾN\" (tài liệu hạn chế phổ biến)"
        severity = "low"
    strings:
        $upper_nfc = { 4B 48 C3 94 4E 47 20 50 48 E1 BB 94 20 42 49 E1 BA BE 4E }
        $upper_nfd = { 4B 48 4F CC 82 4E 47 20 50 48 4F CC 82 CC 89 20 42 49 45 CC 82 CC 81 4E }
        $upper_composed = { 4B 48 C3 94 4E 47 20 50 48 C3 94 CC 89 20 42 49 C3 8A CC 81 4E }
        $upper_utf16le = { 4B 00 48 00 D4 00 4E 00 47 00 20 00 50 00 48 00 D4 1E 20 00 42 00 49 00 BE 1E 4E 00 }
        $upper_tcvn3 = /KH[\xA4\xAB]NG PH\xE6 BI\xD5N/ ascii wide
        $upper_vni = /KHO\xC2NG PHO\xC5 BIE\xC1N/ ascii wide
        $line_nfc = /(^|[\r\n\x0B])[ \t]*Kh\xC3\xB4ng ph\xE1\xBB\x95 bi\xE1\xBA\xBFn[ \t]*([\r\n\x07\x0B]|$)/
        $line_nfd = /(^|[\r\n\x0B])[ \t]*Kho\xCC\x82ng pho\xCC\x82\xCC\x89 bie\xCC\x82\xCC\x81n[ \t]*([\r\n\x07\x0B]|$)/
        $line_composed = /(^|[\r\n\x0B])[ \t]*Kh\xC3\xB4ng ph\xC3\xB4\xCC\x89 bi\xC3\xAA\xCC\x81n[ \t]*([\r\n\x07\x0B]|$)/
        $line_utf16le = { ( FF FE | 0A 00 | 0D 00 | 0B 00 ) 4B 00 68 00 F4 00 6E 00 67 00 20 00 70 00 68 00 D5 1E 20 00 62 00 69 00 BF 1E 6E 00 ( 0A 00 | 0D 00 | 0B 00 | 07 00 ) }
        $line_tcvn3 = /(^|[\r\n\x0B])[ \t]*Kh\xABng ph\xE6 bi\xD5n[ \t]*([\r\n\x07\x0B]|$)/ ascii wide
        $line_vni = /(^|[\r\n\x0B])[ \t]*Kho\xE2ng pho\xE5 bie\xE1n[ \t]*([\r\n\x07\x0B]|$)/ ascii wide
    condition:
        any of them
}
