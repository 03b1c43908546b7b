-- One violation per device of role turn whose relay may reach private networks:
-- its turn.denied_peers (CIDR list or 'none'; several rows are joined) does not
-- cover each of 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918), nor 127.0.0.0/8
-- (RFC 1122 loopback) when loopback peers are allowed (turn.loopback_peers = on, or
-- no turn.loopback_peers setting at all). A TURN relay (RFC 8656) forwards to any peer
-- a client names unless the server restricts peers (RFC 8656 Security Considerations);
-- coturn CVE-2020-26262 (loopback reached through 0.0.0.0) shows the danger.
-- A range counts as covered when one denied CIDR contains both its first and its
-- last address; a range split over several smaller entries is not recognised.
-- coturn's defaults are facts with source = default (no denied peers; loopback peers
-- refused since allow-loopback-peers replaced no-loopback-peers).
-- Not judged: a turn device with no turn.denied_peers setting (nothing known), or with
-- a placeholder among them (it could cover any range).
WITH RECURSIVE turn AS (
  SELECT DISTINCT device_id FROM devices WHERE lower(role) = 'turn'
),
denied AS (
  SELECT s.device_id, s.input_id, s.line, s.value, coalesce(s.placeholder, 0) AS ph,
    CASE WHEN s.source = 'default'
      THEN 'input ' || s.input_id || ' ' || coalesce(nullif(s.raw_key, ''), s.key) || ' (product default: the file does not set it)'
      ELSE 'input ' || s.input_id || CASE WHEN coalesce(s.line, 0) > 0 THEN ' line ' || s.line ELSE '' END ||
           ' (' || coalesce(nullif(s.raw_key, ''), s.key) || ')'
    END AS ref
  FROM device_settings AS s
  JOIN turn USING (device_id)
  WHERE s.key = 'turn.denied_peers'
),
judged AS (
  SELECT device_id FROM denied GROUP BY device_id HAVING sum(ph = 0) > 0 AND sum(ph = 1) = 0
),
split(device_id, item, rest) AS (
  SELECT device_id, '', replace(value, ' ', ',') || ','
  FROM denied WHERE ph = 0 AND lower(trim(value)) <> 'none'
  UNION ALL
  SELECT device_id, substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)
  FROM split WHERE rest <> ''
),
items AS (
  SELECT DISTINCT device_id, item FROM split WHERE item <> ''
),
ranges(name, first_ip, last_ip, loopback, ord) AS (
  VALUES ('10.0.0.0/8', '10.0.0.0', '10.255.255.255', 0, 1),
         ('172.16.0.0/12', '172.16.0.0', '172.31.255.255', 0, 2),
         ('192.168.0.0/16', '192.168.0.0', '192.168.255.255', 0, 3),
         ('127.0.0.0/8 (loopback)', '127.0.0.0', '127.255.255.255', 1, 4)
),
loopback_state AS (
  SELECT s.device_id,
         sum(coalesce(s.placeholder, 0) = 0 AND lower(s.value) = 'on') AS allowed,
         group_concat(
           CASE WHEN s.source = 'default'
             THEN 'input ' || s.input_id || ' ' || coalesce(nullif(s.raw_key, ''), s.key) || ' (product default: the file does not set it)'
             ELSE 'input ' || s.input_id || CASE WHEN coalesce(s.line, 0) > 0 THEN ' line ' || s.line ELSE '' END ||
                  ' (' || coalesce(nullif(s.raw_key, ''), s.key) || ')'
           END, '; ') AS refs
  FROM device_settings AS s
  WHERE s.key = 'turn.loopback_peers'
  GROUP BY s.device_id
),
open_ranges AS (
  SELECT j.device_id, r.name, r.loopback, r.ord
  FROM judged AS j
  CROSS JOIN ranges AS r
  LEFT JOIN loopback_state AS l ON l.device_id = j.device_id
  WHERE NOT EXISTS (
      SELECT 1 FROM items AS i
      WHERE i.device_id = j.device_id AND ip_in_cidrs(r.first_ip, i.item) AND ip_in_cidrs(r.last_ip, i.item))
    AND (r.loopback = 0 OR l.device_id IS NULL OR l.allowed > 0)
  ORDER BY j.device_id, r.ord
)
SELECT
  o.device_id AS subject,
  'TURN relay may reach ' || group_concat(o.name, ', ') ||
    CASE WHEN (SELECT count(*) FROM items AS i WHERE i.device_id = o.device_id) = 0
      THEN ', as it denies no peer range' ELSE ', which its denied-peer ranges do not cover' END ||
    ': any meeting account can use it to reach internal hosts' AS detail,
  (SELECT group_concat(d.ref, '; ') FROM denied AS d WHERE d.device_id = o.device_id) ||
    CASE WHEN sum(o.loopback) > 0
      THEN coalesce('; ' || (SELECT l.refs FROM loopback_state AS l WHERE l.device_id = o.device_id), '; no turn.loopback_peers setting')
      ELSE '' END AS evidence
FROM open_ranges AS o
GROUP BY o.device_id
ORDER BY o.device_id
