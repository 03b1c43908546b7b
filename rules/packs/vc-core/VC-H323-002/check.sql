-- One violation per H.323 logical channel opened with a plain media dataType
-- (audioData, videoData, data: encrypted = 0) rather than h235Media. Channels
-- are opened on the separate H.245 connection, tunnelled in H.225.0, or by
-- fastStart; a Setup's fastStart elements are only offers, so only those the
-- answering side returns (Call Proceeding, Alerting, Connect...) count. The
-- media address comes from the channel's openLogicalChannelAck when one was
-- seen on the same flow, else from the channel itself.
WITH opened AS (
  SELECT o.* FROM h245_messages AS o
  WHERE o.message = 'openLogicalChannel' AND o.encrypted = 0
    AND NOT (o.carrier = 'faststart' AND EXISTS (
      SELECT 1 FROM h323_messages AS h
      WHERE h.flow_id = o.flow_id AND h.frame = o.frame AND h.protocol = 'q931' AND h.message = 'setup'))
)
SELECT
  o.src_ip || ' -> ' || o.dst_ip AS subject,
  'H.323 ' || coalesce(o.media, 'media') || ' channel ' || coalesce(o.channel, '?') ||
    coalesce(' (' || o.codec || ')', '') || ' opened with dataType ' || o.data_type ||
    ', not h235Media: the media is not encrypted' ||
    coalesce(', sent to ' || coalesce(a.media_addr, o.media_addr) || ':' || coalesce(a.media_port, o.media_port), '') ||
    coalesce(' (call ' || o.call_id || ')', '') AS detail,
  'flow ' || o.flow_id || ', input ' || coalesce(f.input_id, '?') || ', ' || o.carrier || ' frame ' || o.frame ||
    coalesce(', ack frame ' || a.frame, '') AS evidence
FROM opened AS o
LEFT JOIN flows AS f ON f.flow_id = o.flow_id
LEFT JOIN h245_messages AS a
  ON a.flow_id = o.flow_id AND a.message = 'openLogicalChannelAck' AND a.channel = o.channel AND a.src_ip = o.dst_ip
     AND a.rowid = (SELECT min(x.rowid) FROM h245_messages AS x
                    WHERE x.flow_id = o.flow_id AND x.message = 'openLogicalChannelAck' AND x.channel = o.channel
                      AND x.src_ip = o.dst_ip AND x.frame >= o.frame)
ORDER BY o.frame, o.channel
