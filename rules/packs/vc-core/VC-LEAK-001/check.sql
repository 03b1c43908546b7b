-- One violation per YARA match whose rule is tagged "classification" (the
-- bundled vn_marking_* rules, and any user rule with that tag) in an object
-- the traffic carried (flow_id set; files given with --files have none and
-- are not judged here). TLS is never scanned, so every match was readable on
-- the wire. The subject is the flow from the sender to the receiver of the
-- object (direction to_server: the flow's source sent it); the evidence names
-- the flow, input, frame of the object's first byte and its SHA-256, which is
-- also the name of its carved copy (carved/<sha256>) when it was a file.
WITH marked AS (
  SELECT m.*,
         f.input_id AS flow_input,
         CASE WHEN coalesce(m.direction, 'to_server') = 'to_server' THEN f.src_ip ELSE f.dst_ip END AS sender_ip,
         CASE WHEN coalesce(m.direction, 'to_server') = 'to_server' THEN f.src_port ELSE f.dst_port END AS sender_port,
         CASE WHEN coalesce(m.direction, 'to_server') = 'to_server' THEN f.dst_ip ELSE f.src_ip END AS receiver_ip,
         CASE WHEN coalesce(m.direction, 'to_server') = 'to_server' THEN f.dst_port ELSE f.src_port END AS receiver_port,
         (SELECT min(o.frame) FROM content_objects AS o
           WHERE o.object_sha256 = m.object_sha256 AND o.flow_id = m.flow_id) AS frame,
         (SELECT max(o.carved_path) FROM content_objects AS o
           WHERE o.object_sha256 = m.object_sha256 AND o.flow_id = m.flow_id) AS carved_path
  FROM content_matches AS m
  LEFT JOIN flows AS f USING (flow_id)
  WHERE m.flow_id IS NOT NULL
    AND instr(',' || replace(coalesce(m.tags, ''), ' ', '') || ',', ',classification,') > 0
)
SELECT
  coalesce(sender_ip || ':' || sender_port, '?') || ' -> ' || coalesce(receiver_ip || ':' || receiver_port, '?') AS subject,
  'classification marking ' ||
    CASE rule WHEN 'vn_marking_tuyet_mat' THEN '"TUYỆT MẬT" (' || rule || ')'
              WHEN 'vn_marking_toi_mat' THEN '"TỐI MẬT" (' || rule || ')'
              WHEN 'vn_marking_mat' THEN '"MẬT" (' || rule || ')'
              WHEN 'vn_marking_khong_pho_bien' THEN '"KHÔNG PHỔ BIẾN" (' || rule || ')'
              ELSE rule || ' (' || namespace || ')' END ||
    ' in ' || scope || ' ' || coalesce('"' || object_name || '"', '(unnamed object)') ||
    ' carried in clear ' || coalesce(direction, '') || ' at ' || coalesce(datetime(ts, 'unixepoch') || ' UTC', 'an unknown time') ||
    CASE WHEN :allowed_networks <> '' AND receiver_ip IS NOT NULL AND NOT ip_in_cidrs(receiver_ip, :allowed_networks)
         THEN ', to ' || receiver_ip || ', outside the site''s allowed networks' ELSE '' END AS detail,
  'flow ' || flow_id || ', input ' || coalesce(flow_input, input_id, '?') || ', frame ' || coalesce(frame, '?') ||
    ', object sha256 ' || coalesce(object_sha256, '?') || coalesce(' (' || carved_path || ')', '') ||
    ', offset ' || coalesce(offset, '?') AS evidence
FROM marked
ORDER BY ts, flow_id, rule
