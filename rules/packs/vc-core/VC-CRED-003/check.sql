-- One violation per (server address, port, protocol, realm) whose digest
-- authentication (HTTP/RTSP RFC 7616, SIP RFC 3261 §22.4 and RFC 8760) was seen
-- in a weak form. An attempt counts when any of these holds:
--   * no qop (credentials.qop = ''): RFC 2069 compatibility mode. Without qop
--     there is no client nonce (cnonce) and no nonce count, so a captured
--     response is valid for as long as the server accepts the nonce (replay),
--     and a rogue server can choose the nonce, which makes precomputed guessing
--     easier. RFC 2617 §3.2.2 kept it only for RFC 2069 clients; RFC 7616 §3.3
--     makes qop mandatory in every challenge.
--   * MD5 or MD5-sess (absent algorithm means MD5, RFC 7616 §3.3) when the site
--     sets :digest_sha256_required. RFC 8760 brings SHA-256 and SHA-512/256 to
--     SIP and keeps MD5 for backward compatibility; TCVN 11930:2017 and the
--     requirement notes name no digest algorithm per level, so this is a site
--     choice (default false), not a level parameter. MD5 digests are cheap to
--     test offline: VC-CRED-002 already reports the weak passwords found so.
--   * a replay: the probe saw the same (realm, nonce, nonce count) again
--     (nonce_reused = 1) and the server did not refuse it (outcome success or no
--     answer). With qop the nonce count must grow (RFC 7616 §3.4), so a repeat
--     that is accepted means the server does not check it. A SIP retransmission
--     over UDP repeats the request unchanged (RFC 3261 §17.1.1.2, at most 64*T1 =
--     32 s); a repeat on the same flow from the same client, for the same
--     account and target, within 32 s of an earlier attempt is taken for one and
--     not counted.
-- qop=auth / auth-int with SHA-256 (or MD5 when the site allows it) and fresh
-- nonces is not a finding.
WITH digests AS (
  SELECT c.*, f.input_id,
         upper(coalesce(nullif(c.algorithm, ''), 'MD5')) AS alg,
         c.server_ip || ' ' || c.protocol || '/' || coalesce(c.server_port, '?') ||
           ' realm "' || coalesce(c.realm, '') || '"' AS subject,
         -- the previous attempt of the same client on the same flow, account and target
         lag(c.ts) OVER (PARTITION BY c.flow_id, c.client_ip, c.username, c.target ORDER BY c.ts, c.frame) AS previous_ts
  FROM credentials AS c
  LEFT JOIN flows AS f USING (flow_id)
  WHERE c.secret_kind = 'digest' OR c.mechanism = 'digest'
),
flagged AS (
  SELECT d.*,
         coalesce(d.qop, '') = '' AS no_qop,
         lower(:digest_sha256_required) IN ('true', 'yes', '1') AND d.alg IN ('MD5', 'MD5-SESS') AS md5,
         coalesce(d.nonce_reused, 0) = 1
           AND coalesce(d.outcome, 'unknown') <> 'failure'
           AND NOT coalesce(d.ts - d.previous_ts <= 32.0, 0) AS replay
  FROM digests AS d
),
bad AS (
  SELECT f.*,
         row_number() OVER (PARTITION BY subject ORDER BY ts, frame) AS nth,
         row_number() OVER (PARTITION BY subject ORDER BY ts DESC, frame DESC) AS nth_last
  FROM flagged AS f
  WHERE no_qop OR md5 OR replay
)
SELECT
  subject,
  upper(protocol) || ' digest: ' ||
    trim(
      CASE WHEN sum(no_qop) > 0 THEN sum(no_qop) || ' attempt(s) without qop (RFC 2069 mode: no client nonce or ' ||
        'counter, a captured response can be replayed while the nonce is valid); ' ELSE '' END ||
      CASE WHEN sum(md5) > 0 THEN sum(md5) || ' attempt(s) with ' || group_concat(DISTINCT CASE WHEN md5 THEN alg END) ||
        ' while the site requires SHA-256 (RFC 8760); ' ELSE '' END ||
      CASE WHEN sum(replay) > 0 THEN sum(replay) || ' repeated response(s) (same nonce and nonce count) not refused: ' ||
        'the server does not reject replays; ' ELSE '' END, '; ') ||
    '; accounts ' || CASE WHEN count(DISTINCT coalesce(nullif(username, ''), '(none)')) <= 10 THEN group_concat(DISTINCT coalesce(nullif(username, ''), '(none)')) ELSE substr(group_concat(DISTINCT coalesce(nullif(username, ''), '(none)')), 1, 160) || '…' END ||
    ' from ' || count(DISTINCT client_ip) || ' client(s); algorithm ' || group_concat(DISTINCT alg) ||
    ', qop ' || group_concat(DISTINCT coalesce(nullif(qop, ''), 'none')) ||
    '; ' || sum(outcome = 'success') || ' of ' || count(*) || ' accepted' AS detail,
  'first flow ' || max(CASE WHEN nth = 1 THEN flow_id END) || ' frame ' ||
    coalesce(max(CASE WHEN nth = 1 THEN frame END), '?') ||
    CASE WHEN count(*) > 1 THEN ', last flow ' || max(CASE WHEN nth_last = 1 THEN flow_id END) || ' frame ' ||
      coalesce(max(CASE WHEN nth_last = 1 THEN frame END), '?') ELSE '' END ||
    ', input ' || coalesce(group_concat(DISTINCT input_id), '?') AS evidence
FROM bad
GROUP BY subject
ORDER BY subject
