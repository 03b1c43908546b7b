-- Judged only when at least one stream's protection could be decided (encrypted
-- 0 or 1): streams that are all "unknown" say nothing either way.
SELECT count(*) FROM rtp_streams WHERE encrypted IS NOT NULL
