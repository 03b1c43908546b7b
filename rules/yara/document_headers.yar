// Vietnamese official documents and meeting papers (Decree 30/2020/ND-CP
// on administrative document formats): the national header with its motto,
// the document number line "Số: 123/QĐ-UBND", and the titles of meeting
// papers (minutes, invitation, conclusion notice).
//
// Looked for in UTF-8 NFC, NFD and the keyboard "tổ hợp" form, and UTF-16LE
// (the document number: UTF-8 only). The string definitions are printed by
// tools/legacy_encodings.py; a test checks they are all here.

rule vn_national_header : official_document
{
    meta:
        description = "Vietnamese state document header: national name with the motto 'Independence - Freedom - Happiness'"
        description_vi = "Quốc hiệu và tiêu ngữ của văn bản hành chính (CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM, Độc lập - Tự do - Hạnh phúc)"
        severity = "low"
    strings:
        $name_nfc_1 = { 43 E1 BB 98 4E 47 20 48 C3 92 41 20 58 C3 83 20 48 E1 BB 98 49 20 43 48 E1 BB A6 20 4E 47 48 C4 A8 41 20 56 49 E1 BB 86 54 20 4E 41 4D }
        $name_nfc_2 = { 43 E1 BB 98 4E 47 20 48 4F C3 80 20 58 C3 83 20 48 E1 BB 98 49 20 43 48 E1 BB A6 20 4E 47 48 C4 A8 41 20 56 49 E1 BB 86 54 20 4E 41 4D }
        $name_nfd_1 = { 43 4F CC A3 CC 82 4E 47 20 48 4F CC 80 41 20 58 41 CC 83 20 48 4F CC A3 CC 82 49 20 43 48 55 CC 89 20 4E 47 48 49 CC 83 41 20 56 49 45 CC A3 CC 82 54 20 4E 41 4D }
        $name_nfd_2 = { 43 4F CC A3 CC 82 4E 47 20 48 4F 41 CC 80 20 58 41 CC 83 20 48 4F CC A3 CC 82 49 20 43 48 55 CC 89 20 4E 47 48 49 CC 83 41 20 56 49 45 CC A3 CC 82 54 20 4E 41 4D }
        $name_composed_1 = { 43 C3 94 CC A3 4E 47 20 48 4F CC 80 41 20 58 41 CC 83 20 48 C3 94 CC A3 49 20 43 48 55 CC 89 20 4E 47 48 49 CC 83 41 20 56 49 C3 8A CC A3 54 20 4E 41 4D }
        $name_composed_2 = { 43 C3 94 CC A3 4E 47 20 48 4F 41 CC 80 20 58 41 CC 83 20 48 C3 94 CC A3 49 20 43 48 55 CC 89 20 4E 47 48 49 CC 83 41 20 56 49 C3 8A CC A3 54 20 4E 41 4D }
        $name_utf16le_1 = { 43 00 D8 1E 4E 00 47 00 20 00 48 00 D2 00 41 00 20 00 58 00 C3 00 20 00 48 00 D8 1E 49 00 20 00 43 00 48 00 E6 1E 20 00 4E 00 47 00 48 00 28 01 41 00 20 00 56 00 49 00 C6 1E 54 00 20 00 4E 00 41 00 4D 00 }
        $name_utf16le_2 = { 43 00 D8 1E 4E 00 47 00 20 00 48 00 4F 00 C0 00 20 00 58 00 C3 00 20 00 48 00 D8 1E 49 00 20 00 43 00 48 00 E6 1E 20 00 4E 00 47 00 48 00 28 01 41 00 20 00 56 00 49 00 C6 1E 54 00 20 00 4E 00 41 00 4D 00 }
        $motto_nfc = /\xC4\x90\xE1\xBB\x99c l\xE1\xBA\xADp[ \t]*(-|\xE2\x80\x93)[ \t]*T\xE1\xBB\xB1 do[ \t]*(-|\xE2\x80\x93)[ \t]*H\xE1\xBA\xA1nh ph\xC3\xBAc/
        $motto_nfd = /\xC4\x90o\xCC\xA3\xCC\x82c la\xCC\xA3\xCC\x82p[ \t]*(-|\xE2\x80\x93)[ \t]*Tu\xCC\x9B\xCC\xA3 do[ \t]*(-|\xE2\x80\x93)[ \t]*Ha\xCC\xA3nh phu\xCC\x81c/
        $motto_composed = /\xC4\x90\xC3\xB4\xCC\xA3c l\xC3\xA2\xCC\xA3p[ \t]*(-|\xE2\x80\x93)[ \t]*T\xC6\xB0\xCC\xA3 do[ \t]*(-|\xE2\x80\x93)[ \t]*Ha\xCC\xA3nh phu\xCC\x81c/
        $motto_utf16le = { 10 01 D9 1E 63 00 20 00 6C 00 AD 1E 70 00 20 00 ( 2D 00 | 13 20 ) 20 00 54 00 F1 1E 20 00 64 00 6F 00 20 00 ( 2D 00 | 13 20 ) 20 00 48 00 A1 1E 6E 00 68 00 20 00 70 00 68 00 FA 00 63 00 }
    condition:
        any of ($name*) and any of ($motto*)
}

