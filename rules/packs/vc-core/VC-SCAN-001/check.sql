-- One violation per source address that scanned SIP (RFC 3261 requests):
--   * extension enumeration: OPTIONS, REGISTER or INVITE transactions to at
--     least :min_extensions distinct To users (the user part of the To URI), more
--     than half of the answered ones answered 401/407 (the extension exists and
--     asks for a password), 403 or 404 (it does not exist). This is what
--     SIPVicious svwar does (one Call-ID per extension; 404 for missing
--     extensions, 401 for existing ones, or 401 for all with Asterisk
--     alwaysauthreject). A proxy or SBC that relays calls to many users gets
--     mostly 1xx/2xx answers and does not match; a source with no answers at
--     all is not judged on this count;
--   * or any request whose User-Agent contains (case-insensitive) an entry of
--     :scanner_user_agents, the default names of public SIP scanners
--     (SIPVicious svmap/svwar/svcrack "friendly-scanner", sipcli, sip-scan,
--     VaxSIPUserAgent, sundayddr, iWar, SIVuS, smap...). One request is enough:
--     no phone sends these names. Scanners can change their User-Agent, hence
--     the count above.
-- Requests are folded per transaction (Call-ID, CSeq, source, destination), so
-- UDP retransmissions count once; answers are the first final response (>= 200)
-- of the same transaction sent back to the source.
WITH RECURSIVE split(item, rest) AS (
  SELECT '', :scanner_user_agents || ','
  UNION ALL
  SELECT trim(substr(rest, 1, instr(rest, ',') - 1)), substr(rest, instr(rest, ',') + 1)
  FROM split WHERE rest <> ''
),
agents AS (
  SELECT DISTINCT lower(item) AS ua FROM split WHERE item <> ''
),
requests AS (
  SELECT m.*,
         CASE WHEN instr(m.to_uri, '@') > instr(m.to_uri, ':')
              THEN substr(m.to_uri, instr(m.to_uri, ':') + 1, instr(m.to_uri, '@') - instr(m.to_uri, ':') - 1)
              ELSE '' END AS to_userinfo
  FROM sip_messages AS m
  WHERE m.method IS NOT NULL
),
scanner_agents AS (
  SELECT r.src_ip, group_concat(DISTINCT r.user_agent) AS user_agents, count(*) AS requests,
         min(r.frame) AS frame
  FROM requests AS r
  WHERE EXISTS (SELECT 1 FROM agents AS a WHERE instr(lower(coalesce(r.user_agent, '')), a.ua) > 0)
  GROUP BY r.src_ip
),
transactions AS (
  -- a password in the URI (sip:user:password@host) is cut off, never shown
  SELECT call_id, cseq, src_ip, dst_ip, max(method) AS method, min(ts) AS ts, min(frame) AS frame,
         min(flow_id) AS flow_id,
         max(CASE WHEN instr(to_userinfo, ':') > 0 THEN substr(to_userinfo, 1, instr(to_userinfo, ':') - 1)
                  ELSE to_userinfo END) AS extension
  FROM requests
  WHERE method IN ('OPTIONS', 'REGISTER', 'INVITE')
  GROUP BY call_id, cseq, src_ip, dst_ip
),
finals AS (
  SELECT call_id, cseq, src_ip, dst_ip, status_code,
         row_number() OVER (PARTITION BY call_id, cseq, src_ip, dst_ip ORDER BY ts, frame) AS nth
  FROM sip_messages
  WHERE method IS NULL AND status_code >= 200
),
answered AS (
  SELECT t.*, f.status_code AS status
  FROM transactions AS t
  LEFT JOIN finals AS f
    ON f.call_id = t.call_id AND f.cseq = t.cseq AND f.src_ip = t.dst_ip AND f.dst_ip = t.src_ip AND f.nth = 1
),
per_source AS (
  SELECT src_ip,
         count(*) AS requests,
         count(DISTINCT nullif(extension, '')) AS extensions,
         count(status) AS answers,
         sum(status = 404) AS not_found,
         sum(status IN (401, 407)) AS challenged,
         sum(status = 403) AS forbidden,
         group_concat(DISTINCT method) AS methods,
         CASE WHEN count(DISTINCT dst_ip) <= 10 THEN group_concat(DISTINCT dst_ip)
              ELSE count(DISTINCT dst_ip) || ' servers: ' || substr(group_concat(DISTINCT dst_ip), 1, 160) || '…' END AS targets,
         min(ts) AS t0, max(ts) AS t1,
         min(frame) AS first_frame, max(frame) AS last_frame,
         CASE WHEN count(DISTINCT flow_id) <= 10 THEN group_concat(DISTINCT flow_id)
              ELSE min(flow_id) || '…' || max(flow_id) || ' (' || count(DISTINCT flow_id) || ' flows)' END AS flows
  FROM answered
  GROUP BY src_ip
),
enumerators AS (
  SELECT src_ip FROM per_source
  WHERE extensions >= CAST(:min_extensions AS INTEGER)
    AND answers > 0 AND 2 * (not_found + challenged + forbidden) > answers
),
sources AS (
  SELECT src_ip FROM enumerators
  UNION
  SELECT src_ip FROM scanner_agents
)
SELECT
  s.src_ip AS subject,
  trim(
    CASE WHEN s.src_ip IN (SELECT src_ip FROM enumerators) THEN 'SIP extension enumeration: ' ELSE 'SIP scanner: ' END ||
    coalesce(p.requests || ' ' || p.methods || ' request(s) to ' || p.extensions || ' distinct extension(s) (' ||
             (SELECT group_concat(e.extension, ',') FROM (
                SELECT DISTINCT x.extension FROM answered AS x
                 WHERE x.src_ip = p.src_ip AND coalesce(x.extension, '') <> ''
                 ORDER BY length(x.extension), x.extension LIMIT 20) AS e) ||
             CASE WHEN p.extensions > 20 THEN ',…' ELSE '' END || ') on ' || p.targets ||
             '; answers: ' || p.not_found || ' × 404, ' || p.challenged || ' × 401/407, ' || p.forbidden ||
             ' × 403, ' || (p.answers - p.not_found - p.challenged - p.forbidden) || ' other, ' ||
             (p.requests - p.answers) || ' unanswered; ' ||
             datetime(p.t0, 'unixepoch') || ' to ' || datetime(p.t1, 'unixepoch') || ' UTC; ', '') ||
    coalesce('known scanner User-Agent "' || a.user_agents || '" in ' || a.requests || ' request(s)', ''), '; ') AS detail,
  coalesce('flows ' || p.flows || ', frames ' || p.first_frame || ' to ' || p.last_frame,
           'first scanner request frame ' || a.frame) ||
    coalesce(', input ' || (SELECT group_concat(DISTINCT f.input_id) FROM flows AS f
                             JOIN sip_messages AS m ON m.flow_id = f.flow_id
                            WHERE m.src_ip = s.src_ip), '') AS evidence
FROM sources AS s
LEFT JOIN per_source AS p ON p.src_ip = s.src_ip
LEFT JOIN scanner_agents AS a ON a.src_ip = s.src_ip
ORDER BY s.src_ip
