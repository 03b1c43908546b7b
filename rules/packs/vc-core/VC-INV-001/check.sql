-- One violation per address inside :allowed_networks (the site's side) that
-- acted as a conference component but is not in :device_addresses:
--   * it sent a SIP request (REGISTER, INVITE, OPTIONS, ...: RFC 3261 §7.1), or
--   * it answered as a TLS server on a TCP port of :tls_server_ports (default
--     443 HTTPS/WebRTC signalling, 5061 SIP over TLS, RFC 3261 §26.2): a flow the
--     analyzer recognised as TLS whose responder sent packets back.
-- SIP responses are not counted: answering is not evidence of being an endpoint
-- of ours (a scanner's target answers too). Addresses outside the allowed
-- networks belong to VC-NET-001. Addresses are compared with ip_in_cidrs, so
-- IPv6 spellings and CIDR entries in the inventory both match.
WITH acts AS (
  SELECT m.src_ip AS addr, 'SIP ' || m.method || ' request' AS role, m.flow_id, f.input_id,
         m.user_agent AS user_agent, m.frame
  FROM sip_messages AS m
  LEFT JOIN flows AS f USING (flow_id)
  WHERE m.method IS NOT NULL
  UNION ALL
  SELECT f.dst_ip, 'TLS server on ' || f.transport || '/' || f.dst_port, f.flow_id, f.input_id,
         NULL, f.first_frame
  FROM flows AS f
  WHERE f.app = 'tls' AND f.transport = 'tcp' AND f.dst_packets > 0
    AND in_list(f.dst_port, :tls_server_ports)
)
SELECT
  addr AS subject,
  'not in the declared devices; seen as: ' || replace(group_concat(DISTINCT role), ',', ', ') ||
    coalesce('; User-Agent ' || max(user_agent), '') AS detail,
  'flows ' || group_concat(DISTINCT flow_id) || ', input ' || coalesce(group_concat(DISTINCT input_id), '?') ||
    ', first frame ' || min(frame) AS evidence
FROM acts
WHERE ip_in_cidrs(addr, :allowed_networks) AND NOT ip_in_cidrs(addr, :device_addresses)
GROUP BY addr
ORDER BY addr
