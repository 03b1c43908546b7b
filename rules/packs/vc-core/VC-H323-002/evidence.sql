-- Judged only when a logical channel's media type was read (a Setup's fastStart offers alone decide nothing).
SELECT count(*) FROM h245_messages AS o
WHERE o.message = 'openLogicalChannel' AND o.encrypted IS NOT NULL
  AND NOT (o.carrier = 'faststart' AND EXISTS (
    SELECT 1 FROM h323_messages AS h
    WHERE h.flow_id = o.flow_id AND h.frame = o.frame AND h.protocol = 'q931' AND h.message = 'setup'))
