-- Judged only when YARA rules were applied (vcaudit audit --yara / --files
-- record each rule file as an input of kind yara_rules) and something was
-- taken out of the traffic or the files: --carve alone scans nothing, so it
-- cannot show that nothing marked crossed the network.
SELECT CASE WHEN EXISTS (SELECT 1 FROM inputs WHERE kind = 'yara_rules')
            THEN (SELECT count(*) FROM content_objects) ELSE 0 END
