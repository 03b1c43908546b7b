// File types that matter to an investigation: documents, media recordings
// and archives. They carry no verdict (severity info); their tags let a
// report say "a document / a recording / an archive was carried" and tell
// what the content rules could not see (compressed containers).
// Magic numbers: OLE2 compound file (MS-CFB §2.2), ZIP local file header
// (APPNOTE 4.3.7), ODF package mimetype entry (ODF 1.2 part 3 §3.3), PDF
// header (ISO 32000-1 §7.5.2), ISO base media ftyp box (ISO/IEC 14496-12
// §4.3), EBML header (RFC 8794 §8), RIFF (WAVE, AVI), Ogg page (RFC 3533 §6),
// ID3v2 tag, 7z signature, RAR 4/5 marker, gzip member (RFC 1952 §2.3.1).

rule filetype_office_ole2 : filetype document office
{
    meta:
        description = "Microsoft Office binary document (OLE2 compound file: .doc, .xls, .ppt)"
        description_vi = "Tài liệu Office định dạng nhị phân OLE2 (.doc, .xls, .ppt)"
        severity = "info"
    strings:
        $word = "WordDocument" wide
        $excel = "Workbook" wide
        $excel_old = "Book" wide
        $powerpoint = "PowerPoint Document" wide
    condition:
        uint32be(0) == 0xD0CF11E0 and uint32be(4) == 0xA1B11AE1 and any of them
}

rule filetype_office_ooxml : filetype document office
{
    meta:
        description = "Office Open XML document (.docx, .xlsx, .pptx: a zip with word/, xl/ or ppt/ parts)"
        description_vi = "Tài liệu Office Open XML (.docx, .xlsx, .pptx)"
        severity = "info"
    strings:
        $content_types = "[Content_Types].xml"
        $word = "word/"
        $excel = "xl/"
        $powerpoint = "ppt/"
    condition:
        uint32(0) == 0x04034B50 and $content_types and ($word or $excel or $powerpoint)
}

rule filetype_office_odf : filetype document office
{
    meta:
        description = "OpenDocument file (.odt, .ods, .odp): zip whose first entry is the ODF mimetype"
        description_vi = "Tài liệu OpenDocument (.odt, .ods, .odp)"
        severity = "info"
    strings:
        $mimetype = "mimetypeapplication/vnd.oasis.opendocument."
    condition:
        uint32(0) == 0x04034B50 and $mimetype at 30
}

rule filetype_pdf : filetype document pdf
{
    meta:
        description = "PDF document"
        description_vi = "Tài liệu PDF"
        severity = "info"
    strings:
        $header = "%PDF-"
    condition:
        $header in (0..1024)
}

rule filetype_media_mp4 : filetype media
{
    meta:
        description = "MP4 / QuickTime MOV / 3GP recording (ISO base media file with an ftyp box)"
        description_vi = "Tệp ghi hình/ghi âm MP4, MOV, 3GP"
        severity = "info"
    condition:
        uint32be(4) == 0x66747970 and uint32be(0) >= 8
}

rule filetype_media_matroska : filetype media
{
    meta:
        description = "Matroska / WebM recording (EBML header)"
        description_vi = "Tệp ghi hình Matroska / WebM"
        severity = "info"
    condition:
        uint32be(0) == 0x1A45DFA3
}

rule filetype_media_riff : filetype media
{
    meta:
        description = "RIFF WAVE audio or AVI video recording"
        description_vi = "Tệp ghi âm WAV hoặc ghi hình AVI"
        severity = "info"
    condition:
        uint32be(0) == 0x52494646 and (uint32be(8) == 0x57415645 or uint32be(8) == 0x41564920)
}

rule filetype_media_ogg : filetype media
{
    meta:
        description = "Ogg audio/video (Opus, Vorbis, Theora)"
        description_vi = "Tệp âm thanh/ghi hình Ogg"
        severity = "info"
    condition:
        uint32be(0) == 0x4F676753 and uint8(4) == 0
}

rule filetype_media_mp3 : filetype media
{
    meta:
        description = "MP3 audio with an ID3v2 tag"
        description_vi = "Tệp âm thanh MP3 (có thẻ ID3v2)"
        severity = "info"
    condition:
        uint16be(0) == 0x4944 and uint8(2) == 0x33 and uint8(3) >= 2 and uint8(3) <= 4
}

rule filetype_archive_zip : filetype archive
{
    meta:
        description = "ZIP archive (other than an Office or OpenDocument file)"
        description_vi = "Tệp nén ZIP"
        severity = "info"
    condition:
        uint32(0) == 0x04034B50 and not filetype_office_ooxml and not filetype_office_odf
}

rule filetype_archive_7z : filetype archive
{
    meta:
        description = "7-Zip archive"
        description_vi = "Tệp nén 7z"
        severity = "info"
    condition:
        uint32be(0) == 0x377ABCAF and uint16be(4) == 0x271C
}

rule filetype_archive_rar : filetype archive
{
    meta:
        description = "RAR archive (version 4 or 5)"
        description_vi = "Tệp nén RAR"
        severity = "info"
    condition:
        uint32be(0) == 0x52617221 and uint16be(4) == 0x1A07
}

rule filetype_archive_gzip : filetype archive
{
    meta:
        description = "gzip compressed file"
        description_vi = "Tệp nén gzip"
        severity = "info"
    condition:
        uint16be(0) == 0x1F8B and uint8(2) == 0x08
}
