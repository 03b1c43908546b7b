-- Violations, judged only when the site policy declares devices (site_devices):
-- (a) one per declared device never seen: no configuration was read for it (no
--     devices row with device_id = its name) and, a capture having been analysed
--     (flows not empty), its declared address never sent a packet (flow src_ip) nor
--     answered one (flow dst_ip with responder packets). Packets sent to a silent
--     address do not show the device exists. A device declared without an address
--     and without a configuration cannot be seen at all and is reported as such.
--     Without any capture, a declared device that has no configuration is not judged.
-- (b) one per configuration device not declared: a devices.device_id that is no
--     site_devices name (configurations given with --config or the top-level configs:
--     list are named after their file). When its management address matches a
--     declared address, the detail says which device it probably is.
-- Addresses are compared with ip_in_cidrs (IPv6 spellings, CIDR entries).
-- Unknown addresses seen on the network are VC-INV-001's, not repeated here.
WITH unseen AS (
  SELECT sd.name, sd.address, sd.configs
  FROM site_devices AS sd
  WHERE EXISTS (SELECT 1 FROM flows)
    AND NOT EXISTS (SELECT 1 FROM devices AS d WHERE d.device_id = sd.name)
    AND (trim(coalesce(sd.address, '')) = '' OR NOT EXISTS (
      SELECT 1 FROM flows AS f
      WHERE ip_in_cidrs(f.src_ip, sd.address)
         OR (ip_in_cidrs(f.dst_ip, sd.address) AND coalesce(f.dst_packets, 0) > 0)))
),
undeclared AS (
  SELECT d.device_id,
         group_concat(DISTINCT d.input_id) AS inputs,
         max(d.vendor) AS vendor, max(d.model) AS model, max(d.role) AS role, max(d.mgmt_address) AS mgmt_address
  FROM devices AS d
  WHERE d.device_id NOT IN (SELECT name FROM site_devices)
  GROUP BY d.device_id
)
SELECT
  u.name AS subject,
  'declared device never seen: ' ||
    CASE WHEN trim(coalesce(u.address, '')) = ''
      THEN 'it has no declared address and no configuration was read for it'
      ELSE 'no configuration was read for it and its address ' || u.address || ' neither sent nor answered a packet in the capture'
    END ||
    CASE WHEN coalesce(u.configs, 0) > 0 THEN ' (' || u.configs || ' configuration file(s) declared, none read)' ELSE '' END AS detail,
  'site policy devices: ' || u.name || '; flows of input(s) ' ||
    (SELECT group_concat(DISTINCT input_id) FROM flows) AS evidence
FROM unseen AS u
UNION ALL
SELECT
  x.device_id,
  'configuration read for a device that is not in the declared inventory' ||
    coalesce(' (' || nullif(trim(coalesce(x.vendor, '') || ' ' || coalesce(x.model, '')), '') || ')', '') ||
    coalesce(', role ' || x.role, '') ||
    coalesce('; its management address matches declared device ' ||
      (SELECT group_concat(sd.name) FROM site_devices AS sd
       WHERE trim(coalesce(sd.address, '')) <> '' AND ip_in_cidrs(x.mgmt_address, sd.address)) ||
      ': attach the file to it (configs)', '') AS detail,
  coalesce((SELECT group_concat('input ' || i.input_id || coalesce(' (' || i.path || ')', ''), '; ')
              FROM inputs AS i WHERE in_list(i.input_id, x.inputs)),
           'input ' || replace(x.inputs, ',', ', input ')) AS evidence
FROM undeclared AS x
ORDER BY 1
