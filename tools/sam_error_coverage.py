#!/usr/bin/env python3
"""How well stacklint flags the templates the SAM transform rejects.

    sam_error_coverage.py STACKLINT CORPUS_DIR [--min-files N] [--half A|B] [-v]
    sam_error_coverage.py STACKLINT CORPUS_DIR --valid [--max-findings N] [-v]

CORPUS_DIR is ../shared/corpus. Default mode: every sam-translator/error_*
input (templates the transform rejects) is linted with `-f json`; findings of
rule E3038 (missing Transform: these inputs omit it by convention) and findings
below error level are left out. The transform's message for the input (the
`errorMessage` of the expected output named in sam-translator-output/MAPPING.tsv,
else its `errors`) is split into one error per resource it names; an error
counts as flagged when an error-level finding lies at the place it names:
Location.Path starting with

  ["Resources", ID]   "Resource with id [ID] is invalid ..."; an ID SAM made
                      up (<Function><Event>, <Resource><Connector>,
                      <Function>EventInvokeConfig, ...) means the resource whose
                      ID begins it; ServerlessRestApi and ServerlessHttpApi mean
                      Globals.Api/HttpApi and the functions whose events make
                      them; text that is no ID (a property name, an application
                      id) means the resource holding it, else the only resource.
                      Also ["Globals", Kind] when the resource's type has a
                      Globals section (shown "via Globals": the value may come
                      from there);
  ["Resources", ID]   "Event with id [E] ..." alone: the resource declaring event E;
  ["Resources", X/Y]  "Transforming resource with id [X] ... id [Y]" (either);
  ["Globals"]         "'Globals' section is invalid ...";
  template-level      "Structure of the SAM template is invalid ...": the
                      resources and sections holding the keys, quoted names and
                      Fn:: functions the message names (else the resources with
                      a DefinitionBody for an OpenAPI message, else anywhere).

Prints each file (flagged when at least one of its errors is; the rules and
paths that matched, or the message shortened), the totals, and the kinds of
error missed grouped by a normalised message pattern. A flagged error is shown
'+' when the finding's path or message also names something the transform's
message names (a property, the event, the connector), '~' when the only error
there may be about something else; the totals count both, and '+' alone as
"on point".

--half A|B: only one half of the error_* inputs, split by a hash of the file
name: half A holds the files whose md5(basename) hex digest begins with 0-7,
half B the rest (8-f). Build checks while looking at one half's misses and
measure on the other to see how far they generalise. Exit 0; 1 with
--min-files N when fewer than N files are flagged; 77 (skip) when the corpus
is absent; 2 when stacklint fails.

--valid: the templates SAM accepts (sam-translator inputs not named error_*,
sam-integration/, serverless-patterns/, sam-cli-tests/): every error-level
finding except E3038, counted per rule and listed shortened, for judging each.
With --max-findings N, exit 1 when there are more than N.

Python 3 standard library only (templates are read by a small outline reader
that knows block YAML's keys and indentation, enough to find resources, events
and connectors). Nothing is written anywhere.
"""

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter, OrderedDict, defaultdict

SKIP = 77
EXCLUDED_RULES = {"E3038"}
VALID_DIRS = ("sam-integration", "serverless-patterns", "sam-cli-tests")
TEMPLATE_EXTS = (".yaml", ".yml", ".json", ".template")
GLOBALS_KIND = {
    "AWS::Serverless::Function": "Function",
    "AWS::Serverless::Api": "Api",
    "AWS::Serverless::HttpApi": "HttpApi",
    "AWS::Serverless::SimpleTable": "SimpleTable",
    "AWS::Serverless::StateMachine": "StateMachine",
    "AWS::Serverless::LayerVersion": "LayerVersion",
    "AWS::Serverless::CapacityProvider": "CapacityProvider",
    "AWS::Serverless::WebSocketApi": "WebSocketApi",
}
# keys every template has: naming one in a message says nothing about where
STRUCTURAL_KEYS = {
    "Type", "Properties", "Resources", "Outputs", "Value", "Description",
    "Condition", "Conditions", "Metadata", "DependsOn", "Transform", "Export",
    "AWSTemplateFormatVersion", "Name", "Default",
}
WIDTH = 150


# --------------------------------------------------------------------------
# template outline: key paths, scalar values, and which node each line is in

