-- At most one violation: the periodic security assessment, judged from the
-- site's answers to Q-ASSESSMENT-DONE (attestations: answer yes / no /
-- not_applicable, date YYYY-MM-DD). In order of precedence:
--   1. no answer to the question at all;
--   2. the latest statement is "no": a "no" that is undated, or dated on or after
--      the latest dated "yes";
--   3. "yes" only without a (valid) date: the deadline cannot be computed;
--   4. the latest dated "yes" plus :assessment_interval_months is before the
--      reference date (:as_of, or the audit's date when empty): overdue;
--   5. only "not_applicable": periodic assessment applies at every level.
-- An answer with several evidence documents is stored as several rows with the
-- same answer and date; the counts below are not affected by that.
WITH params AS (
  SELECT coalesce(date(nullif(:as_of, '')), date(:today)) AS as_of,
         CAST(:assessment_interval_months AS INTEGER) AS months
),
a AS (
  SELECT lower(answer) AS answer, date(date) AS d, input_id, evidence_path, evidence_sha256
  FROM attestations
  WHERE question_id = 'Q-ASSESSMENT-DONE'
),
s AS (
  SELECT
    (SELECT count(*) FROM a) AS answers,
    (SELECT count(*) FROM a WHERE answer = 'yes') AS yes_rows,
    (SELECT max(d) FROM a WHERE answer = 'yes') AS last_yes,
    (SELECT count(*) FROM a WHERE answer = 'no') AS no_rows,
    (SELECT count(*) FROM a WHERE answer = 'no' AND d IS NULL) AS undated_no,
    (SELECT max(d) FROM a WHERE answer = 'no') AS last_no,
    (SELECT group_concat(DISTINCT input_id) FROM a) AS inputs
),
judged AS (
  SELECT s.*, p.as_of, p.months,
    date(s.last_yes, '+' || p.months || ' months') AS due,
    CASE
      WHEN s.answers = 0 THEN
        'the attestations do not answer Q-ASSESSMENT-DONE: no evidence of a periodic assessment'
      WHEN s.no_rows > 0 AND (s.last_yes IS NULL OR s.undated_no > 0 OR s.last_no >= s.last_yes) THEN
        'the site states that no assessment has been done' || coalesce(' (answer dated ' || s.last_no || ')', '')
      WHEN s.yes_rows > 0 AND s.last_yes IS NULL THEN
        'the site answers yes without a date: the next due date cannot be computed'
      WHEN s.last_yes IS NOT NULL AND date(s.last_yes, '+' || p.months || ' months') < p.as_of THEN
        'last assessment ' || s.last_yes || '; at most ' || p.months || ' month(s) apart, so due ' ||
        date(s.last_yes, '+' || p.months || ' months') || ': overdue by ' ||
        CAST(julianday(p.as_of) - julianday(date(s.last_yes, '+' || p.months || ' months')) AS INTEGER) ||
        ' day(s) on ' || p.as_of
      WHEN s.yes_rows = 0 AND s.no_rows = 0 THEN
        'answered not_applicable, but a periodic assessment is required at every level'
    END AS problem
  FROM s, params AS p
)
SELECT
  'security assessment (Q-ASSESSMENT-DONE)' AS subject,
  problem AS detail,
  CASE WHEN answers = 0 THEN 'no Q-ASSESSMENT-DONE row in the attestations'
    ELSE 'attestations input ' || inputs ||
      coalesce(', documents ' || (SELECT group_concat(DISTINCT evidence_path || coalesce(' sha256 ' || substr(evidence_sha256, 1, 16), ''))
                                  FROM a WHERE a.answer = 'yes' AND a.d = judged.last_yes), '')
  END AS evidence
FROM judged
WHERE problem IS NOT NULL
