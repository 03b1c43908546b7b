-- One violation per server certificate and per problem, naming the servers that
-- presented it. Only leaf certificates are judged (tls_sessions.cert_sha256 names the
-- first certificate of the server's Certificate message, RFC 8446 §4.4.2 / RFC 5246
-- §7.4.2); chain certificates are not tied to sessions in the facts, and a root's own
-- self-signature or SHA-1 signature is never checked by clients anyway.
-- Problems:
--   expired / not yet valid: the session's time (tls_sessions.ts, else the flow's first
--     packet) is after not_after or before not_before (RFC 5280 §4.1.2.5). The capture's
--     time is used, not the audit day, so an old capture is judged as it was.
--   self-signed: subject equals issuer and the certificate verifies with its own key.
--     Clients cannot validate it against any CA, so users learn to click through
--     warnings and a man in the middle goes unnoticed. Exception: DTLS-SRTP sessions
--     (dtls = 1 with a use_srtp profile) where self-signed certificates are the norm and
--     are authenticated by the SDP a=fingerprint instead (RFC 5763 §5, RFC 8827 §6.5;
--     VC-MEDIA-004 checks that). The site policy's trust_anchors are not facts yet, so a
--     certificate the site pinned on purpose still shows here: record a waiver for it.
--     A certificate whose issuer merely has the same name but another key (a private CA
--     named like the server) is not self-signed and is not flagged.
--   weak key: RSA (also RSA-PSS) or DSA below 2048 bits, EC below 256 bits (NIST SP
--     800-57 Part 1 / SP 800-131A: 112-bit security at least; RFC 9325 §4.5).
--   weak signature: the certificate is signed with SHA-1 or MD5 (or MD2/MD4): collisions
--     are practical (RFC 9155, RFC 6151), so such certificates can be forged.
-- When :allowed_networks is declared, only servers inside it are judged (the meeting
-- system's own); traffic to outside servers is VC-NET-001's finding.
WITH certs AS MATERIALIZED (
  SELECT lower(cert_sha256) AS sha, subject, issuer, not_before, not_after, key_type, key_bits, sig_alg, self_signed
  FROM certificates
),
leaf AS (
  SELECT t.flow_id, f.input_id, f.first_frame, t.dtls, t.version, t.sni, t.srtp_profile,
         coalesce(t.ts, f.first_ts) AS at,
         CASE WHEN f.src_port = t.server_port AND f.dst_port <> t.server_port THEN f.src_ip ELSE f.dst_ip END AS server,
         coalesce(t.server_port, f.dst_port) AS port,
         c.sha, c.subject AS dn, c.issuer, c.not_before, c.not_after,
         c.key_type, c.key_bits, c.sig_alg, c.self_signed
  FROM tls_sessions AS t
  JOIN flows AS f USING (flow_id)
  JOIN certs AS c ON c.sha = lower(t.cert_sha256)
),
judged AS MATERIALIZED (
  SELECT * FROM leaf
  WHERE :allowed_networks = '' OR ip_in_cidrs(server, :allowed_networks)
),
problems AS (
  SELECT 'expired certificate' AS problem,
         'valid until ' || datetime(not_after, 'unixepoch') || ' UTC' AS what, *
  FROM judged WHERE not_after IS NOT NULL AND at > not_after
  UNION ALL
  SELECT 'certificate not yet valid',
         'valid only from ' || datetime(not_before, 'unixepoch') || ' UTC (check the server clock)', *
  FROM judged WHERE not_before IS NOT NULL AND at < not_before
  UNION ALL
  SELECT 'self-signed certificate',
         'self-signed: no CA vouches for it, clients cannot validate it (trust anchors are not checked yet: '
           || 'waive it if the site pinned it on purpose)', *
  FROM judged WHERE self_signed = 1 AND NOT (dtls = 1 AND srtp_profile IS NOT NULL)
  UNION ALL
  SELECT key_type || ' ' || key_bits || '-bit key',
         key_type || ' key of ' || key_bits || ' bits (at least ' ||
           CASE WHEN upper(key_type) = 'EC' THEN '256' ELSE '2048' END || ' required)', *
  FROM judged
  WHERE key_bits IS NOT NULL AND (
        (upper(key_type) IN ('RSA', 'RSA-PSS', 'RSASSA-PSS', 'DSA') AND key_bits < 2048)
     OR (upper(key_type) = 'EC' AND key_bits < 256))
  UNION ALL
  SELECT sig_alg || ' signature',
         'signed with ' || sig_alg || ' (SHA-1/MD5 collisions allow forged certificates)', *
  FROM judged
  WHERE lower(sig_alg) GLOB '*sha1*' OR lower(sig_alg) GLOB '*sha-1*' OR lower(sig_alg) GLOB '*md5*'
     OR lower(sig_alg) GLOB '*md2*' OR lower(sig_alg) GLOB '*md4*'
     OR lower(sig_alg) IN ('shawithrsaencryption', 'dsawithsha', 'dsawithsha1-old')
)
SELECT
  problem || ': ' || coalesce(dn, '?') || ' [' || substr(sha, 1, 16) || ']' AS subject,
  what || '; presented by ' || group_concat(DISTINCT server || ':' || port || coalesce(' (' || sni || ')', '')) ||
    ' in ' || count(DISTINCT flow_id) || ' ' ||
    CASE WHEN max(dtls) = 1 AND min(dtls) = 1 THEN 'DTLS' WHEN max(dtls) = 1 THEN 'TLS/DTLS' ELSE 'TLS' END ||
    ' session(s) (' || group_concat(DISTINCT coalesce(version, '?')) || ') from ' ||
    coalesce(datetime(min(at), 'unixepoch'), '?') || ' to ' || coalesce(datetime(max(at), 'unixepoch'), '?') ||
    ' UTC; issuer ' || coalesce(issuer, '?') AS detail,
  'certificate SHA-256 ' || sha || '; flows ' || group_concat(DISTINCT flow_id) || ', input ' ||
    group_concat(DISTINCT input_id) || ', first frames ' || group_concat(DISTINCT coalesce(first_frame, '?')) AS evidence
FROM problems
GROUP BY sha, problem
ORDER BY sha, problem