class Outline:
    """Keys of a template, as paths; a sequence item is the element '-'."""

    def __init__(self):
        self.values = OrderedDict()   # path tuple -> scalar text or None
        self.texts = []               # (path, text): every line / key / value

    def children(self, path):
        n = len(path)
        seen = []
        for p in self.values:
            if len(p) == n + 1 and p[:n] == path and p[n] not in seen:
                seen.append(p[n])
        return seen

    def value(self, path):
        return self.values.get(path)

    def has(self, path):
        return path in self.values


def _unquote(s):
    s = s.strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "'\"":
        return s[1:-1]
    return s


def _strip_comment(s):
    # a '#' after whitespace starts a comment outside quotes
    q = None
    for i, c in enumerate(s):
        if q:
            if c == q:
                q = None
        elif c in "'\"" and (i == 0 or s[i - 1] in " \t[{,:"):
            q = c
        elif c == "#" and (i == 0 or s[i - 1] in " \t"):
            return s[:i].rstrip()
    return s.rstrip()


def _split_key(s):
    """'key: rest' -> (key, rest); None when s is not a mapping entry."""
    if not s or s[0] in "[{#|>!&*%@`":
        return None
    if s[0] in "'\"":
        q = s[0]
        i = 1
        while i < len(s):
            if s[i] == q:
                if q == "'" and i + 1 < len(s) and s[i + 1] == "'":
                    i += 2
                    continue
                break
            if q == '"' and s[i] == "\\":
                i += 1
            i += 1
        j = i + 1
        while j < len(s) and s[j] in " \t":
            j += 1
        if j < len(s) and s[j] == ":" and (j + 1 == len(s) or s[j + 1] in " \t"):
            return s[1:i], s[j + 1:].strip()
        return None
    m = re.search(r":(\s|$)", s)
    if not m:
        return None
    key = s[:m.start()].rstrip()
    if not key or " #" in key:
        return None
    return key, s[m.end():].strip()


def _balance(s):
    depth = 0
    q = None
    for c in s:
        if q:
            if c == q:
                q = None
        elif c in "'\"":
            q = c
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
    return depth


def outline_yaml(text):
    out = Outline()
    lines = text.splitlines()
    stack = []   # (indent, name, is_item)
    i = 0
    n = len(lines)

    def path():
        return tuple(e[1] for e in stack)

    while i < n:
        raw = lines[i]
        line = raw.rstrip()
        body = line.lstrip(" ")
        if not body or body.startswith("#") or body in ("---", "...") \
                or body.startswith("--- ") or body.startswith("%"):
            i += 1
            continue
        col = line_indent = len(line) - len(body)
        # sequence entries: '- ' possibly repeated ('- - x')
        while body == "-" or body.startswith("- "):
            while stack and (stack[-1][0] > col or (stack[-1][0] == col and stack[-1][2])):
                stack.pop()
            stack.append((col, "-", True))
            rest = body[1:]
            body = rest.lstrip(" ")
            col += 1 + (len(rest) - len(body))
            if not body:
                break
        kv = _split_key(_strip_comment(body)) if body else None
        if kv is not None:
            key, rest = kv
            key = _unquote(key)
            while stack and stack[-1][0] >= col:
                stack.pop()
            stack.append((col, key, False))
            p = path()
            rest = _strip_comment(rest)
            val = rest if rest else None
            out.values[p] = _unquote(val) if val is not None else None
            out.texts.append((p, raw.strip()))
            owner_indent = col
        else:
            p = path()
            out.texts.append((p, raw.strip()))
            rest = _strip_comment(body)
            owner_indent = line_indent
        i += 1
        # values that run over several lines belong to this node
        if re.match(r"^(!\S+\s+)?[|>][0-9+-]*$", rest or ""):
            while i < n:
                nxt = lines[i]
                if nxt.strip() and len(nxt) - len(nxt.lstrip(" ")) <= owner_indent:
                    break
                if nxt.strip():
                    out.texts.append((p, nxt.strip()))
                i += 1
        elif rest and re.match(r"^(!\S+\s+)?[\[{]", rest):
            depth = _balance(rest)
            while depth > 0 and i < n:
                out.texts.append((p, lines[i].strip()))
                depth += _balance(_strip_comment(lines[i]))
                i += 1
        elif rest and rest[:1] in "'\"" and (len(rest) == 1 or not rest.endswith(rest[0])):
            q = rest[0]
            while i < n:
                out.texts.append((p, lines[i].strip()))
                closed = lines[i].rstrip().endswith(q)
                i += 1
                if closed:
                    break
    return out


