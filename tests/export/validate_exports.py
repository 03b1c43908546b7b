#!/usr/bin/env python3
"""Validates vcaudit's exports against the published definitions kept in
shared/schemas (see its README.md):

  * report.oscal.json against the NIST OSCAL 1.2.1 assessment-results JSON
    Schema (draft-07), with the two in-memory fixes the README describes:
    \\p{L} / \\p{N} rewritten for Python's re, and definition-level "$id"
    members dropped. Also: every uuid unique, every related-observation and
    "#uuid" link resolves.
  * every line of report.ocsf.jsonl against the OCSF Compliance Finding class
    (compliance_finding -> finding -> base_event), dictionary.json and
    objects/: required attributes present, types and scalar constraints right,
    enum values valid (with their caption in the sibling), object constraints,
    and no attribute the definitions do not know, except under `unmapped`.

Exit status 0 when every file is valid, 1 otherwise; each error names the file,
the OCSF line or the JSON path. Uses only the Python standard library and
jsonschema.

  validate_exports.py --schemas SHARED/schemas [--oscal FILE] [--ocsf FILE]
                      [--report-json FILE] [--warnings]
"""
import argparse
import copy
import hashlib
import json
import os
import re
import sys

# --------------------------------------------------------------------------- OSCAL

OSCAL_SCHEMA = os.path.join("oscal", "v1.2.1", "oscal_assessment-results_schema.json")
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[45][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$")


def rewrite_unicode_classes(pattern):
    """\\p{L} -> [^\\W\\d_], \\p{N} -> \\d (Python's re has no Unicode properties)."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and pattern.startswith(("\\p{L}", "\\p{N}"), i):
            if in_class:
                raise ValueError(f"cannot rewrite {pattern[i:i + 5]} inside a character class: {pattern}")
            out.append(r"[^\W\d_]" if pattern[i + 3] == "L" else r"\d")
            i += 5
            continue
        if c == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


def prepare_oscal_schema(schema):
    """In-memory fixes only; the file on disk stays byte-for-byte upstream."""
    def walk(node, is_root):
        if isinstance(node, dict):
            if not is_root:
                node.pop("$id", None)
            for key, value in list(node.items()):
                if key == "pattern" and isinstance(value, str):
                    node[key] = rewrite_unicode_classes(value)
                else:
                    walk(value, False)
        elif isinstance(node, list):
            for item in node:
                walk(item, False)
    schema = copy.deepcopy(schema)
    walk(schema, True)
    return schema


def json_path(parts):
    return "/" + "/".join(str(p) for p in parts)


def import_jsonschema():
    """jsonschema from this interpreter, else Debian's python3-jsonschema (a
    test dependency in .ci/install-deps) when python3 is not Debian's own."""
    try:
        import jsonschema
    except ImportError:
        sys.path.append("/usr/lib/python3/dist-packages")
        try:
            import jsonschema
        except ImportError:
            sys.exit("error: the Python module jsonschema is missing: install python3-jsonschema "
                     "(.ci/install-deps test)")
    return jsonschema


def oscal_errors(doc, schemas_dir):
    jsonschema = import_jsonschema()
    with open(os.path.join(schemas_dir, OSCAL_SCHEMA), encoding="utf-8") as f:
        schema = prepare_oscal_schema(json.load(f))
    format_checker = getattr(jsonschema.Draft7Validator, "FORMAT_CHECKER", None)
    if format_checker is None:
        format_checker = jsonschema.draft7_format_checker
    validator = jsonschema.Draft7Validator(schema, format_checker=format_checker)
    errors = []
    for e in sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path]):
        message = e.message if len(e.message) < 300 else e.message[:300] + "..."
        detail = ""
        if e.context:  # anyOf / oneOf: name the closest branch's complaint
            best = min(e.context, key=lambda c: len(list(c.absolute_path)) * -1)
            detail = f" (e.g. {json_path(best.absolute_path)}: {best.message[:200]})"
        errors.append(f"{json_path(e.absolute_path)}: {message}{detail}")
    errors.extend(oscal_reference_errors(doc))
    return errors


