-- One violation per handshake whose negotiated version is below TLS 1.2
-- (DTLS 1.0 is the datagram form of TLS 1.1).
SELECT
  f.dst_ip || ':' || f.dst_port || coalesce(' (' || t.sni || ')', '') AS subject,
  t.version || ' negotiated with ' || coalesce(t.cipher, '?') ||
    '; client offered ' || coalesce(t.client_versions, '?') AS detail,
  'flow ' || t.flow_id || ', input ' || f.input_id || ', frame ' || f.first_frame AS evidence
FROM tls_sessions AS t
JOIN flows AS f USING (flow_id)
WHERE t.version IN ('SSL2', 'SSL3', 'TLS1.0', 'TLS1.1', 'DTLS1.0', 'DTLS1.0-pre')
ORDER BY t.flow_id
