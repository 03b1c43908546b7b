-- One violation per (client, server, protocol) where a login SUCCEEDED right
-- after a burst of failures: at least :min_failures refused attempts from the
-- same client to the same server and protocol in the :window_s seconds before
-- the success (ts, Unix seconds; a failure with the very same capture time
-- counts as preceding). That is the signature of a guessing attack that found
-- a password (e.g. SIPVicious svcrack: REGISTER after REGISTER refused with
-- 401/403, then one 200 OK), or of spraying that hit a weak account, so the
-- account must be treated as compromised until proven otherwise.
-- Failures and the success are read from credentials (every protocol whose
-- server answer the probe decoded, SIP digest included); SIP refusals seen only
-- in sip_messages carry no account and are reported by VC-CRED-005. The first
-- such success is reported, with how many more followed. The evidence names the
-- frame of the success and of the first failure of its window.
WITH counted AS (
  -- failures in the window up to each attempt (RANGE over ts; attempts with the
  -- very same capture time count as preceding)
  SELECT c.*,
         sum(c.outcome = 'failure') OVER (PARTITION BY c.client_ip, c.server_ip, c.protocol ORDER BY c.ts
                                          RANGE BETWEEN CAST(:window_s AS REAL) PRECEDING AND CURRENT ROW)
           AS failures_before
  FROM credentials AS c
),
after_burst AS (
  SELECT s.*,
         row_number() OVER (PARTITION BY client_ip, server_ip, protocol ORDER BY ts, frame) AS nth,
         count(*) OVER (PARTITION BY client_ip, server_ip, protocol) AS hits
  FROM counted AS s
  WHERE s.outcome = 'success' AND s.failures_before >= CAST(:min_failures AS INTEGER)
),
window_failures AS (
  SELECT a.client_ip, a.server_ip, a.protocol, f.username, f.ts, f.frame, f.flow_id,
         row_number() OVER (PARTITION BY a.client_ip, a.server_ip, a.protocol ORDER BY f.ts, f.frame) AS nth
  FROM after_burst AS a
  JOIN credentials AS f
    ON f.outcome = 'failure' AND f.client_ip = a.client_ip AND f.server_ip = a.server_ip
   AND f.protocol = a.protocol
   AND f.ts >= a.ts - CAST(:window_s AS REAL) AND f.ts <= a.ts
  WHERE a.nth = 1
)
SELECT
  a.client_ip || ' -> ' || a.server_ip || ' ' || a.protocol AS subject,
  'LOGIN SUCCEEDED as "' || coalesce(nullif(a.username, ''), '(no account name)') || '" over ' || upper(a.protocol) ||
    '/' || coalesce(a.server_port, '?') || ' at ' || datetime(a.ts, 'unixepoch') || ' UTC after ' ||
    a.failures_before || ' failed attempt(s) in the preceding ' || CAST(:window_s AS INTEGER) || ' s (threshold ' ||
    CAST(:min_failures AS INTEGER) || ') on ' ||
    (SELECT count(DISTINCT w.username) FROM window_failures AS w
      WHERE w.client_ip = a.client_ip AND w.server_ip = a.server_ip AND w.protocol = a.protocol) || ' account(s)' ||
    CASE WHEN EXISTS (SELECT 1 FROM window_failures AS w
                       WHERE w.client_ip = a.client_ip AND w.server_ip = a.server_ip AND w.protocol = a.protocol
                         AND w.username IS a.username)
         THEN '; the password of this account was likely guessed'
         ELSE '; the account that succeeded was not among those that failed (spraying hit, or a shared client)' END ||
    CASE WHEN a.weak = 1 THEN '; the password is on the weak/default list (' || coalesce(a.weak_source, 'weak/default list') || ')' ELSE '' END ||
    CASE WHEN a.hits > 1 THEN '; ' || (a.hits - 1) || ' more success(es) after a burst followed' ELSE '' END ||
    '. Treat the account as compromised: change its password and review what was done with it' AS detail,
  'success: flow ' || a.flow_id || ' frame ' || coalesce(a.frame, '?') ||
    '; first failure of the burst: flow ' || w.flow_id || ' frame ' || coalesce(w.frame, '?') ||
    coalesce(', input ' || (SELECT group_concat(DISTINCT fl.input_id) FROM flows AS fl
                             WHERE fl.flow_id IN (a.flow_id, w.flow_id)), '') AS evidence
FROM after_burst AS a
JOIN window_failures AS w
  ON w.client_ip = a.client_ip AND w.server_ip = a.server_ip AND w.protocol = a.protocol AND w.nth = 1
WHERE a.nth = 1
ORDER BY a.client_ip, a.server_ip, a.protocol
