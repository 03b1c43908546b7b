-- Judged only when a Setup or Connect was read far enough to know its tokens.
SELECT count(*) FROM h323_messages WHERE protocol = 'q931' AND message IN ('setup', 'connect') AND h235 IS NOT NULL
