-- One violation per relayed address (XOR-RELAYED-ADDRESS of an Allocate
-- success, RFC 8656 §7.3) that lies outside the allowed networks.
SELECT
  r.relayed_ip || ':' || r.relayed_port AS subject,
  'TURN server ' || f.dst_ip || ':' || f.dst_port || ' relays media through ' || r.relayed_ip ||
    ' for client ' || f.src_ip || coalesce(' (lifetime ' || r.lifetime_s || ' s)', '') AS detail,
  'flow ' || r.flow_id || ', input ' || f.input_id || ', frame ' || coalesce(r.frame, '?') AS evidence
FROM turn_relays AS r
JOIN flows AS f USING (flow_id)
WHERE NOT ip_in_cidrs(r.relayed_ip, :allowed_networks)
ORDER BY r.flow_id, r.ts
