-- One violation per (source, device) pair: a host outside :management_networks
-- reached a management service of a declared device (:device_addresses).
-- Management services (:admin_ports, "transport/port" items; IANA ports):
--   SSH tcp/22 (RFC 4253), Telnet tcp/23 (RFC 854), HTTP tcp/80 and tcp/8080,
--   HTTPS tcp/443 and tcp/8443, SNMP udp/161 (RFC 3416), RDP tcp/3389, VNC tcp/5900.
-- "Reached" means the device answered:
--   TCP: the device sent at least two packets (SYN-ACK and more); a lone RST from
--        a closed port or a SYN the firewall dropped is not reached;
--   UDP: the device sent at least one datagram back.
-- A capture that starts mid-session may record the device as the initiator: a
-- flow from a listed port to an ephemeral one (>= 1024) is read the other way round.
-- A device talking to itself (same address on both ends) is not remote access.
WITH oriented AS (
  SELECT f.flow_id, f.input_id, f.transport, f.dst_ip AS device, f.dst_port AS port,
         f.src_ip AS source, f.src_packets AS source_packets, f.dst_packets AS device_packets, f.bytes
  FROM flows AS f
  WHERE in_list(f.transport || '/' || f.dst_port, :admin_ports)
  UNION ALL
  SELECT f.flow_id, f.input_id, f.transport, f.src_ip, f.src_port,
         f.dst_ip, f.dst_packets, f.src_packets, f.bytes
  FROM flows AS f
  WHERE in_list(f.transport || '/' || f.src_port, :admin_ports)
    AND NOT in_list(f.transport || '/' || f.dst_port, :admin_ports)
    AND f.dst_port >= 1024
),
reached AS (
  SELECT o.*,
    CASE o.transport || '/' || o.port
      WHEN 'tcp/22' THEN 'SSH'
      WHEN 'tcp/23' THEN 'Telnet'
      WHEN 'tcp/80' THEN 'HTTP'
      WHEN 'tcp/8080' THEN 'HTTP'
      WHEN 'tcp/443' THEN 'HTTPS'
      WHEN 'tcp/8443' THEN 'HTTPS'
      WHEN 'udp/161' THEN 'SNMP'
      WHEN 'tcp/3389' THEN 'RDP'
      WHEN 'tcp/5900' THEN 'VNC'
      ELSE 'service'
    END || ' (' || o.transport || '/' || o.port || ')' AS service
  FROM oriented AS o
  WHERE ip_in_cidrs(o.device, :device_addresses)
    AND NOT ip_in_cidrs(o.source, :management_networks)
    AND o.source <> o.device
    AND ((o.transport = 'tcp' AND o.source_packets > 0 AND o.device_packets >= 2)
      OR (o.transport = 'udp' AND o.device_packets > 0))
)
SELECT
  source || ' -> ' || device AS subject,
  replace(group_concat(DISTINCT service), '),', '), ') || ' reached from ' || source ||
    ', outside the management networks (' || :management_networks || '); ' ||
    count(DISTINCT flow_id) || ' flow(s), ' || sum(bytes) || ' bytes' AS detail,
  'flows ' || group_concat(DISTINCT flow_id) || ', input ' || group_concat(DISTINCT input_id) AS evidence
FROM reached
GROUP BY source, device
ORDER BY device, source
