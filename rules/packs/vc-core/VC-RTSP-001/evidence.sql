-- Judged only when some RTSP SETUP was seen (a Transport header): an RTSP
-- flow without SETUP, or no RTSP at all, says nothing about the media.
SELECT count(*) FROM rtsp_messages WHERE transport_profile IS NOT NULL
