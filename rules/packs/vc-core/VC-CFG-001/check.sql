-- One violation per device whose configuration lets SIP travel without TLS:
-- a non-placeholder sip.transport (probes/config/vocabulary.md) that is
--   udp, tcp  plain SIP (RFC 3261 §18),
--   ws        SIP over WebSocket without TLS (RFC 7118; only wss is protected),
--   auto      the device picks the transport itself (e.g. RoomOS SIP.DefaultTransport
--             Auto), so nothing forces TLS,
--   dnsnaptr  the transport follows the server's DNS NAPTR records (RFC 3263 §4.1,
--             Polycom voIpProt.server.N.transport="DNSnaptr"): UDP or TCP whenever the
--             records say so.
-- A device that also lists tls still counts: TLS offered is not TLS enforced, and a
-- peer (or an attacker's downgrade) can use the cleartext transport.
-- Placeholders (template variables, e.g. $${internal_ssl_enable}) are left out: their
-- meaning is unknown, so a device whose only transports are placeholders is not judged.
WITH t AS (
  SELECT DISTINCT s.device_id, s.input_id, s.line, lower(s.value) AS transport,
    CASE WHEN s.source = 'default'
      THEN 'input ' || s.input_id || ' ' || coalesce(nullif(s.raw_key, ''), s.key) || ' (product default: the file does not set it)'
      ELSE 'input ' || s.input_id || CASE WHEN coalesce(s.line, 0) > 0 THEN ' line ' || s.line ELSE '' END ||
           ' (' || coalesce(nullif(s.raw_key, ''), s.key) || ')'
    END AS ref
  FROM device_settings AS s
  WHERE s.key = 'sip.transport' AND coalesce(s.placeholder, 0) = 0
),
bad AS (
  SELECT * FROM t
  WHERE transport IN ('udp', 'tcp', 'ws', 'auto', 'dnsnaptr')
  ORDER BY device_id, input_id, line
)
SELECT
  b.device_id AS subject,
  'SIP transport ' || replace(group_concat(DISTINCT b.transport), ',', ', ') || ' configured: ' ||
    CASE WHEN EXISTS (SELECT 1 FROM t WHERE t.device_id = b.device_id AND t.transport IN ('tls', 'wss'))
      THEN 'TLS is offered too but not enforced'
      ELSE 'no TLS transport'
    END ||
    CASE WHEN sum(b.transport IN ('auto', 'dnsnaptr')) > 0
      THEN ' (automatic or DNS NAPTR selection lets the device use UDP or TCP)'
      ELSE ''
    END AS detail,
  (SELECT group_concat(ref, '; ') FROM (SELECT DISTINCT input_id, line, ref FROM bad AS x
     WHERE x.device_id = b.device_id ORDER BY input_id, line)) AS evidence
FROM bad AS b
GROUP BY b.device_id
ORDER BY b.device_id
