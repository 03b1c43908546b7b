-- One violation per SNMP agent (credentials.server_ip: the address the request
-- or trap was sent to) reached with a version that has no real security:
--   * v1 (RFC 1157) and v2c (RFC 1901, RFC 3416): the community string is the
--     only "password" and travels in clear in every packet (RFC 3584 §2);
--   * v3 noAuthNoPriv (RFC 3414 §3.1, mechanism 'v3-noauth'): a user name and
--     nothing that proves it.
-- SNMPv3 with authentication (authNoPriv, authPriv) is not recorded by the probe
-- and never appears here. Uses on udp/162 are traps or informs sent to a
-- manager; the detail says so. A community on the weak/default list (the
-- factory "public"/"private" pair and the like: credentials.weak = 1) is called
-- out with the kind of list entry that matched, never the community itself.
-- An agent that answered (outcome success) accepted the community: read (or
-- write) access is open to anyone who captured it. An agent discards a request
-- with a wrong community without answering (RFC 1157 §4.1), so "no answer" is the
-- usual refusal.
WITH snmp AS (
  SELECT c.*, f.input_id
  FROM credentials AS c
  LEFT JOIN flows AS f USING (flow_id)
  WHERE c.protocol = 'snmp' AND c.mechanism IN ('v1', 'v2c', 'v3-noauth')
),
first_use AS (
  SELECT server_ip, flow_id, frame,
         row_number() OVER (PARTITION BY server_ip ORDER BY weak = 1 DESC, outcome = 'success' DESC, ts, frame) AS nth
  FROM snmp
)
SELECT
  s.server_ip || ' SNMP' AS subject,
  'SNMP ' || group_concat(DISTINCT s.mechanism) || ' used by ' || (CASE WHEN count(DISTINCT s.client_ip) <= 10 THEN group_concat(DISTINCT s.client_ip) ELSE substr(group_concat(DISTINCT s.client_ip), 1, 160) || '…' END) ||
    ' on udp/' || group_concat(DISTINCT coalesce(s.server_port, '?')) ||
    CASE WHEN max(s.server_port = 162) = 1 THEN ' (162: traps/informs to this manager)' ELSE '' END ||
    CASE WHEN count(DISTINCT s.secret_hmac) > 0
         THEN '; ' || count(DISTINCT s.secret_hmac) || ' distinct community string(s) in clear' ELSE '' END ||
    coalesce('; v3 users without authentication: ' ||
      group_concat(DISTINCT CASE WHEN s.mechanism = 'v3-noauth' THEN coalesce(nullif(s.username, ''), '(empty)') END), '') ||
    CASE WHEN max(s.weak = 1) = 1
         THEN '; WEAK/DEFAULT community in use (list: ' ||
              group_concat(DISTINCT CASE WHEN s.weak = 1 THEN coalesce(s.weak_source, 'weak/default list') END) || ')' ||
              CASE WHEN max(s.weak = 1 AND s.outcome = 'success') = 1 THEN ' and the agent answered it' ELSE '' END
         ELSE '' END ||
    '; answered ' || sum(s.outcome = 'success') || ' of ' || count(*) || ' use(s)' ||
    '; ' || datetime(min(s.ts), 'unixepoch') || ' to ' || datetime(max(s.ts), 'unixepoch') || ' UTC' AS detail,
  'flow ' || u.flow_id || ' frame ' || coalesce(u.frame, '?') ||
    CASE WHEN count(DISTINCT s.flow_id) > 10 THEN ' (first of ' || count(DISTINCT s.flow_id) || ' flows)'
         WHEN count(DISTINCT s.flow_id) > 1 THEN ' (of flows ' || group_concat(DISTINCT s.flow_id) || ')' ELSE '' END ||
    ', input ' || coalesce(group_concat(DISTINCT s.input_id), '?') AS evidence
FROM snmp AS s
JOIN first_use AS u ON u.server_ip = s.server_ip AND u.nth = 1
GROUP BY s.server_ip
ORDER BY s.server_ip
