-- One violation per declared device (:device_addresses) that appears in the
-- capture but sent no syslog to an approved collector.
-- Syslog transports (:syslog_ports): UDP 514 (RFC 5426), TCP 514 (RFC 6587),
-- TLS 6514 (RFC 5425), DTLS 6514 (RFC 6012). Over TCP the collector must have
-- answered (the connection was up); UDP syslog is one-way, so any datagram counts.
-- "Appears" = the device initiated a flow, or answered one (responder packets > 0).
-- Devices that do not appear are not judged; neither are devices whose traffic
-- spans less than :min_observed_seconds. When :log_collectors is declared, syslog
-- to other addresses does not count (the detail names them).
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
logs AS (
  SELECT d.addr, f.dst_ip AS collector, f.transport || '/' || f.dst_port AS via,
         (f.transport = 'udp' OR f.dst_packets > 0) AS delivered,
         (:log_collectors = '' OR ip_in_cidrs(f.dst_ip, :log_collectors)) AS approved
  FROM devices AS d
  JOIN flows AS f ON ip_in_cidrs(f.src_ip, d.addr)
  WHERE in_list(f.transport || '/' || f.dst_port, :syslog_ports)
),
per_device AS (
  SELECT addr,
         sum(delivered AND approved) AS good,
         group_concat(DISTINCT CASE WHEN approved AND NOT delivered THEN collector || ' (' || via || ')' END) AS refused,
         group_concat(DISTINCT CASE WHEN NOT approved THEN collector END) AS others
  FROM logs
  GROUP BY addr
)
SELECT
  s.addr AS subject,
  CASE
    WHEN p.refused IS NOT NULL THEN 'syslog connection to ' || p.refused || ' never answered by the collector'
    WHEN p.others IS NOT NULL THEN 'syslog only to undeclared collector(s) ' || p.others || ' (declared: ' || :log_collectors || ')'
    ELSE 'no syslog (' || :syslog_ports || ') from this device'
  END ||
    '; device observed for ' || printf('%.0f', coalesce(s.t1 - s.t0, 0)) || ' s (' || s.flows || ' flow(s), ' ||
    coalesce(datetime(s.t0, 'unixepoch'), '?') || ' to ' || coalesce(datetime(s.t1, 'unixepoch'), '?') || ' UTC)' AS detail,
  'input ' || s.inputs || ', first flow ' || s.first_flow AS evidence
FROM seen AS s
LEFT JOIN per_device AS p USING (addr)
WHERE coalesce(p.good, 0) = 0
  AND coalesce(s.t1 - s.t0, 0) >= CAST(:min_observed_seconds AS REAL)
ORDER BY s.addr
