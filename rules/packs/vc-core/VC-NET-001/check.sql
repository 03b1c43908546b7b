-- One violation per outside address, with the flows that reached it.
WITH outside AS (
  SELECT flow_id, input_id, dst_ip AS addr, dst_port AS port, transport, app, bytes, first_ts, last_ts
  FROM flows
  WHERE NOT ip_in_cidrs(dst_ip, :allowed_networks) AND NOT ip_in_cidrs(dst_ip, :ignore_networks)
  UNION
  SELECT flow_id, input_id, src_ip, src_port, transport, app, bytes, first_ts, last_ts
  FROM flows
  WHERE NOT ip_in_cidrs(src_ip, :allowed_networks) AND NOT ip_in_cidrs(src_ip, :ignore_networks)
)
SELECT
  addr AS subject,
  count(DISTINCT flow_id) || ' flow(s), ' || sum(bytes) || ' bytes, ports ' ||
    group_concat(DISTINCT transport || '/' || port) AS detail,
  'flows ' || group_concat(DISTINCT flow_id) AS evidence
FROM outside
GROUP BY addr
ORDER BY addr
