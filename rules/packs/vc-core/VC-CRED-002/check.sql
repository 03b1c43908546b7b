-- One violation per (server address, account): a secret that matches the
-- weak/default list (credentials.weak = 1) was used against that server.
-- The probe tests every cleartext password or community against the list, and
-- recomputes digest responses (RFC 7616 §3.4.1, RFC 3261 §22.4) for each list
-- entry, so a weak SIP or HTTP Digest password is found from the captured hash
-- alone: an attacker with the same capture can do the same offline.
-- weak_source names which kind of entry matched (vendor default, common weak
-- password, site list); the secret and its redacted form are never shown.
-- How bad it is depends on the server's answer, and the detail says so first:
--   * accepted (outcome success): the account really uses a default or weak
--     password; anyone can log in with it. Worst case.
--   * refused only: someone tried a default/weak password (a misconfigured device
--     or a guessing attacker, see VC-CRED-005); the account does not use it.
--   * no answer seen: the capture does not show whether it worked.
-- An SNMP community has no account name: the account is "community".
WITH weak AS (
  SELECT c.*, f.input_id,
         CASE WHEN c.protocol = 'snmp' AND coalesce(c.username, '') = '' THEN 'community'
              ELSE 'user ' || coalesce(nullif(c.username, ''), '(none)') END AS account
  FROM credentials AS c
  LEFT JOIN flows AS f USING (flow_id)
  WHERE c.weak = 1
),
per_account AS (
  SELECT server_ip, account,
         count(*) AS uses,
         sum(outcome = 'success') AS accepted,
         sum(outcome = 'failure') AS refused,
         group_concat(DISTINCT protocol || '/' || coalesce(server_port, '?') || ' ' || coalesce(mechanism, '?')) AS via,
         group_concat(DISTINCT coalesce(weak_source, 'weak/default list')) AS sources,
         CASE WHEN count(DISTINCT client_ip) <= 10 THEN group_concat(DISTINCT client_ip) ELSE substr(group_concat(DISTINCT client_ip), 1, 160) || '…' END AS clients,
         max(secret_kind = 'digest') AS from_digest,
         min(ts) AS t0, max(ts) AS t1,
         group_concat(DISTINCT input_id) AS inputs
  FROM weak
  GROUP BY server_ip, account
),
first_use AS (
  -- The first accepted use if there is one, else the first use: the frame to open.
  SELECT server_ip, account, flow_id, frame,
         row_number() OVER (PARTITION BY server_ip, account
                            ORDER BY outcome = 'success' DESC, ts, frame) AS nth
  FROM weak
)
SELECT
  p.server_ip || ' ' || p.account AS subject,
  CASE
    WHEN p.accepted > 0 THEN 'LOGIN SUCCEEDED with a default/weak password ' || p.accepted ||
      ' time(s): the account really uses it and anyone can log in (worse than a refused attempt)'
    WHEN p.refused > 0 THEN 'default/weak password tried and refused ' || p.refused ||
      ' time(s): the account does not use it, but someone is trying known passwords'
    ELSE 'default/weak password sent; the server''s answer was not captured, so it may work'
  END ||
    '; list matched: ' || p.sources || '; via ' || p.via || ' from ' || p.clients ||
    '; ' || p.uses || ' use(s) between ' || datetime(p.t0, 'unixepoch') || ' and ' ||
    datetime(p.t1, 'unixepoch') || ' UTC' ||
    CASE WHEN p.from_digest = 1
         THEN '; the digest use(s) matched by recomputing the response: anyone with this capture can recover the password offline'
         ELSE '' END AS detail,
  'flow ' || u.flow_id || ' frame ' || coalesce(u.frame, '?') ||
    CASE WHEN p.accepted > 0 THEN ' (accepted login)' ELSE ' (first use)' END ||
    ', input ' || coalesce(p.inputs, '?') AS evidence
FROM per_account AS p
JOIN first_use AS u ON u.server_ip = p.server_ip AND u.account = p.account AND u.nth = 1
ORDER BY p.accepted > 0 DESC, p.server_ip, p.account
