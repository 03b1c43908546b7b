-- One violation per (server address, port, protocol, account): a secret crossed
-- the network readable by anyone on the path (credentials.cleartext = 1, set by
-- the probe only when the password or community itself was in the packet):
--   HTTP/RTSP Basic (RFC 7617 §2: base64 is an encoding, not a protection) and
--   HTML form logins over plain HTTP; FTP USER/PASS (RFC 959 §4.1.1); Telnet
--   logins (RFC 854); POP3 USER/PASS (RFC 1939 §7), IMAP LOGIN (RFC 9051 §6.2.3),
--   SMTP AUTH PLAIN/LOGIN (RFC 4954, RFC 4616) without TLS; LDAP simple bind
--   (RFC 4513 §5.1.3 forbids it without confidentiality protection); SNMP v1/v2c
--   communities (RFC 1157 §3.2.5, RFC 3584).
-- Not counted:
--   * Digest (HTTP RFC 7616, SIP RFC 3261 §22.4): only a hash of the password
--     crosses the network (cleartext = 0). Its weaknesses are VC-CRED-003's and,
--     when the hash was matched against the weak list, VC-CRED-002's.
--   * Anonymous FTP (RFC 1635): the "password" is by convention the user's
--     e-mail address (mechanism 'anonymous', secret_kind 'email'); it opens no
--     account and proves nothing, so its disclosure is not a credential leak.
--     Anonymous FTP as a service is still cleartext management/file transfer:
--     VC-MGMT-001 reports the FTP server. A user named "anonymous" who typed a real
--     password is recorded by the probe as secret_kind 'password' and is counted.
--   * secret_kind 'none' (e.g. SNMPv3 noAuthNoPriv: no secret at all; VC-CRED-004).
-- The detail gives counts, time span, outcomes, the clients and the number of
-- distinct secrets (by their keyed hash); never the secret or its redacted form.
-- Evidence lists the first five uses and the last one (flow and frame) so an
-- inspector can open them in Wireshark.
WITH leaks AS (
  SELECT c.*, f.input_id,
         c.server_ip || ' ' || c.protocol || '/' || coalesce(c.server_port, '?') || ' ' ||
           CASE WHEN c.protocol = 'snmp' AND coalesce(c.username, '') = '' THEN 'community'
                ELSE 'user ' || coalesce(nullif(c.username, ''), '(none)') END AS subject,
         CASE WHEN c.protocol = 'snmp' THEN 'SNMP ' || coalesce(c.mechanism, '') || ' community string'
              WHEN c.mechanism = 'basic' THEN upper(c.protocol) || ' Basic authentication'
              WHEN c.mechanism = 'form' THEN upper(c.protocol) || ' form login'
              WHEN c.protocol = 'ldap' AND c.mechanism = 'simple' THEN 'LDAP simple bind'
              WHEN c.mechanism = 'url' THEN upper(c.protocol) || ' credentials in the URL'
              WHEN c.protocol = 'telnet' THEN 'Telnet login'
              WHEN c.protocol = 'ftp' THEN 'FTP USER/PASS login'
              ELSE upper(c.protocol) || ' ' || upper(coalesce(c.mechanism, '')) || ' login' END AS label
  FROM credentials AS c
  LEFT JOIN flows AS f USING (flow_id)
  WHERE c.cleartext = 1
    AND coalesce(c.mechanism, '') <> 'anonymous'
    AND coalesce(c.secret_kind, '') NOT IN ('email', 'none')
),
numbered AS (
  SELECT subject, flow_id, frame, ts,
         row_number() OVER (PARTITION BY subject ORDER BY ts, frame) AS nth,
         count(*) OVER (PARTITION BY subject) AS uses
  FROM leaks
),
shown AS (
  SELECT subject,
         group_concat('flow ' || flow_id || ' frame ' || coalesce(frame, '?'), '; ')
           OVER (PARTITION BY subject ORDER BY nth ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS list,
         row_number() OVER (PARTITION BY subject ORDER BY nth) AS one
  FROM numbered
  WHERE nth <= 5 OR nth = uses
)
SELECT
  l.subject AS subject,
  group_concat(DISTINCT l.label) || ' sent in clear ' || count(*) || ' time(s) by ' || count(DISTINCT l.client_ip) || ' client(s) (' ||
    (CASE WHEN count(DISTINCT l.client_ip) <= 10 THEN group_concat(DISTINCT l.client_ip) ELSE substr(group_concat(DISTINCT l.client_ip), 1, 160) || '…' END) || ') between ' || datetime(min(l.ts), 'unixepoch') || ' and ' ||
    datetime(max(l.ts), 'unixepoch') || ' UTC; outcomes: ' ||
    sum(l.outcome = 'success') || ' accepted, ' || sum(l.outcome = 'failure') || ' refused, ' ||
    sum(coalesce(l.outcome, 'unknown') NOT IN ('success', 'failure')) || ' unanswered; ' ||
    count(DISTINCT l.secret_hmac) || ' distinct secret(s)' ||
    coalesce('; target ' || max(l.target), '') ||
    CASE WHEN sum(l.outcome = 'success') > 0
         THEN '. Anyone who captured this traffic can reuse it: change the secret after moving to an encrypted protocol'
         ELSE '' END ||
    CASE WHEN max(l.weak) = 1 THEN ' (the secret is also on the weak/default list: VC-CRED-002)' ELSE '' END AS detail,
  s.list || CASE WHEN count(*) > 6 THEN ' (' || count(*) || ' uses: first five and last shown)' ELSE '' END ||
    ', input ' || coalesce(group_concat(DISTINCT l.input_id), '?') AS evidence
FROM leaks AS l
JOIN shown AS s ON s.subject = l.subject AND s.one = 1
GROUP BY l.subject
ORDER BY l.subject
