-- Weak list documented in rule.yaml. GLOB is case-sensitive, as IANA names are.
SELECT
  f.dst_ip || ':' || f.dst_port || coalesce(' (' || t.sni || ')', '') AS subject,
  t.cipher || ' negotiated (' || coalesce(t.version, '?') || ')' AS detail,
  'flow ' || t.flow_id || ', input ' || f.input_id || ', frame ' || f.first_frame AS evidence
FROM tls_sessions AS t
JOIN flows AS f USING (flow_id)
WHERE t.cipher IS NOT NULL AND (
     t.cipher GLOB '*_WITH_NULL_*' OR t.cipher GLOB '*_NULL_WITH_*' OR t.cipher GLOB '*_anon_*'
  OR t.cipher GLOB '*EXPORT*' OR t.cipher GLOB '*_RC4_*' OR t.cipher GLOB '*_DES_*'
  OR t.cipher GLOB '*_DES40_*' OR t.cipher GLOB '*3DES*' OR t.cipher GLOB '*_MD5'
  OR t.cipher GLOB '*_CBC_SHA')
ORDER BY t.flow_id
