-- One violation per flow that carried SIP in cleartext (UDP or TCP).
SELECT
  m.src_ip || ' -> ' || m.dst_ip || ' (' || m.transport || ')' AS subject,
  count(*) || ' SIP message(s) in cleartext, e.g. ' ||
    coalesce(min(m.method), 'responses') || ' Call-ID ' || coalesce(min(m.call_id), '?') AS detail,
  'flow ' || m.flow_id || ', input ' || f.input_id || ', first frame ' || min(m.frame) AS evidence
FROM sip_messages AS m
JOIN flows AS f USING (flow_id)
WHERE m.transport IN ('udp', 'tcp', 'ws')
GROUP BY m.flow_id
ORDER BY m.flow_id