rule vn_document_number : official_document
{
    meta:
        description = "Official document number line, e.g. 'So: 123/QD-UBND', 'So: 45/2026/ND-CP'"
        description_vi = "Số, ký hiệu văn bản hành chính (ví dụ \"Số: 123/QĐ-UBND\", \"Số: 45/2026/NĐ-CP\")"
        severity = "low"
    strings:
        $number_nfc = /\b(S\xE1\xBB\x91|S\xE1\xBB\x90|So|SO)[ \t]*:[ \t]*([0-9]{1,6}|[ .\t]{1,16})(\/[0-9]{4})?\/(\xC4\x90|[A-Z])(\xC4\x90|[A-Za-z]){0,7}(-(\xC4\x90|[A-Z0-9])(\xC4\x90|[A-Za-z0-9]){0,11}){1,3}/
        $number_nfd = /\b(So\xCC\x82\xCC\x81|SO\xCC\x82\xCC\x81|So|SO)[ \t]*:[ \t]*([0-9]{1,6}|[ .\t]{1,16})(\/[0-9]{4})?\/(\xC4\x90|[A-Z])(\xC4\x90|[A-Za-z]){0,7}(-(\xC4\x90|[A-Z0-9])(\xC4\x90|[A-Za-z0-9]){0,11}){1,3}/
        $number_composed = /\b(S\xC3\xB4\xCC\x81|S\xC3\x94\xCC\x81|So|SO)[ \t]*:[ \t]*([0-9]{1,6}|[ .\t]{1,16})(\/[0-9]{4})?\/(\xC4\x90|[A-Z])(\xC4\x90|[A-Za-z]){0,7}(-(\xC4\x90|[A-Z0-9])(\xC4\x90|[A-Za-z0-9]){0,11}){1,3}/
    condition:
        any of them
}

rule vn_meeting_minutes : official_document meeting
{
    meta:
        description = "Meeting minutes title (BIEN BAN HOP)"
        description_vi = "Tiêu đề biên bản họp (BIÊN BẢN HỌP / BIÊN BẢN CUỘC HỌP)"
        severity = "medium"
    strings:
        $title_nfc_1 = { 42 49 C3 8A 4E 20 42 E1 BA A2 4E 20 48 E1 BB 8C 50 }
        $title_nfc_2 = { 42 49 C3 8A 4E 20 42 E1 BA A2 4E 20 43 55 E1 BB 98 43 20 48 E1 BB 8C 50 }
        $title_nfd_1 = { 42 49 45 CC 82 4E 20 42 41 CC 89 4E 20 48 4F CC A3 50 }
        $title_nfd_2 = { 42 49 45 CC 82 4E 20 42 41 CC 89 4E 20 43 55 4F CC A3 CC 82 43 20 48 4F CC A3 50 }
        $title_composed_1 = { 42 49 C3 8A 4E 20 42 41 CC 89 4E 20 48 4F CC A3 50 }
        $title_composed_2 = { 42 49 C3 8A 4E 20 42 41 CC 89 4E 20 43 55 C3 94 CC A3 43 20 48 4F CC A3 50 }
        $title_utf16le_1 = { 42 00 49 00 CA 00 4E 00 20 00 42 00 A2 1E 4E 00 20 00 48 00 CC 1E 50 00 }
        $title_utf16le_2 = { 42 00 49 00 CA 00 4E 00 20 00 42 00 A2 1E 4E 00 20 00 43 00 55 00 D8 1E 43 00 20 00 48 00 CC 1E 50 00 }
    condition:
        any of them
}

rule vn_meeting_invitation : official_document meeting
{
    meta:
        description = "Meeting invitation title (GIAY MOI)"
        description_vi = "Tiêu đề giấy mời họp (GIẤY MỜI)"
        severity = "medium"
    strings:
        $title_nfc = { 47 49 E1 BA A4 59 20 4D E1 BB 9C 49 }
        $title_nfd = { 47 49 41 CC 82 CC 81 59 20 4D 4F CC 9B CC 80 49 }
        $title_composed = { 47 49 C3 82 CC 81 59 20 4D C6 A0 CC 80 49 }
        $title_utf16le = { 47 00 49 00 A4 1E 59 00 20 00 4D 00 DC 1E 49 00 }
    condition:
        any of them
}

rule vn_meeting_conclusion_notice : official_document meeting
{
    meta:
        description = "Notice of meeting conclusions title (THONG BAO KET LUAN)"
        description_vi = "Tiêu đề thông báo kết luận cuộc họp (THÔNG BÁO KẾT LUẬN)"
        severity = "medium"
    strings:
        $title_nfc = { 54 48 C3 94 4E 47 20 42 C3 81 4F 20 4B E1 BA BE 54 20 4C 55 E1 BA AC 4E }
        $title_nfd = { 54 48 4F CC 82 4E 47 20 42 41 CC 81 4F 20 4B 45 CC 82 CC 81 54 20 4C 55 41 CC A3 CC 82 4E }
        $title_composed = { 54 48 C3 94 4E 47 20 42 41 CC 81 4F 20 4B C3 8A CC 81 54 20 4C 55 C3 82 CC A3 4E }
        $title_utf16le = { 54 00 48 00 D4 00 4E 00 47 00 20 00 42 00 C1 00 4F 00 20 00 4B 00 BE 1E 54 00 20 00 4C 00 55 00 AC 1E 4E 00 }
    condition:
        any of them
}
