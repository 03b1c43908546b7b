-- One violation per (server address, service): a cleartext management or
-- file-transfer service of :cleartext_ports ("transport/port" items) was used.
-- Default services and ports (IANA):
--   FTP tcp/21 (RFC 959), Telnet tcp/23 (RFC 854), TFTP udp/69 (RFC 1350),
--   HTTP tcp/80 and tcp/8080 (RFC 9112, no TLS), SNMP udp/161 and traps udp/162
--   (v1/v2c send the community in clear, RFC 1157 / RFC 3416), rlogin tcp/513
--   (RFC 1282), rsh tcp/514 (BSD rcmd), VNC tcp/5900 (RFB, RFC 6143).
-- When a flow counts as use:
--   TCP: both sides sent packets and the server sent at least two (SYN-ACK and
--        more); a lone RST from a closed port or an unanswered SYN is not use.
--   UDP: any datagram. An SNMP request or a TFTP read request already carries the
--        community or the file name, and a TFTP server answers from a new port
--        (RFC 1350 §4), so no reply shows on the request's own flow.
-- rlogin and rsh clients bind a reserved source port 512-1023 (rcmd(3)); syslog
-- over TCP (RFC 6587) also uses tcp/514 but from ephemeral ports, so a tcp/513 or
-- tcp/514 flow from a port outside 512-1023 is not taken for rlogin/rsh.
-- A capture that starts mid-session may record the server as the initiator: a
-- flow whose source port is a listed service and whose destination port is
-- ephemeral (>= 1024, not listed) is read the other way round.
-- A session the analyzer saw switch to TLS (app = 'tls': FTP AUTH TLS, RFC 4217,
-- or TLS on an HTTP port) is not cleartext and is not counted.
-- When :allowed_networks is declared, only servers inside it are judged.
WITH oriented AS (
  SELECT f.flow_id, f.input_id, f.transport, f.app, f.dst_ip AS server, f.dst_port AS port,
         f.src_ip AS client, f.src_port AS client_port,
         f.src_packets AS client_packets, f.dst_packets AS server_packets, f.bytes
  FROM flows AS f
  WHERE in_list(f.transport || '/' || f.dst_port, :cleartext_ports)
  UNION ALL
  SELECT f.flow_id, f.input_id, f.transport, f.app, f.src_ip, f.src_port,
         f.dst_ip, f.dst_port,
         f.dst_packets, f.src_packets, f.bytes
  FROM flows AS f
  WHERE in_list(f.transport || '/' || f.src_port, :cleartext_ports)
    AND NOT in_list(f.transport || '/' || f.dst_port, :cleartext_ports)
    AND f.dst_port >= 1024
),
used AS (
  SELECT o.*,
    CASE o.transport || '/' || o.port
      WHEN 'tcp/21' THEN 'FTP'
      WHEN 'tcp/23' THEN 'Telnet'
      WHEN 'udp/69' THEN 'TFTP'
      WHEN 'tcp/80' THEN 'HTTP'
      WHEN 'tcp/8080' THEN 'HTTP'
      WHEN 'udp/161' THEN 'SNMP'
      WHEN 'udp/162' THEN 'SNMP trap'
      WHEN 'tcp/513' THEN 'rlogin'
      WHEN 'tcp/514' THEN 'rsh'
      WHEN 'tcp/5900' THEN 'VNC'
      ELSE 'service ' || o.transport || '/' || o.port
    END AS service
  FROM oriented AS o
  WHERE ((o.transport = 'udp' AND o.client_packets + o.server_packets > 0)
      OR (o.transport = 'tcp' AND o.client_packets > 0 AND o.server_packets >= 2))
    AND NOT (o.transport = 'tcp' AND o.port IN (513, 514) AND o.client_port NOT BETWEEN 512 AND 1023)
    AND coalesce(o.app, '') <> 'tls'
    AND (:allowed_networks = '' OR ip_in_cidrs(o.server, :allowed_networks))
)
SELECT
  server || ' ' || service AS subject,
  service || ' (' || group_concat(DISTINCT transport || '/' || port) || ') used by ' ||
    count(DISTINCT client) || ' client(s): ' || group_concat(DISTINCT client) || '; ' ||
    count(DISTINCT flow_id) || ' flow(s), ' || sum(bytes) || ' bytes in clear' ||
    CASE service
      WHEN 'SNMP' THEN ' (the SNMP version is not in the flow facts: SNMPv3 authPriv would be acceptable)'
      WHEN 'SNMP trap' THEN ' (the SNMP version is not in the flow facts: SNMPv3 authPriv would be acceptable)'
      WHEN 'VNC' THEN ' (acceptable only if the session negotiated TLS, e.g. VeNCrypt)'
      ELSE ''
    END AS detail,
  'flows ' || group_concat(DISTINCT flow_id) || ', input ' || group_concat(DISTINCT input_id) AS evidence
FROM used
GROUP BY server, service
ORDER BY server, service
