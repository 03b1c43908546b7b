-- One violation per client address whose ClientHello offered a broken suite
-- (client_cipher_suites: IANA names in offer order, GREASE left out):
--   NULL encryption  ..._WITH_NULL_... (RFC 5246 §A.5; also TLS_NULL_WITH_NULL_NULL)
--   anonymous        ..._anon_...      (no server authentication)
--   EXPORT           ..._EXPORT_...    (40/56-bit keys; FREAK, Logjam)
--   RC4              ..._RC4_...       (RFC 7465 forbids it)
--   single DES       ..._WITH_DES_CBC_... and DES40 (56-bit key)
-- The families are matched by substring on the comma-separated list; names
-- are case-sensitive as IANA writes them. The detail names the families and
-- the servers the client spoke to (by SNI when sent).
WITH offers AS (
  SELECT f.src_ip AS client, f.dst_ip || ':' || f.dst_port || coalesce(' (' || t.sni || ')', '') AS server,
         t.flow_id, f.input_id, f.first_frame,
         instr(t.client_cipher_suites, '_WITH_NULL_') > 0 OR instr(t.client_cipher_suites, 'TLS_NULL_WITH') > 0 AS null_enc,
         instr(t.client_cipher_suites, '_anon_') > 0 AS anon,
         instr(t.client_cipher_suites, 'EXPORT') > 0 AS export,
         instr(t.client_cipher_suites, '_RC4_') > 0 AS rc4,
         instr(t.client_cipher_suites, '_WITH_DES_') > 0 OR instr(t.client_cipher_suites, '_DES40_') > 0 AS des
  FROM tls_sessions AS t
  JOIN flows AS f USING (flow_id)
  WHERE t.client_cipher_suites IS NOT NULL
)
SELECT
  client AS subject,
  'offers broken suites (' ||
    trim(CASE WHEN max(null_enc) THEN 'NULL ' ELSE '' END || CASE WHEN max(anon) THEN 'anon ' ELSE '' END ||
         CASE WHEN max(export) THEN 'EXPORT ' ELSE '' END || CASE WHEN max(rc4) THEN 'RC4 ' ELSE '' END ||
         CASE WHEN max(des) THEN 'DES' ELSE '' END) ||
    ') in ' || count(*) || ' handshake(s), to ' || group_concat(DISTINCT server) AS detail,
  'flows ' || group_concat(DISTINCT flow_id) || ', input ' || group_concat(DISTINCT input_id) ||
    ', first frame ' || min(first_frame) AS evidence
FROM offers
WHERE null_enc OR anon OR export OR rc4 OR des
GROUP BY client
ORDER BY client