def oscal_reference_errors(doc):
    """Checks JSON Schema cannot express: unique uuids, resolvable references."""
    errors, uuids = [], {}

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "uuid" and isinstance(value, str):
                    if value in uuids:
                        errors.append(f"{json_path(path + [key])}: uuid {value} already used at {uuids[value]}")
                    uuids[value] = json_path(path + [key])
                walk(value, path + [key])
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, path + [i])
    walk(doc, [])
    ar = doc.get("assessment-results", {}) if isinstance(doc, dict) else {}
    resources = {r.get("uuid") for r in ar.get("back-matter", {}).get("resources", []) if isinstance(r, dict)}
    for ri, result in enumerate(ar.get("results", [])):
        observations = {o.get("uuid") for o in result.get("observations", [])}
        for fi, finding in enumerate(result.get("findings", [])):
            for oi, rel in enumerate(finding.get("related-observations", [])):
                if rel.get("observation-uuid") not in observations:
                    errors.append(f"/assessment-results/results/{ri}/findings/{fi}/related-observations/{oi}: "
                                  f"no observation {rel.get('observation-uuid')}")

    def hrefs(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "href" and isinstance(value, str) and value.startswith("#") and UUID_RE.match(value[1:]):
                    if value[1:] not in resources:
                        errors.append(f"{json_path(path + [key])}: {value} names no back-matter resource")
                hrefs(value, path + [key])
        elif isinstance(node, list):
            for i, item in enumerate(node):
                hrefs(item, path + [i])
    hrefs(doc, [])
    return errors


def oscal_report_hash(doc):
    """SHA-256 values the back-matter gives for report.json."""
    found = set()
    ar = doc.get("assessment-results", {}) if isinstance(doc, dict) else {}
    for res in ar.get("back-matter", {}).get("resources", []):
        for link in res.get("rlinks", []):
            if link.get("href") == "report.json":
                found.update(h.get("value") for h in link.get("hashes", []) if h.get("algorithm") == "SHA-256")
    return found

# --------------------------------------------------------------------------- OCSF

BASE_TYPES = {"string_t", "integer_t", "long_t", "float_t", "boolean_t", "json_t"}
GENERIC_OBJECT = "object"  # `unmapped` and other free-form data: not descended into


class OcsfSchema:
    def __init__(self, root):
        self.root = root
        self.dictionary = self.load("dictionary.json")
        self.attributes = self.dictionary["attributes"]
        self.types = self.dictionary["types"]["attributes"]
        self.version = self.load("version.json")["version"]
        self.categories = self.load("categories.json")["attributes"]
        self._event_files = {}
        for dirpath, _, files in os.walk(os.path.join(root, "events")):
            for name in files:
                if name.endswith(".json"):
                    self._event_files[name[:-5]] = os.path.relpath(os.path.join(dirpath, name), root)
        self._cache = {}

    def load(self, rel):
        with open(os.path.join(self.root, rel), encoding="utf-8") as f:
            return json.load(f)

    def definition(self, kind, name):
        rel = self._event_files[name] if kind == "event" else os.path.join("objects", name + ".json")
        return self.load(rel)

    def table(self, kind, name):
        """Merged attribute table and constraints of a class or object: parents
        first, then the $include profiles, then its own entries on top."""
        key = (kind, name)
        if key in self._cache:
            return self._cache[key]
        d = self.definition(kind, name)
        attrs, constraints = {}, {}
        if d.get("extends"):
            parent_attrs, constraints = self.table(kind, d["extends"])
            attrs = copy.deepcopy(parent_attrs)
        own = d.get("attributes", {})
        includes = own.get("$include", [])
        for inc in [includes] if isinstance(includes, str) else includes:
            profile = self.load(inc)
            for attr, entry in profile.get("attributes", {}).items():
                entry = dict(entry)
                entry.setdefault("profile", profile.get("name"))
                attrs[attr] = merge_entry(attrs.get(attr, {}), entry)
        for attr, entry in own.items():
            if attr != "$include":
                attrs[attr] = merge_entry(attrs.get(attr, {}), entry)
        if d.get("constraints"):
            constraints = d["constraints"]
        self._cache[key] = (attrs, constraints)
        return attrs, constraints

    def resolve(self, name, entry):
        """dictionary.json's attribute with the class/object entry applied on top."""
        return merge_entry(self.attributes.get(name, {}), entry)

    def scalar_chain(self, type_name):
        """Constraints from a *_t type down to its base type."""
        checks, t, seen = [], type_name, set()
        while t in self.types and t not in BASE_TYPES and t not in seen:
            seen.add(t)
            checks.append(self.types[t])
            t = self.types[t].get("type")
        return t, checks


def merge_entry(base, over):
    """Fields of `over` replace those of `base`; enum maps are merged so a class
    adds its values to the dictionary's (0 Unknown and 99 Other stay valid)."""
    out = dict(base)
    for key, value in over.items():
        if key == "enum" and isinstance(out.get("enum"), dict) and isinstance(value, dict):
            merged = dict(out["enum"])
            merged.update(value)
            out["enum"] = merged
        else:
            out[key] = value
    return out


class OcsfChecker:
    MAX_DEPTH = 32  # events are shallow; a deeper value is malformed

    def __init__(self, schema, where):
        self.s = schema
        self.where = where
        self.errors, self.warnings = [], []

    def error(self, path, msg):
        self.errors.append(f"{self.where}: {path}: {msg}")

    def warn(self, path, msg):
        self.warnings.append(f"{self.where}: {path}: {msg}")

    def check_event(self, event):
        if not isinstance(event, dict):
            self.error("/", "event is not a JSON object")
            return
        class_uid = event.get("class_uid")
        d = self.s.definition("event", "compliance_finding")
        category = self.s.categories[self.s.definition("event", "finding")["category"]]["uid"]
        expected_class = category * 1000 + d["uid"]
        if class_uid != expected_class:
            self.error("/class_uid", f"{class_uid!r} is not Compliance Finding ({expected_class})")
        if event.get("category_uid") != category:
            self.error("/category_uid", f"{event.get('category_uid')!r}, expected {category} (findings)")
        activity = event.get("activity_id")
        if isinstance(activity, int) and event.get("type_uid") != expected_class * 100 + activity:
            self.error("/type_uid", f"{event.get('type_uid')!r}, expected class_uid * 100 + activity_id = "
                                    f"{expected_class * 100 + activity}")
        version = event.get("metadata", {}).get("version") if isinstance(event.get("metadata"), dict) else None
        if version != self.s.version:
            self.error("/metadata/version", f"{version!r}, expected OCSF {self.s.version}")
        profiles = event.get("metadata", {}).get("profiles", []) if isinstance(event.get("metadata"), dict) else []
        self.profiles = set(p for p in profiles if isinstance(p, str)) if isinstance(profiles, list) else set()
        attrs, constraints = self.s.table("event", "compliance_finding")
        attrs = self.with_class_enums(attrs, d, category, expected_class)
        self.check_members(event, attrs, constraints, "", 0)

    def with_class_enums(self, attrs, d, category, class_uid):
        """The schema server fills these three enums from the class itself (the
        source files only list 0): the class's category, the class, and one
        type per activity."""
        attrs = copy.deepcopy(attrs)
        category_name = self.s.definition("event", "finding")["category"]
        attrs["category_uid"]["enum"] = {str(category): {"caption": self.s.categories[category_name]["caption"]}}
        attrs["class_uid"]["enum"] = {str(class_uid): {"caption": d["caption"]}}
        activities = self.s.resolve("activity_id", attrs["activity_id"]).get("enum", {})
        attrs["type_uid"]["enum"] = {str(class_uid * 100 + int(k)): {"caption": f"{d['caption']}: {v['caption']}"}
                                     for k, v in activities.items()}
        return attrs

    def active(self, entry):
        profile = entry.get("profile")
        return profile is None or profile in self.profiles

    def check_members(self, value, attrs, constraints, path, depth):
        if depth > self.MAX_DEPTH:
            self.error(path or "/", "nested too deeply")
            return
        table = {name: entry for name, entry in attrs.items() if self.active(entry)}
        for name in value:
            if name not in table:
                hint = " (profile attribute; list the profile in metadata.profiles)" if name in attrs else ""
                self.error(f"{path}/{name}", f"unknown attribute{hint}; vendor data belongs in unmapped")
        for name, entry in table.items():
            requirement = entry.get("requirement")
            if name not in value:
                if requirement == "required":
                    self.error(f"{path}/{name}", "required attribute missing")
                elif requirement == "recommended":
                    self.warn(f"{path}/{name}", "recommended attribute missing")
                continue
            resolved = self.s.resolve(name, entry)
            if "@deprecated" in resolved:
                self.warn(f"{path}/{name}", "deprecated: " + re.sub("<[^>]+>", "", resolved["@deprecated"].get("message", "")))
            self.check_value(value[name], resolved, f"{path}/{name}", depth)
            self.check_enum(value, name, resolved, path)
        if constraints.get("at_least_one"):
            names = constraints["at_least_one"]
            if not any(n in value for n in names):
                self.error(path or "/", f"needs at least one of {', '.join(names)}")
        if constraints.get("just_one"):
            names = constraints["just_one"]
            if sum(1 for n in names if n in value) != 1:
                self.error(path or "/", f"needs exactly one of {', '.join(names)}")

    def check_enum(self, obj, name, resolved, path):
        enum = resolved.get("enum")
        if not enum:
            return
        value = obj[name]
        if isinstance(value, bool) or not isinstance(value, int) or str(value) not in enum:
            self.error(f"{path}/{name}", f"{value!r} is not one of the enum values {sorted(enum, key=int)}")
            return
        sibling = resolved.get("sibling")
        caption = enum[str(value)].get("caption")
        if sibling and sibling in obj and value != 99 and obj[sibling] != caption:
            self.error(f"{path}/{sibling}", f"{obj[sibling]!r} should be the caption of {name} {value}: {caption!r}")

    def check_value(self, value, resolved, path, depth):
        type_name = resolved.get("type")
        if type_name is None:
            self.error(path, "attribute has no type in dictionary.json")
            return
        if resolved.get("is_array"):
            if not isinstance(value, list):
                self.error(path, f"must be an array of {type_name}")
                return
            for i, item in enumerate(value):
                self.check_single(item, type_name, f"{path}/{i}", depth)
        else:
            self.check_single(value, type_name, path, depth)

    def check_single(self, value, type_name, path, depth):
        if type_name.endswith("_t"):
            self.check_scalar(value, type_name, path)
        elif type_name == GENERIC_OBJECT:
            if not isinstance(value, dict):
                self.error(path, "must be a JSON object")
        else:
            if not isinstance(value, dict):
                self.error(path, f"must be a {type_name} object")
                return
            attrs, constraints = self.s.table("object", type_name)
            self.check_members(value, attrs, constraints, path, depth + 1)

    def check_scalar(self, value, type_name, path):
        base, chain = self.s.scalar_chain(type_name)
        ok = {
            "string_t": isinstance(value, str),
            "integer_t": isinstance(value, int) and not isinstance(value, bool),
            "long_t": isinstance(value, int) and not isinstance(value, bool),
            "float_t": isinstance(value, (int, float)) and not isinstance(value, bool),
            "boolean_t": isinstance(value, bool),
            "json_t": True,
        }.get(base)
        if ok is None:
            self.error(path, f"type {type_name} does not resolve to a base type")
            return
        if not ok:
            self.error(path, f"{value!r} is not a {type_name} ({base})")
            return
        if base == "integer_t" and not -2**31 <= value < 2**31:
            self.error(path, f"{value} does not fit a 32-bit integer_t")
        if base == "long_t" and not -2**63 <= value < 2**63:
            self.error(path, f"{value} does not fit a 64-bit long_t")
        for t in chain:
            if "regex" in t and isinstance(value, str):
                try:
                    if not re.search(t["regex"], value):
                        self.error(path, f"{value!r} does not match the {type_name} pattern")
                except re.error:
                    self.warn(path, f"{type_name} pattern not usable with Python re; not checked")
            if "max_len" in t and isinstance(value, str) and len(value) > t["max_len"]:
                self.error(path, f"longer than {t['max_len']} characters")
            if "range" in t and isinstance(value, (int, float)):
                lo, hi = t["range"]
                if not lo <= value <= hi:
                    self.error(path, f"{value} outside {lo}..{hi}")


def ocsf_errors(path, schemas_dir, report_sha=None):
    schema = OcsfSchema(os.path.join(schemas_dir, "ocsf"))
    errors, warnings, events = [], [], 0
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        errors.append(f"{path}: no events")
    for number, text in enumerate(lines, 1):
        where = f"{os.path.basename(path)} line {number}"
        try:
            event = json.loads(text)
        except ValueError as e:
            errors.append(f"{where}: not a JSON object: {e}")
            continue
        events += 1
        checker = OcsfChecker(schema, where)
        checker.check_event(event)
        if report_sha is not None and isinstance(event, dict):
            uid = event.get("metadata", {}).get("correlation_uid") if isinstance(event.get("metadata"), dict) else None
            if uid != report_sha:
                checker.error("/metadata/correlation_uid", f"{uid!r} is not report.json's SHA-256 {report_sha}")
        errors.extend(checker.errors)
        warnings.extend(checker.warnings)
    return errors, warnings, events


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--schemas", required=True, help="the shared schemas folder (holds oscal/ and ocsf/)")
    ap.add_argument("--oscal", help="report.oscal.json to validate")
    ap.add_argument("--ocsf", help="report.ocsf.jsonl to validate")
    ap.add_argument("--report-json", help="report.json both exports must be bound to (by SHA-256)")
    ap.add_argument("--warnings", action="store_true", help="also print OCSF 'recommended' warnings")
    args = ap.parse_args()
    if not args.oscal and not args.ocsf:
        ap.error("nothing to validate: pass --oscal and/or --ocsf")
    report_sha = None
    if args.report_json:
        with open(args.report_json, "rb") as f:
            report_sha = hashlib.sha256(f.read()).hexdigest()
    failed = False
    if args.oscal:
        try:
            with open(args.oscal, encoding="utf-8") as f:
                doc = json.load(f)
            errors = oscal_errors(doc, args.schemas)
            if report_sha is not None and report_sha not in oscal_report_hash(doc):
                errors.append(f"/assessment-results/back-matter: no report.json resource with SHA-256 {report_sha}")
        except (OSError, ValueError) as e:
            errors = [f"cannot read: {e}"]
        for e in errors:
            print(f"OSCAL error: {args.oscal}: {e}")
        print(f"OSCAL {args.oscal}: {'valid' if not errors else f'{len(errors)} error(s)'} "
              f"(schema {OSCAL_SCHEMA})")
        failed |= bool(errors)
    if args.ocsf:
        try:
            errors, warnings, events = ocsf_errors(args.ocsf, args.schemas, report_sha)
        except (OSError, ValueError, KeyError) as e:
            errors, warnings, events = [f"{args.ocsf}: cannot validate: {e!r}"], [], 0
        for e in errors:
            print(f"OCSF error: {e}")
        if args.warnings:
            for w in warnings:
                print(f"OCSF warning: {w}")
        print(f"OCSF {args.ocsf}: {events} event(s), {len(errors)} error(s), {len(warnings)} warning(s)")
        failed |= bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
