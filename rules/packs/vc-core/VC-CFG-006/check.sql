-- One violation per device with a non-placeholder auto_answer = on
-- (probes/config/vocabulary.md): incoming calls are answered with no person present,
-- opening the microphone and camera (e.g. RoomOS Conference AutoAnswer Mode On,
-- Polycom call.autoAnswer.SIP="1", a Cisco phone line's autoAnswerEnabled when the
-- parser knows its value means enabled). Every offending setting is listed.
-- Placeholders (template variables) are left out: their meaning is unknown.
WITH bad AS (
  SELECT DISTINCT s.device_id, s.input_id, s.line,
    CASE WHEN s.source = 'default'
      THEN 'input ' || s.input_id || ' ' || coalesce(nullif(s.raw_key, ''), s.key) || ' (product default: the file does not set it)'
      ELSE 'input ' || s.input_id || CASE WHEN coalesce(s.line, 0) > 0 THEN ' line ' || s.line ELSE '' END ||
           ' (' || coalesce(nullif(s.raw_key, ''), s.key) || ')'
    END AS ref
  FROM device_settings AS s
  WHERE s.key = 'auto_answer' AND lower(s.value) = 'on' AND coalesce(s.placeholder, 0) = 0
  ORDER BY s.device_id, s.input_id, s.line
)
SELECT
  device_id AS subject,
  'auto-answer on: incoming calls open the microphone and camera with nobody answering (' ||
    count(*) || ' setting(s))' AS detail,
  (SELECT group_concat(ref, '; ') FROM (SELECT DISTINCT input_id, line, ref FROM bad AS x
     WHERE x.device_id = g.device_id ORDER BY input_id, line)) AS evidence
FROM bad AS g
GROUP BY device_id
ORDER BY device_id