def outline_json(data):
    out = Outline()

    def walk(node, p):
        if isinstance(node, dict):
            for k, v in node.items():
                q = p + (k,)
                out.values[q] = v if isinstance(v, str) else None
                out.texts.append((q, k))
                walk(v, q)
        elif isinstance(node, list):
            for v in node:
                walk(v, p + ("-",))
        elif node is not None:
            out.texts.append((p, str(node)))
    walk(data, ())
    return out


def load_outline(filename):
    with open(filename, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if text.lstrip().startswith("{"):
        try:
            return outline_json(json.loads(text))
        except ValueError:
            pass
    return outline_yaml(text)


# --------------------------------------------------------------------------
# the transform's message, one error per resource

HEADER_RE = re.compile(
    r"^\s*Invalid Serverless Application Specification document\.\s*"
    r"(?:Number of errors found:\s*(\d+)\.\s*)?")
MARK_RE = re.compile(
    r"Resource with id \[|Transforming resource with id \[|Event with id \[|"
    r"Structure of the SAM template is invalid\.|'Globals' section is invalid\.")
PREFIX_ONLY_RE = re.compile(
    r"(Resource with id \[.*?\] is invalid\.\s*)(Event with id \[.*?\] is invalid\.\s*)?")
RESOURCE_RE = re.compile(r"Resource with id \[(.*?)\] is invalid\.\s*")
EVENT_RE = re.compile(r"Event with id \[(.*?)\] is invalid\.\s*")
TRANSFORMING_RE = re.compile(
    r"Transforming resource with id \[(.*?)\] attempts to create a new resource "
    r"with id \[(.*?)\]")


def expected_message(doc):
    if isinstance(doc.get("errorMessage"), str):
        return doc["errorMessage"]
    errs = doc.get("errors") or []
    return " ".join(e.get("errorMessage", "") for e in errs if isinstance(e, dict))


def split_errors(message):
    """-> (declared count or None, [segment text])."""
    m = HEADER_RE.match(message)
    declared = int(m.group(1)) if m and m.group(1) else None
    body = message[m.end():] if m else message
    starts = [mm.start() for mm in MARK_RE.finditer(body)]
    segs = []
    cur = 0
    for s in starts:
        if s == cur:
            continue
        if PREFIX_ONLY_RE.fullmatch(body[cur:s]):
            continue          # 'Event with id' / 'Structure ...' continue a resource's error
        segs.append(body[cur:s].strip())
        cur = s
    segs.append(body[cur:].strip())
    return declared, [s for s in segs if s]


def detail(seg):
    """The message without its 'Resource/Event with id [..] is invalid.' prefixes."""
    s = seg
    for rx in (RESOURCE_RE, EVENT_RE):
        m = rx.match(s)
        if m:
            s = s[m.end():]
    return s.strip() or seg


NORMALISERS = [
    (r"^Structure of the SAM template is invalid\.\s*", "Structure invalid: "),
    (r"^'Globals' section is invalid\.\s*", "Globals invalid: "),
    (r"Must be one of the following values - \[.*\]", "Must be one of [...]"),
    (r"(?i)\bproperty \S+ not defined for resource of type \S+", "property X not defined for resource of type Y"),
    (r"Cannot access application: .*", "Cannot access application: X"),
    (r"^\S+ (Lambda )?Authorizer (has|must)", r"X \1Authorizer \2"),
    (r"authorizer '\S+'", "authorizer 'X'"),
    (r"^Resource \S+ has invalid", "Resource X has invalid"),
    (r"^\S+ is a reserved Tag key", "X is a reserved Tag key"),
    (r"^[\w.]+ is not a valid property", "X is not a valid property"),
    (r"^(\w+) must be of type \w+", r"X must be of type T"),
    (r"^[\w.]+ (must be|is not) (a|an) (\w+)", r"X \1 \2 \3"),
    (r"^[\w.]+ must be specified", "X must be specified"),
    (r"^[\w.]+ works only", "X works only"),
    (r"^[\w.]+ must be a valid reference to an \S+", "X must be a valid reference to an 'AWS::Serverless::T'"),
    (r"^(Missing required field) \w+", r"\1 X"),
    (r"^[\w.]+\.[\w.]+ should be a map", "X should be a map"),
    (r"in SourceAccessConfigurations for self managed kafka event", "in SourceAccessConfigurations"),
    (r"for self managed kafka event provided", "provided"),
    (r"No \w+ provided for self managed kafka as an event source", "No X provided for self managed kafka"),
    (r"Value for \w+ is required", "Value for X is required"),
    (r"for AuthType \w+", "for AuthType X"),
    (r"connector from \S+ to \S+;", "connector from T to T;"),
    (r"Fn::\w+", "Fn::X"),
    (r"(?<![A-Za-z])'[^']*'(?![A-Za-z])|\"[^\"]*\"|`[^`]*`", "'X'"),
    (r"\[[^\[\]]*\]|\[\[[^\]]*\]\]", "[X]"),
    (r"(?<=path )/\S*", "P"),
    (r"(?<=method )\w+", "M"),
    (r"\b\d+\b", "N"),
    (r"\s+", " "),
]


def normalise(seg):
    s = detail(seg)
    for rx, rep in NORMALISERS:
        s = re.sub(rx, rep, s)
    return s.strip().rstrip(".")


def shorten(s, width=WIDTH):
    s = re.sub(r"\s+", " ", s).strip()
    return s if len(s) <= width else s[:width - 3] + "..."


# --------------------------------------------------------------------------
# where each error is

class Where:
    def __init__(self):
        self.places = []      # path prefixes (tuples); () = anywhere
        self.globals = []     # places counted 'via Globals'
        self.named = ""       # what the message names, for display
        self.note = ""        # how it was resolved when not plainly
        self.tokens = []      # names (event, connector) the ID implies

    def add(self, place, via_globals=False):
        lst = self.globals if via_globals else self.places
        if place not in lst:
            lst.append(place)


def resources(ol):
    return [r for r in ol.children(("Resources",)) if r != "-"]


def rtype(ol, rid):
    return ol.value(("Resources", rid, "Type")) or ""


def events(ol, rid):
    return ol.children(("Resources", rid, "Properties", "Events"))


def connectors(ol, rid):
    return ol.children(("Resources", rid, "Connectors"))


def owners_of(ol, token):
    """Resources / top-level sections whose text holds token as a key or value."""
    found = []
    fn = re.fullmatch(r"Fn::(\w+)", token)
    for p, text in ol.texts:
        if not p:
            continue
        if fn:
            hit = token in text or re.search(r"!" + fn.group(1) + r"\b", text)
        else:
            hit = (p[-1] == token) or text == token or \
                re.search(r"(^|[\s:'\"\[,{-])" + re.escape(token) + r"($|[\s'\",\]}:])", text)
        if hit:
            place = p[:2] if p[0] == "Resources" and len(p) >= 2 else p[:1]
            if place not in found:
                found.append(place)
    return found


def add_resource(w, ol, rid):
    w.add(("Resources", rid))
    kind = GLOBALS_KIND.get(rtype(ol, rid))
    if kind and ol.has(("Globals", kind)):
        w.add(("Globals", kind), via_globals=True)


def resolve_resource(w, ol, rid):
    res = resources(ol)
    if rid in res:
        add_resource(w, ol, rid)
        return
    # an ID SAM made up: <resource><event> or <resource><connector>
    best = None
    for r in res:
        if rid.startswith(r) and rid != r:
            tail = rid[len(r):]
            if tail in events(ol, r) or tail in connectors(ol, r):
                if best is None or len(r) > len(best):
                    best = r
    if best:
        w.note = "generated id, of " + best
        w.tokens.append(rid[len(best):])
        add_resource(w, ol, best)
        return
    implicit = {"ServerlessRestApi": ("Api", "Api"), "ServerlessHttpApi": ("HttpApi", "HttpApi")}
    if rid in implicit:
        gkind, etype = implicit[rid]
        w.note = "implicit API"
        if ol.has(("Globals", gkind)):
            w.add(("Globals", gkind))
        for r in res:
            for e in events(ol, r):
                if ol.value(("Resources", r, "Properties", "Events", e, "Type")) == etype:
                    w.add(("Resources", r))
        return
    # other made-up IDs (<Function>EventInvokeConfig, <Function>Role, ...)
    best = max((r for r in res if rid.startswith(r) and rid != r), key=len, default=None)
    if best:
        w.note = "generated id, of " + best
        w.tokens.append(rid[len(best):])
        add_resource(w, ol, best)
        return
    # SAM sometimes puts something else between the brackets (a property name,
    # an application id): the resource holding that text, else the only one
    names = [t for t in re.split(r"[\s,\[\]'\"]+", rid) if t]
    places = []
    for t in names:
        for p in owners_of(ol, t):
            if p[0] == "Resources" and p not in places:
                places.append(p)
    if places:
        w.note = "id not a resource; resource holding it"
        for p in places:
            add_resource(w, ol, p[1])
        return
    if len(res) == 1:
        w.note = "id not a resource; the only resource"
        add_resource(w, ol, res[0])
        return
    w.note = "id not found: anywhere"
    w.add(())


def resolve_template_level(w, ol, text):
    tokens = []
    for q in re.findall(r"'([^']+)'|\"([^\"]+)\"", text):
        t = q[0] or q[1]
        tokens.append(t)
    for t in re.findall(r"[A-Za-z0-9_/{}$:.\-]+", text):
        t = t.strip(".:,")
        if t:
            tokens.append(t)
    keys = {p[-1] for p in ol.values}
    for t in OrderedDict.fromkeys(tokens):
        if t in STRUCTURAL_KEYS:
            continue
        if t.startswith("Fn::") or t in keys:
            for p in owners_of(ol, t):
                w.add(p)
    if w.places:
        w.note = "places holding the keys it names"
        return
    if re.search(r"OpenA[Pp][Ii]|Swagger|DefinitionBody|\bpath\b|method", text):
        for r in resources(ol):
            if ol.has(("Resources", r, "Properties", "DefinitionBody")):
                w.add(("Resources", r))
        if w.places:
            w.note = "resources with a DefinitionBody"
            return
    w.note = "nothing named: anywhere"
    w.add(())


def locate(seg, ol, doc_errors):
    w = Where()
    for ev in EVENT_RE.findall(seg):
        w.tokens.append(ev)
    m = TRANSFORMING_RE.match(seg)
    if m:
        w.named = m.group(1)
        for rid in (m.group(1), m.group(2)):
            if rid in resources(ol):
                add_resource(w, ol, rid)
        if not w.places:
            resolve_resource(w, ol, m.group(1))
        return w
    m = RESOURCE_RE.match(seg)
    if m:
        w.named = m.group(1)
        resolve_resource(w, ol, m.group(1))
        return w
    m = EVENT_RE.match(seg)
    if m:
        ev = m.group(1)
        w.named = "event " + ev
        for r in resources(ol):
            if ev in events(ol, r):
                add_resource(w, ol, r)
        if w.places:
            return w
        # SAM sometimes names the event <resource><event>
        if any(ev.startswith(r) and ev != r for r in resources(ol)):
            resolve_resource(w, ol, ev)
            return w
        # the 'errors' list sometimes names the resource the message leaves out
        for e in doc_errors:
            mm = RESOURCE_RE.match(e)
            if mm and ("[" + ev + "]") in e:
                resolve_resource(w, ol, mm.group(1))
                w.note = "resource from 'errors'"
                return w
        for e in doc_errors:
            mm = RESOURCE_RE.match(e)
            if mm and EVENT_RE.search(e):
                resolve_resource(w, ol, mm.group(1))
                w.note = "resource from 'errors' (another event id)"
                return w
        resolve_template_level(w, ol, detail(seg))
        return w
    if seg.startswith("'Globals' section is invalid"):
        w.named = "Globals"
        w.add(("Globals",))
        return w
    w.named = "template"
    text = seg
    if text.startswith("Structure of the SAM template is invalid."):
        text = text[len("Structure of the SAM template is invalid."):]
    resolve_template_level(w, ol, text)
    return w


def message_tokens(seg, ol, w):
    """Names the message gives: quoted names (split at dots), its subject, keys
    of the template, CamelCase words and CONSTANTS, and the event / connector."""
    d = detail(seg)
    toks = set(w.tokens)
    # a dotted name (Auth.Authorizers.X.Identity) names its last part
    d = re.sub(r"[\w<>]+(?:\.[\w<>]+)+", lambda m: m.group(0).split(".")[-1], d)
    for q in re.findall(r"(?<![A-Za-z])'([^']+)'(?![A-Za-z])|\"([^\"]+)\"|`([^`]+)`", d):
        toks.update(re.split(r"[^A-Za-z0-9_:$/{}-]+", "".join(q)))
    keys = {p[-1] for p in ol.values}
    words = re.findall(r"[A-Za-z_$/][A-Za-z0-9_:{}/$-]*", d)
    if words and words[0] in keys:
        toks.add(words[0])
    for word in words:
        word = word.rstrip(":")
        if word in STRUCTURAL_KEYS:
            continue
        if word in keys or re.match(r"^[A-Z][a-z0-9]+[A-Z]", word) or \
                re.match(r"^[A-Z][A-Z0-9_]{2,}$", word):
            toks.add(word)
    return {t for t in toks if len(t) >= 2}


def on_point(finding, toks):
    """The finding's path or message names something the transform's message names."""
    path = [str(x) for x in finding.get("Location", {}).get("Path") or []][2:]
    if any(p in toks and p not in STRUCTURAL_KEYS for p in path):
        return True
    msg = finding.get("Message", "")
    return any(re.search(r"(?<![A-Za-z0-9_])" + re.escape(t) + r"(?![A-Za-z0-9_])", msg)
               for t in toks)


# --------------------------------------------------------------------------
# running stacklint

def run_stacklint(exe, files, chunk=200):
    findings = defaultdict(list)
    for k in range(0, len(files), chunk):
        part = files[k:k + chunk]
        proc = subprocess.run([exe, "-f", "json", *part], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
        if proc.returncode & 1 or proc.returncode >= 16:
            sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
            print("stacklint exited %d" % proc.returncode, file=sys.stderr)
            sys.exit(2)
        for f in json.loads(proc.stdout.decode("utf-8") or "[]"):
            findings[f["Filename"]].append(f)
    return findings


def errors_only(fs):
    return [f for f in fs if f.get("Level") == "Error"
            and f.get("Rule", {}).get("Id") not in EXCLUDED_RULES]


def path_str(p):
    return "/".join(str(x) for x in p) if p else "(anywhere)"


def at_place(finding, place):
    p = tuple(str(x) for x in finding.get("Location", {}).get("Path") or [])
    return p[:len(place)] == tuple(place)


# --------------------------------------------------------------------------

def half_of(name):
    """'A' when md5(name)'s first hex digit is 0-7, else 'B' (see --half)."""
    return "A" if hashlib.md5(name.encode("utf-8")).hexdigest()[0] in "01234567" else "B"


def error_mode(args):
    corpus = args.corpus
    mapping = os.path.join(corpus, "sam-translator-output", "MAPPING.tsv")
    cases = []
    with open(mapping, encoding="utf-8") as f:
        for ln, line in enumerate(f):
            cols = line.rstrip("\n").split("\t")
            if ln == 0 or len(cols) < 2:
                continue
            if os.path.basename(cols[0]).startswith("error_"):
                cases.append((os.path.join(corpus, cols[0]), os.path.join(corpus, cols[1])))
    cases = [c for c in cases if os.path.exists(c[0])]
    if args.half:
        cases = [c for c in cases if half_of(os.path.basename(c[0])) == args.half]
    cases.sort()
    findings = run_stacklint(args.stacklint, [c[0] for c in cases])

    files_flagged = 0
    pairs_total = pairs_flagged = pairs_on_point = files_on_point = 0
    kinds = OrderedDict()     # pattern -> [missed, total, example]
    count_mismatch = []
    via_globals = 0
    for tmpl, expected in cases:
        name = os.path.basename(tmpl)
        with open(expected, encoding="utf-8") as f:
            doc = json.load(f)
        message = expected_message(doc)
        doc_errors = [e.get("errorMessage", "") for e in doc.get("errors") or []
                      if isinstance(e, dict)]
        doc_errors = [HEADER_RE.sub("", e) for e in doc_errors]
        declared, segs = split_errors(message)
        if declared is not None and declared != len(segs):
            count_mismatch.append("%s: %d declared, %d read" % (name, declared, len(segs)))
        ol = load_outline(tmpl)
        errs = errors_only(findings.get(tmpl, []))
        lines = []
        hit_file = point_file = 0
        for seg in segs:
            w = locate(seg, ol, doc_errors)
            matched = [f for f in errs if any(at_place(f, p) for p in w.places)]
            gmatched = [] if matched else \
                [f for f in errs if any(at_place(f, p) for p in w.globals)]
            ok = bool(matched or gmatched)
            pairs_total += 1
            kind = normalise(seg)
            k = kinds.setdefault(kind, [0, 0, None, []])
            k[1] += 1
            if ok:
                pairs_flagged += 1
                hit_file += 1
                if gmatched:
                    via_globals += 1
                used = matched or gmatched
                toks = message_tokens(seg, ol, w)
                pointed = [f for f in used if on_point(f, toks)]
                if pointed:
                    pairs_on_point += 1
                    point_file += 1
                shown = pointed or used
                rules = ",".join(sorted({f["Rule"]["Id"] for f in shown}))
                where = path_str(shown[0]["Location"]["Path"])
                lines.append("    %s %-28s %s at %s%s" % (
                    "+" if pointed else "~", "[" + shorten(w.named, 26) + "]", rules,
                    shorten(where, 70), " (via Globals)" if gmatched else ""))
                if args.verbose or not pointed:
                    lines.append("        " + shorten(detail(seg), WIDTH - 8))
                if args.verbose or not pointed:
                    lines.append("        " + shorten(shown[0]["Rule"]["Id"] + ": " + shown[0]["Message"], WIDTH - 8))
            else:
                k[0] += 1
                if k[2] is None:
                    k[2] = "%s: %s" % (name, detail(seg))
                m = re.search(r"(?<![A-Za-z])'([^']*)'(?![A-Za-z])|\"([^\"]*)\"|`([^`]*)`", detail(seg))
                if kind.startswith("X "):
                    subject = detail(seg).split(" ", 1)[0]
                else:
                    subject = "'%s'" % "".join(m.groups("")) if m else name
                if subject not in k[3]:
                    k[3].append(subject)
                lines.append("    - %-28s %s" % ("[" + shorten(w.named, 26) + "]",
                                                  shorten(detail(seg), WIDTH - 36)))
                if args.verbose:
                    others = ", ".join(sorted({f["Rule"]["Id"] + "@" + path_str(f["Location"]["Path"][:2])
                                               for f in errs})) or "none"
                    lines.append("        looked at %s%s; errors found: %s" % (
                        ", ".join(path_str(p) for p in w.places + w.globals),
                        " (" + w.note + ")" if w.note else "", shorten(others, 90)))
            if w.note and not args.verbose and ok is False and w.note.startswith(("id not found", "nothing named")):
                lines.append("        (%s)" % w.note)
        state = "flagged" if hit_file else "missed "
        if hit_file:
            files_flagged += 1
        if point_file:
            files_on_point += 1
        print("%s %-70s %d/%d" % (state, name, hit_file, len(segs)))
        for ln in lines:
            print(ln)

    n = len(cases)
    print()
    print("files flagged:           %d / %d (%.0f%%)" % (files_flagged, n, 100.0 * files_flagged / max(n, 1)))
    print("resource-errors flagged: %d / %d (%.0f%%)%s" % (
        pairs_flagged, pairs_total, 100.0 * pairs_flagged / max(pairs_total, 1),
        " (%d of them via Globals)" % via_globals if via_globals else ""))
    print("on point ('+': the finding's path or message names what the transform's message names;")
    print("          '~': an error at that resource, maybe for another reason):")
    print("  files %d / %d, resource-errors %d / %d" % (files_on_point, n, pairs_on_point, pairs_total))
    if count_mismatch:
        print("messages whose error count differs from the errors read: " + "; ".join(count_mismatch))
    print()
    print("kinds missed (missed / of that kind, normalised message, one example):")
    rows = sorted(((v[0], v[1], k, v[2], v[3]) for k, v in kinds.items() if v[0]),
                  key=lambda r: (-r[0], r[2]))
    for missed, total, kind, example, names in rows:
        print("  %3d / %-3d %s" % (missed, total, shorten(kind, WIDTH - 12)))
        print("            e.g. %s" % shorten(example, WIDTH - 16))
        if len(names) > 1:
            print("            all: %s" % shorten(", ".join(names), WIDTH - 17))
    print("  (%d kinds missed, %d kinds in all)" % (len(rows), len(kinds)))
    if args.min_files is not None and files_flagged < args.min_files:
        print("FAIL: %d files flagged, fewer than --min-files %d" % (files_flagged, args.min_files))
        return 1
    return 0


def valid_kind(msg):
    s = re.sub(r"\(did you mean [^)]*\)", "", msg)
    s = re.sub(r"(?<![A-Za-z])'[^']*'(?![A-Za-z])|\"[^\"]*\"", "X", s)
    s = re.sub(r"\b\d+\b", "N", s)
    return re.sub(r"\s+", " ", s).strip()


def template_files(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for fn in sorted(filenames):
            if fn.lower().endswith(TEMPLATE_EXTS):
                out.append(os.path.join(dirpath, fn))
    return out


def valid_mode(args):
    corpus = args.corpus
    files = [f for f in template_files(os.path.join(corpus, "sam-translator"))
             if not os.path.basename(f).startswith("error_")]
    for d in VALID_DIRS:
        files += template_files(os.path.join(corpus, d))
    findings = run_stacklint(args.stacklint, files)
    per_rule = Counter()
    per_rule_files = defaultdict(set)
    per_folder = Counter()
    listing = []
    for fn in files:
        for f in errors_only(findings.get(fn, [])):
            rid = f["Rule"]["Id"]
            per_rule[rid] += 1
            per_rule_files[rid].add(fn)
            rel = os.path.relpath(fn, corpus)
            per_folder[rel.split(os.sep)[0]] += 1
            start = f["Location"]["Start"]
            listing.append((rid, rel, start["LineNumber"], start["ColumnNumber"],
                            path_str(f["Location"]["Path"]), f["Message"]))
    listing.sort(key=lambda r: (-per_rule[r[0]], r[0], r[1], r[2], r[3]))
    cur = None
    for rid, rel, line, col, p, msg in listing:
        if rid != cur:
            cur = rid
            print("%s (%d in %d files)" % (rid, per_rule[rid], len(per_rule_files[rid])))
        print("  %s:%d:%d %s" % (rel, line, col, shorten(p, 60)))
        print("      " + shorten(msg, WIDTH - 6))
    total = sum(per_rule.values())
    nfiles = len({r[1] for r in listing})
    print()
    print("error-level findings (E3038 left out) on templates SAM accepts: %d in %d of %d files"
          % (total, nfiles, len(files)))
    print("per folder: " + ", ".join("%s %d" % kv for kv in sorted(per_folder.items())))
    print("per rule:")
    for rid, c in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        print("  %-6s %4d  in %d files" % (rid, c, len(per_rule_files[rid])))
    kinds = OrderedDict()
    for rid, rel, line, col, p, msg in listing:
        k = kinds.setdefault((rid, valid_kind(msg)), [0, set(), "%s:%d:%d" % (rel, line, col)])
        k[0] += 1
        k[1].add(rel)
    print("per kind (rule, message with names as X; count, files, first example):")
    for (rid, kind), (c, fs, ex) in sorted(kinds.items(), key=lambda kv: (-kv[1][0], kv[0])):
        print("  %-6s %4d %4d  %s" % (rid, c, len(fs), shorten(kind, WIDTH - 20)))
        print("                    e.g. %s" % shorten(ex, WIDTH - 25))
    if args.max_findings is not None and total > args.max_findings:
        print("FAIL: %d findings, more than --max-findings %d" % (total, args.max_findings))
        return 1
    return 0


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("stacklint", help="the stacklint binary")
    ap.add_argument("corpus", help="the corpus folder (../shared/corpus)")
    ap.add_argument("--valid", action="store_true",
                    help="error-level findings on the templates SAM accepts instead")
    ap.add_argument("--min-files", type=int, metavar="N",
                    help="exit 1 when fewer than N error_* files are flagged")
    ap.add_argument("--max-findings", type=int, metavar="N",
                    help="--valid: exit 1 when there are more than N findings")
    ap.add_argument("--half", choices=("A", "B"),
                    help="only the error_* inputs whose md5(name) begins with 0-7 (A) or 8-f (B)")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="show where each error was looked for and what was found")
    args = ap.parse_args(argv[1:])
    if not os.path.isdir(os.path.join(args.corpus, "sam-translator")):
        print("corpus not found: %s (skipped)" % args.corpus)
        return SKIP
    if not os.access(args.stacklint, os.X_OK):
        print("not an executable: %s" % args.stacklint, file=sys.stderr)
        return 2
    return valid_mode(args) if args.valid else error_mode(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
