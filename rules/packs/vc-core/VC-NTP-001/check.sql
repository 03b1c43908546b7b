-- One violation per declared device (:device_addresses) that appears in the
-- capture but shows no answered NTP exchange with an approved server.
-- NTP is UDP port 123 (RFC 5905; SNTP RFC 4330): the device sends a client
-- request to udp/123 and the server's reply comes back on the same flow, so an
-- answered exchange is a flow from the device to udp/123 with responder packets > 0.
-- "Appears" = the device initiated a flow, or answered one (responder packets > 0).
-- Devices that do not appear are not judged; neither are devices whose traffic
-- spans less than :min_observed_seconds. When :ntp_servers is declared, NTP with
-- other servers does not count (the detail names them).
-- The comma list is split with a recursive CTE; addresses are compared with
-- ip_in_cidrs, so IPv6 spellings and CIDR entries both match.
WITH RECURSIVE split(item, rest) AS (
  SELECT '', replace(:device_addresses, ' ', '') || ','
  UNION ALL
  SELECT substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)
  FROM split WHERE rest <> ''
),
devices AS (
  SELECT DISTINCT item AS addr FROM split WHERE item <> ''
),
seen AS (
  SELECT d.addr, count(*) AS flows, min(f.first_ts) AS t0, max(f.last_ts) AS t1,
         group_concat(DISTINCT f.input_id) AS inputs, min(f.flow_id) AS first_flow
  FROM devices AS d
  JOIN flows AS f
    ON ip_in_cidrs(f.src_ip, d.addr) OR (ip_in_cidrs(f.dst_ip, d.addr) AND f.dst_packets > 0)
  GROUP BY d.addr
),
ntp AS (
  SELECT d.addr, f.dst_ip AS server, f.dst_packets > 0 AS answered,
         (:ntp_servers = '' OR ip_in_cidrs(f.dst_ip, :ntp_servers)) AS approved
  FROM devices AS d
  JOIN flows AS f ON ip_in_cidrs(f.src_ip, d.addr)
  WHERE f.transport = 'udp' AND f.dst_port = 123
),
per_device AS (
  SELECT addr,
         sum(answered AND approved) AS good,
         group_concat(DISTINCT CASE WHEN approved AND NOT answered THEN server END) AS silent,
         group_concat(DISTINCT CASE WHEN NOT approved THEN server END) AS others
  FROM ntp
  GROUP BY addr
)
SELECT
  s.addr AS subject,
  CASE
    WHEN p.silent IS NOT NULL THEN 'NTP requests to ' || p.silent || ' got no answer'
    WHEN p.others IS NOT NULL THEN 'NTP only with undeclared server(s) ' || p.others || ' (declared: ' || :ntp_servers || ')'
    ELSE 'no NTP (udp/123) request from this device'
  END ||
    '; device observed for ' || printf('%.0f', coalesce(s.t1 - s.t0, 0)) || ' s (' || s.flows || ' flow(s), ' ||
    coalesce(datetime(s.t0, 'unixepoch'), '?') || ' to ' || coalesce(datetime(s.t1, 'unixepoch'), '?') || ' UTC)' AS detail,
  'input ' || s.inputs || ', first flow ' || s.first_flow AS evidence
FROM seen AS s
LEFT JOIN per_device AS p USING (addr)
WHERE coalesce(p.good, 0) = 0
  AND coalesce(s.t1 - s.t0, 0) >= CAST(:min_observed_seconds AS REAL)
ORDER BY s.addr
