-- One violation per (client, server, protocol) that failed to log in at least
-- :min_failures times within :window_s seconds: online password guessing
-- (brute force), or spraying when the failures name several accounts.
-- Failures come from two places, counted once each:
--   * credentials with outcome 'failure': the server refused the secret (HTTP
--     401/403 after credentials, FTP 530, POP3 -ERR, IMAP NO, SMTP 535, LDAP
--     invalidCredentials, SIP 401/407 to an authenticated request or 403);
--   * SIP REGISTER/INVITE transactions in sip_messages (final responses, which
--     repeat the request's Call-ID, CSeq and From, RFC 3261 §8.2.6.2; the frames
--     named are those of the refusals, sent to the client) that were refused:
--     403 Forbidden, or a 401/407 challenge whose previous final
--     response in the same Call-ID was already a 401/407, i.e. the client
--     answered a challenge and was challenged again (RFC 3261 §22.2-22.3).
--     A first 401/407 is the normal digest handshake, and a phone refreshing its
--     registration is challenged after a 200, so neither counts; this is how
--     SIPVicious svcrack (one Call-ID per guess: 401, then 401 or 403) and
--     similar tools show. When credentials already hold SIP failures for a
--     client and server (the probe decoded their digest exchange), that pair is
--     counted from credentials only, so no attempt counts twice.
-- Retransmitted requests and responses (UDP) are folded: one transaction is one
-- attempt. The window slides over the failures of each (client, server,
-- protocol) ordered by time (ts, Unix seconds): the densest span of :window_s
-- seconds is reported when it holds at least :min_failures failures. Accounts
-- are counted within that span (several = spraying). Unanswered attempts do not
-- count: an SNMP agent drops a wrong community silently (RFC 1157 §4.1), so
-- community guessing is not visible here (VC-CRED-004 reports SNMP v1/v2c).
-- TCVN 14423:2026 suggests lockout after 5-10 failures (requirement notes,
-- SRV-01c); the default threshold is 10 in 300 s.
WITH cred_failures AS (
  SELECT c.client_ip AS client, c.server_ip AS server, c.protocol, c.server_port AS port,
         coalesce(c.username, '') AS account, c.ts, c.frame, c.flow_id
  FROM credentials AS c
  WHERE c.outcome = 'failure'
),
sip_credential_pairs AS (
  -- client/server pairs whose SIP digest failures the probe already decoded
  SELECT DISTINCT client, server FROM cred_failures WHERE protocol = 'sip'
),
sip_finals AS (
  -- one row per transaction and final answer (UDP retransmissions folded); a
  -- response repeats the request's Call-ID, CSeq and From (RFC 3261 §8.2.6.2)
  SELECT call_id, cseq, src_ip, dst_ip, status_code, min(ts) AS ts, min(frame) AS frame,
         min(flow_id) AS flow_id, max(from_uri) AS from_uri
  FROM sip_messages
  WHERE method IS NULL AND status_code >= 200 AND call_id IS NOT NULL AND cseq IS NOT NULL
    AND (cseq LIKE '% REGISTER' OR cseq LIKE '% INVITE')
  GROUP BY call_id, cseq, src_ip, dst_ip, status_code
),
sip_ordered AS (
  SELECT s.*, lag(status_code) OVER (PARTITION BY call_id ORDER BY ts, frame) AS previous
  FROM sip_finals AS s
),
sip_userinfo AS (
  SELECT o.dst_ip AS client, o.src_ip AS server, o.ts, o.frame, o.flow_id,
         CASE WHEN instr(o.from_uri, '@') > instr(o.from_uri, ':')
              THEN substr(o.from_uri, instr(o.from_uri, ':') + 1, instr(o.from_uri, '@') - instr(o.from_uri, ':') - 1)
              ELSE '' END AS userinfo
  FROM sip_ordered AS o
  WHERE (o.status_code = 403 OR (o.status_code IN (401, 407) AND o.previous IN (401, 407)))
    AND NOT EXISTS (SELECT 1 FROM sip_credential_pairs AS p WHERE p.client = o.dst_ip AND p.server = o.src_ip)
),
sip_failures AS (
  -- a password in the URI (sip:user:password@host) is cut off, never shown
  SELECT client, server, 'sip' AS protocol, NULL AS port,
         CASE WHEN instr(userinfo, ':') > 0 THEN substr(userinfo, 1, instr(userinfo, ':') - 1) ELSE userinfo END AS account,
         ts, frame, flow_id
  FROM sip_userinfo
),
failures AS (
  SELECT * FROM cred_failures
  UNION ALL
  SELECT * FROM sip_failures
),
windowed AS (
  SELECT f.*,
         count(*) OVER (PARTITION BY client, server, protocol ORDER BY ts
                        RANGE BETWEEN CURRENT ROW AND CAST(:window_s AS REAL) FOLLOWING) AS in_window
  FROM failures AS f
),
densest AS (
  SELECT w.*,
         row_number() OVER (PARTITION BY client, server, protocol ORDER BY in_window DESC, ts, frame) AS pick
  FROM windowed AS w
),
bursts AS (
  SELECT client, server, protocol, ts AS t0, ts + CAST(:window_s AS REAL) AS t_end, in_window,
         flow_id AS first_flow, frame AS first_frame
  FROM densest
  WHERE pick = 1 AND in_window >= CAST(:min_failures AS INTEGER)
)
SELECT
  b.client || ' -> ' || b.server || ' ' || b.protocol AS subject,
  b.in_window || ' failed ' || upper(b.protocol) || ' logins within ' || CAST(:window_s AS INTEGER) ||
    ' s (threshold ' || CAST(:min_failures AS INTEGER) || ') starting ' || datetime(b.t0, 'unixepoch') || ' UTC, ' ||
    (SELECT count(DISTINCT g.account) FROM failures AS g
      WHERE g.client = b.client AND g.server = b.server AND g.protocol = b.protocol
        AND g.ts >= b.t0 AND g.ts <= b.t_end) || ' account(s) tried in that span (' ||
    (SELECT CASE WHEN count(DISTINCT g.account) > 1 THEN 'password spraying: ' ELSE 'guessing one account: ' END ||
            substr(group_concat(DISTINCT coalesce(nullif(g.account, ''), '(none)')), 1, 200)
       FROM failures AS g
      WHERE g.client = b.client AND g.server = b.server AND g.protocol = b.protocol
        AND g.ts >= b.t0 AND g.ts <= b.t_end) || '); ' ||
    (SELECT count(*) || ' failure(s) in all from ' || datetime(min(g.ts), 'unixepoch') || ' to ' ||
            datetime(max(g.ts), 'unixepoch') || ' UTC' || coalesce(', port(s) ' || group_concat(DISTINCT g.port), '')
       FROM failures AS g
      WHERE g.client = b.client AND g.server = b.server AND g.protocol = b.protocol) ||
    coalesce((SELECT '; ' || count(*) || ' later login(s) from this client SUCCEEDED (see VC-CRED-006)'
                FROM credentials AS s
               WHERE s.client_ip = b.client AND s.server_ip = b.server AND s.protocol = b.protocol
                 AND s.outcome = 'success' AND s.ts > b.t0
              HAVING count(*) > 0), '') AS detail,
  'first failure of the burst: flow ' || b.first_flow || ' frame ' || coalesce(b.first_frame, '?') ||
    '; last in the span: ' ||
    (SELECT 'flow ' || g.flow_id || ' frame ' || coalesce(g.frame, '?') FROM failures AS g
      WHERE g.client = b.client AND g.server = b.server AND g.protocol = b.protocol
        AND g.ts >= b.t0 AND g.ts <= b.t_end
      ORDER BY g.ts DESC, g.frame DESC LIMIT 1) ||
    coalesce(', input ' || (SELECT group_concat(DISTINCT fl.input_id) FROM flows AS fl WHERE fl.flow_id = b.first_flow), '')
    AS evidence
FROM bursts AS b
ORDER BY b.client, b.server, b.protocol
