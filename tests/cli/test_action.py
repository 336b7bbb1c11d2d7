#!/usr/bin/env python3
"""
The GitHub Action (action.yml at the repository root), run here the way
GitHub's runner runs a composite action, since no runner is available:

- action.yml is read with PyYAML when it is installed, else with the small
  reader below (a test checks that both read the file alike);
- inputs get their defaults, and GitHub sets no INPUT_* variables for a
  composite action (docs: metadata syntax, "inputs"), so a step sees an input
  only where its `env:` passes it;
- each step's `if:` and every ${{ }} in its `env:` are evaluated with the
  expression rules GitHub documents (contexts inputs, steps, github, runner;
  `||` gives its first truthy operand; == compares strings ignoring case; a
  condition without a status function implies success());
- a `shell: bash` step's `run:` text is written to a file and run as
  `bash --noprofile --norc -eo pipefail FILE` from the workspace, with
  GITHUB_ACTION_PATH (this source tree), GITHUB_WORKSPACE, RUNNER_TEMP and a
  fresh GITHUB_OUTPUT file per step; that file is read as the runner reads it
  (name=value lines and name<<DELIMITER blocks) into steps.<id>.outputs, and
  the action's `outputs:` are evaluated from them at the end;
- a failed step skips the steps after it.

The lint step runs the real stacklint on copies of tests/cli/data/. The build
step (tools/action/build.sh) runs with stand-ins for apt-get, sudo and meson
first on PATH: they record their arguments, and "meson compile" copies the
stacklint under test into the build directory, so the whole action runs end
to end without installing packages or building for minutes. That the build
target named there exists is checked against this build directory with
`meson introspect` (skipped when the binary is not in a meson build tree).

    test_action.py STACKLINT [unittest options]

Standard library only (PyYAML is used when present).
"""
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET
from collections import namedtuple

import test_cli as base

ACTION_YML = os.path.join(base.SOURCE_ROOT, "action.yml")

try:
    import yaml  # PyYAML, when installed
except ImportError:  # pragma: no cover - depends on the machine
    yaml = None


# ---------------------------------------------------------------------------
# A small YAML reader: block mappings and sequences, plain and quoted scalars,
# folded (>, >-) and literal (|, |-) block scalars, comments. Anything else
# (flow collections, anchors, tags) is an error, so action.yml stays readable
# without PyYAML.

class MiniYamlError(ValueError):
    pass


class MiniYaml:
    def __init__(self, text):
        self.lines = text.split("\n")
        self.i = 0

    @staticmethod
    def indent(line):
        return len(line) - len(line.lstrip(" "))

    def skip(self):
        while self.i < len(self.lines):
            s = self.lines[self.i].strip()
            if s and not s.startswith("#"):
                return
            self.i += 1

    def current(self):
        self.skip()
        if self.i >= len(self.lines):
            return None, None
        line = self.lines[self.i]
        if "\t" in line[:self.indent(line) + 1]:
            raise MiniYamlError("line %d: tab in indentation" % (self.i + 1))
        return self.indent(line), line.strip()

    def parse(self):
        ind, text = self.current()
        if text is None:
            return None
        node = self.block(ind)
        if self.current()[1] is not None:
            raise MiniYamlError("line %d: unexpected indentation" % (self.i + 1))
        return node

    def block(self, ind):
        text = self.current()[1]
        if text == "-" or text.startswith("- "):
            return self.sequence(ind)
        return self.mapping(ind)

    def sequence(self, ind):
        items = []
        while True:
            cur, text = self.current()
            if text is None or cur != ind or not (text == "-" or text.startswith("- ")):
                return items
            rest = text[1:].strip()
            if not rest:
                self.i += 1
                nxt = self.current()[0]
                items.append(self.block(nxt) if nxt is not None and nxt > ind else None)
            elif re.match(r"^[A-Za-z0-9_.-]+:(\s|$)", rest):
                # "- key: value": a mapping whose lines are indented past the dash
                self.lines[self.i] = " " * (ind + 2) + rest
                items.append(self.mapping(ind + 2))
            else:
                self.i += 1
                items.append(self.scalar(rest))

    def mapping(self, ind):
        out = {}
        while True:
            cur, text = self.current()
            if text is None or cur < ind:
                return out
            if cur > ind:
                raise MiniYamlError("line %d: unexpected indentation" % (self.i + 1))
            if text.startswith("- "):
                return out
            m = re.match(r"^([A-Za-z0-9_.-]+|'[^']*'|\"[^\"]*\"):(?:\s+(.*))?$", text)
            if not m:
                raise MiniYamlError("line %d: not a 'key: value' line: %r" % (self.i + 1, text))
            key = m.group(1).strip("'\"")
            if key in out:
                raise MiniYamlError("line %d: duplicate key %r" % (self.i + 1, key))
            rest = self.strip_comment(m.group(2) or "")
            self.i += 1
            if rest in (">", ">-", "|", "|-"):
                out[key] = self.block_scalar(ind, rest)
            elif rest:
                out[key] = self.scalar(rest)
            else:
                nxt, ntext = self.current()
                if ntext is not None and (nxt > ind or (nxt == ind and (ntext == "-" or ntext.startswith("- ")))):
                    out[key] = self.block(nxt)
                else:
                    out[key] = None

    @staticmethod
    def strip_comment(s):
        s = s.strip()
        if s[:1] in ("'", '"'):
            return s  # a quoted scalar: scalar() checks what follows its closing quote
        m = re.search(r"\s#", s)
        return (s[:m.start()] if m else s).rstrip()

    def block_scalar(self, ind, style):
        lines = []
        block_ind = None
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if line.strip() == "":
                lines.append("")
                self.i += 1
                continue
            li = self.indent(line)
            if li <= ind or (block_ind is not None and li < block_ind):
                break
            if block_ind is None:
                block_ind = li
            lines.append(line[block_ind:])
            self.i += 1
        while lines and lines[-1] == "":
            lines.pop()
        if style.startswith(">"):
            text, prev = "", None
            for line in lines:
                if line == "":
                    text += "\n"
                elif prev not in (None, ""):
                    text += " " + line
                else:
                    text += line
                prev = line
        else:
            text = "\n".join(lines)
        return text if style.endswith("-") else text + "\n"

    @staticmethod
    def scalar(s):
        if s[:1] == "'":
            m = re.match(r"^'((?:[^']|'')*)'\s*(#.*)?$", s)
            if not m:
                raise MiniYamlError("bad single-quoted scalar %r" % s)
            return m.group(1).replace("''", "'")
        if s[:1] == '"':
            m = re.match(r'^"((?:[^"\\]|\\.)*)"\s*(#.*)?$', s)
            if not m:
                raise MiniYamlError("bad double-quoted scalar %r" % s)
            return re.sub(r"\\(.)", lambda e: {"n": "\n", "t": "\t"}.get(e.group(1), e.group(1)), m.group(1))
        if s[:1] in "[{&*!|>%@`" or ": " in s:
            raise MiniYamlError("unsupported scalar %r" % s)
        if s in ("true", "True", "TRUE"):
            return True
        if s in ("false", "False", "FALSE"):
            return False
        if s in ("null", "~"):
            return None
        return s


def load_action(text):
    return yaml.safe_load(text) if yaml is not None else MiniYaml(text).parse()


# ---------------------------------------------------------------------------
# GitHub Actions expressions: the part action.yml may use. Anything else is an
# error, so that action.yml cannot grow an expression this emulation ignores.

EXPR_TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||!|\(|\))"
                        r"|(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*))")
STATUS_FUNCTIONS = ("success", "failure", "always", "cancelled")


class Expr:
    def __init__(self, text, context, job_failed):
        self.toks, pos = [], 0
        text = text.strip()
        while pos < len(text):
            m = EXPR_TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise ValueError("unsupported expression %r at %d" % (text, pos))
            kind = m.lastgroup
            self.toks.append((kind, m.group(kind)))
            pos = m.end()
            while pos < len(text) and text[pos] == " ":
                pos += 1
        self.pos, self.context, self.job_failed = 0, context, job_failed
        self.uses_status = any(k == "name" and v in STATUS_FUNCTIONS for k, v in self.toks)

    def peek(self):
        return self.toks[self.pos] if self.pos < len(self.toks) else (None, None)

    def take(self, value=None):
        tok = self.peek()
        if tok[0] is None or (value is not None and tok[1] != value):
            raise ValueError("expected %r, got %r" % (value, tok))
        self.pos += 1
        return tok

    def evaluate(self):
        v = self.or_()
        if self.pos != len(self.toks):
            raise ValueError("trailing tokens in expression: %r" % (self.toks[self.pos:],))
        return v

    def or_(self):
        v = self.and_()
        while self.peek() == ("op", "||"):
            self.take()
            w = self.and_()
            v = v if truthy(v) else w
        return v

    def and_(self):
        v = self.cmp()
        while self.peek() == ("op", "&&"):
            self.take()
            w = self.cmp()
            v = w if truthy(v) else v
        return v

    def cmp(self):
        v = self.unary()
        if self.peek() in (("op", "=="), ("op", "!=")):
            op = self.take()[1]
            w = self.unary()
            eq = loose_equal(v, w)
            return eq if op == "==" else not eq
        return v

    def unary(self):
        if self.peek() == ("op", "!"):
            self.take()
            return not truthy(self.unary())
        return self.primary()

    def primary(self):
        kind, value = self.take()
        if kind == "op" and value == "(":
            v = self.or_()
            self.take(")")
            return v
        if kind == "str":
            return value[1:-1].replace("''", "'")
        if kind == "num":
            return float(value)
        if kind == "name":
            if value in ("true", "false"):
                return value == "true"
            if value == "null":
                return None
            if value in STATUS_FUNCTIONS:
                self.take("(")
                self.take(")")
                return {"success": not self.job_failed, "failure": self.job_failed,
                        "always": True, "cancelled": False}[value]
            parts = value.split(".")
            if parts[0] not in self.context:
                raise ValueError("context %r is not emulated" % parts[0])
            v = self.context
            for p in parts:
                v = lookup(v, p)
            return v
        raise ValueError("unexpected %r" % value)


def lookup(obj, key):
    """A property of a context object, ignoring case as GitHub does; None when missing."""
    if not isinstance(obj, dict):
        return None
    for k, v in obj.items():
        if k.lower() == key.lower():
            return v
    return None


def truthy(v):
    return v not in (None, False, 0, 0.0, "")


def to_number(v):
    if v is None or v == "":
        return 0.0
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(v.strip())
    except ValueError:
        return float("nan")


def loose_equal(a, b):
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    if type(a) is type(b):
        return a == b
    return to_number(a) == to_number(b)


def to_string(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v)


def interpolate(text, context, job_failed=False):
    """text with each ${{ expression }} replaced by its value as a string."""
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: to_string(Expr(m.group(1), context, job_failed).evaluate()),
                  str(text))


def condition(text, context, job_failed):
    """A step's `if:`: ${{ }} optional, success() implied without a status function."""
    if text is None:
        return not job_failed
    if isinstance(text, bool):
        return text and not job_failed
    s = str(text).strip()
    m = re.fullmatch(r"\$\{\{(.*)\}\}", s, re.S)
    e = Expr(m.group(1) if m else s, context, job_failed)
    v = truthy(e.evaluate())
    return v if e.uses_status else (v and not job_failed)


def read_output_file(path):
    """The name=value and name<<DELIMITER entries of a GITHUB_OUTPUT file."""
    out = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            value = []
            while i < len(lines) and lines[i] != delim:
                value.append(lines[i])
                i += 1
            if i >= len(lines):
                raise AssertionError("GITHUB_OUTPUT: no closing %r for %r" % (delim, name))
            i += 1
            out[name] = "\n".join(value)
        elif "=" in line:
            name, value = line.split("=", 1)
            out[name] = value
        else:
            raise AssertionError("GITHUB_OUTPUT: malformed line %r" % line)
    return out


StepResult = namedtuple("StepResult", "id outcome outputs stdout stderr")
ActionResult = namedtuple("ActionResult", "steps outputs stdout stderr failed")

# The stand-ins for the build step: each appends its name and arguments, one
# per line (NUL-free, tab-separated), to $FAKE_LOG.
FAKE_APT = r"""#!/bin/sh
printf 'apt-get' >>"$FAKE_LOG"; printf '\t%s' "$@" >>"$FAKE_LOG"; echo >>"$FAKE_LOG"
"""
FAKE_SUDO = r"""#!/bin/sh
printf 'sudo' >>"$FAKE_LOG"; printf '\t%s' "$@" >>"$FAKE_LOG"; echo >>"$FAKE_LOG"
exec "$@"
"""
FAKE_MESON = r"""#!/bin/sh
printf 'meson' >>"$FAKE_LOG"; printf '\t%s' "$@" >>"$FAKE_LOG"; echo >>"$FAKE_LOG"
case $1 in
setup) mkdir -p "$2" && : >"$2/build.ninja" ;;
compile) mkdir -p "$3/src" && cp "$FAKE_STACKLINT" "$3/src/stacklint" ;;
*) exit 1 ;;
esac
"""


class ActionTestCase(base.CliTestCase):
    """self.dir (a copy of tests/cli/data/) is the workspace; self.runner_temp is RUNNER_TEMP."""

    @classmethod
    def setUpClass(cls):
        with open(ACTION_YML, encoding="utf-8") as f:
            cls.action_text = f.read()
        cls.action = load_action(cls.action_text)

    def setUp(self):
        super().setUp()
        self.runner_temp = os.path.join(self._tmp.name, "runner-temp")
        os.makedirs(self.runner_temp)
        self.fake_bin = os.path.join(self._tmp.name, "fake-bin")
        self.fake_log = os.path.join(self._tmp.name, "fake.log")
        os.makedirs(self.fake_bin)
        for name, text in (("apt-get", FAKE_APT), ("sudo", FAKE_SUDO), ("meson", FAKE_MESON)):
            path = os.path.join(self.fake_bin, name)
            with open(path, "w") as f:
                f.write(text)
            os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        self.step_count = 0

    def base_env(self):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("INPUT_", "GITHUB_", "RUNNER_", "STACKLINT", "FAKE_"))}
        env.pop("NO_COLOR", None)
        env["PATH"] = self.fake_bin + os.pathsep + env.get("PATH", "/usr/bin:/bin")
        env.update({"CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": self.dir,
                    "GITHUB_ACTION_PATH": base.SOURCE_ROOT, "RUNNER_TEMP": self.runner_temp,
                    "FAKE_LOG": self.fake_log, "FAKE_STACKLINT": base.STACKLINT})
        return env

    def run_action(self, **with_):
        """Runs the action as `uses:` with `with: with_` (keys with _ for -); returns an ActionResult."""
        declared = self.action.get("inputs") or {}
        inputs = {}
        for name, spec in declared.items():
            inputs[name] = to_string((spec or {}).get("default"))
        for key, value in with_.items():
            name = key.replace("_", "-")
            if name not in declared:
                raise AssertionError("action.yml declares no input %r" % name)
            inputs[name] = value
        context = {"inputs": inputs, "steps": {},
                   "github": {"action_path": base.SOURCE_ROOT, "workspace": self.dir},
                   "runner": {"temp": self.runner_temp, "os": "Linux"}}
        results, stdout, stderr, failed = [], "", "", False
        for i, step in enumerate(self.action["runs"]["steps"]):
            sid = step.get("id") or "__step%d" % i
            if not condition(step.get("if"), context, failed):
                context["steps"][sid] = {"outputs": {}, "outcome": "skipped", "conclusion": "skipped"}
                results.append(StepResult(sid, "skipped", {}, "", ""))
                continue
            if step.get("shell") != "bash" or "run" not in step:
                raise AssertionError("only `shell: bash` run steps are emulated: %r" % step)
            self.step_count += 1
            files = os.path.join(self.runner_temp, "_runner_file_commands")
            os.makedirs(files, exist_ok=True)
            output_file = os.path.join(files, "set_output_%d" % self.step_count)
            open(output_file, "w").close()
            script = os.path.join(self.runner_temp, "step_%d.sh" % self.step_count)
            with open(script, "w", encoding="utf-8") as f:
                f.write(interpolate(step["run"], context, failed))
            env = self.base_env()
            env["GITHUB_OUTPUT"] = output_file
            env["GITHUB_ENV"] = os.path.join(files, "set_env_%d" % self.step_count)
            for name, value in (step.get("env") or {}).items():
                env[name] = interpolate(value, context, failed)
            cwd = os.path.join(self.dir, interpolate(step.get("working-directory", ""), context, failed))
            p = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script], cwd=cwd,
                               env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=120)
            out, err = p.stdout.decode("utf-8"), p.stderr.decode("utf-8")
            outputs = read_output_file(output_file)
            outcome = "success" if p.returncode == 0 else "failure"
            failed = failed or p.returncode != 0
            context["steps"][sid] = {"outputs": outputs, "outcome": outcome, "conclusion": outcome}
            results.append(StepResult(sid, outcome, outputs, out, err))
            stdout += out
            stderr += err
        outputs = {name: interpolate((spec or {}).get("value", ""), context, failed)
                   for name, spec in (self.action.get("outputs") or {}).items()}
        return ActionResult({r.id: r for r in results}, outputs, stdout, stderr, failed)

    def fake_calls(self):
        if not os.path.exists(self.fake_log):
            return []
        with open(self.fake_log, encoding="utf-8") as f:
            return [line.split("\t") for line in f.read().splitlines()]

    def assertLinted(self, r, status):
        """The action's exit-code output, the lint step's own output and its outcome agree with status."""
        self.assertEqual(r.steps["lint"].outputs.get("exit-code"), str(status), r.stdout + r.stderr)
        self.assertEqual(r.outputs["exit-code"], str(status))
        self.assertEqual(r.failed, status != 0)
        self.assertEqual(r.steps["lint"].outcome, "success" if status == 0 else "failure")


# ---------------------------------------------------------------------------

class TestActionFile(ActionTestCase):
    def test_small_reader_agrees_with_pyyaml(self):
        mine = MiniYaml(self.action_text).parse()
        if yaml is None:
            self.skipTest("PyYAML is not installed (the small reader was used)")
        self.assertEqual(mine, yaml.safe_load(self.action_text))

    def test_small_reader_rejects_what_it_does_not_read(self):
        for text in ("a: [1, 2]\n", "a: &x 1\n", "a: b: c\n", "a:\n\tb: 1\n", "a: 1\na: 2\n"):
            with self.assertRaises(MiniYamlError, msg=text):
                MiniYaml(text).parse()
        self.assertEqual(MiniYaml("a: >-\n  x\n  y\n\n  z\nb: 'it''s' # c\n").parse(),
                         {"a": "x y\nz", "b": "it's"})

    def test_metadata(self):
        a = self.action
        self.assertTrue(a.get("name") and a.get("description"))
        self.assertEqual(a["runs"]["using"], "composite")
        self.assertEqual(set(a["inputs"]), {"paths", "format", "args", "binary"})
        self.assertEqual(a["inputs"]["paths"]["default"], ".")
        self.assertEqual(a["inputs"]["format"]["default"], "github")
        for name, spec in a["inputs"].items():
            self.assertTrue(spec.get("description"), name)
            self.assertRegex(name, r"^[A-Za-z_][A-Za-z0-9_-]*$")
        self.assertEqual(a["outputs"]["exit-code"]["value"], "${{ steps.lint.outputs.exit-code }}")

    def test_every_input_reaches_a_step_through_env(self):
        """Composite actions get no INPUT_* variables: each input must be passed in a step's env."""
        used = set()
        for step in self.action["runs"]["steps"]:
            for value in (step.get("env") or {}).values():
                used.update(re.findall(r"\binputs\.([A-Za-z0-9_-]+)", str(value)))
        self.assertEqual(used, set(self.action["inputs"]))
        lint = [s for s in self.action["runs"]["steps"] if s.get("id") == "lint"][0]
        for name in ("paths", "format", "args"):
            self.assertEqual(lint["env"]["INPUT_" + name.upper()], "${{ inputs.%s }}" % name)

    def test_run_text_has_no_expressions(self):
        """Inputs go through env, never into the script text, where the runner would
        paste them before bash parses it (script injection)."""
        for step in self.action["runs"]["steps"]:
            self.assertEqual(step.get("shell"), "bash", step)
            self.assertNotIn("${{", step["run"])
            self.assertIn("$GITHUB_ACTION_PATH/tools/action/", step["run"])


class TestLintStep(ActionTestCase):
    """The action with `binary:` set (no build step), on copies of tests/cli/data/."""

    def act(self, **with_):
        with_.setdefault("binary", base.STACKLINT)
        r = self.run_action(**with_)
        self.assertEqual(r.steps["build"].outcome, "skipped")
        self.assertEqual(self.fake_calls(), [], "nothing installed or built")
        return r

    def test_defaults_annotate_the_workspace_as_stacklint_does(self):
        r = self.act()
        direct = self.sl("--format", "github", ".")
        self.assertEqual(direct.returncode, 6)
        self.assertEqual(r.stdout, direct.stdout)
        self.assertEqual(r.stderr, direct.stderr)
        self.assertLinted(r, 6)
        lines = r.stdout.splitlines()
        self.assertIn("::error file=errors.yaml,line=7,col=23,endLine=7,endColumn=30,title=E1020::"
                      "Ref to 'Missing', which is not a parameter or resource of this template", lines)
        self.assertTrue(any(l.startswith("::warning file=warnings.yaml,line=4,") for l in lines))
        for line in lines:
            self.assertRegex(line, base.GITHUB_LINE)

    def test_clean(self):
        r = self.act(paths="clean.yaml")
        self.assertEqual((r.stdout, r.stderr), ("", ""))
        self.assertLinted(r, 0)

    def test_level_through_args(self):
        r = self.act(paths="warnings.yaml", args="--non-zero-exit-code error")
        self.assertRegex(r.stdout, r"^::warning file=warnings.yaml,line=4,.*title=W2001::")
        self.assertLinted(r, 0)
        r = self.act(paths="both.yaml", args="--non-zero-exit-code error")
        self.assertLinted(r, 2)
        r = self.act(paths="both.yaml")
        self.assertLinted(r, 6)

    def test_args_split_into_words(self):
        r = self.act(paths="mixed.yaml", args="-i W2001 E3005  --severity\terror")
        self.assertEqual(sorted(re.findall(r"title=(\w+)::", r.stdout)), ["E1020", "E3038"])
        self.assertLinted(r, 2)

    def test_multi_value_option_last_in_args_leaves_paths_alone(self):
        """A multi-value option last in args (--parameter-files takes any word, as
        cfn-lint's nargs='+'): the '--' before the paths keeps them apart."""
        self.write("params.json", '[{"ParameterKey": "Unused", "ParameterValue": "x"}]\n')
        r = self.act(paths="warnings.yaml", args="--parameter-files params.json")
        self.assertEqual(re.findall(r"file=([^,]+),.*title=(\w+)::", r.stdout), [("warnings.yaml", "W2001")])
        self.assertEqual(r.stderr, "")
        self.assertLinted(r, 4)

    def test_quoted_words_keep_their_blanks(self):
        os.makedirs(os.path.join(self.dir, "my stacks"))
        shutil.copy(os.path.join(self.dir, "errors.yaml"), os.path.join(self.dir, "my stacks", "app one.yaml"))
        self.write("my config.yaml", "ignore_checks:\n  - W2001\n")
        r = self.act(paths="'my stacks/app one.yaml' \"warnings.yaml\"", args="--config 'my config.yaml'")
        self.assertEqual(re.findall(r"file=([^,]+),", r.stdout), ["my stacks/app one.yaml"])
        self.assertLinted(r, 2)

    def test_paths_one_per_line(self):
        os.makedirs(os.path.join(self.dir, "my stacks"))
        shutil.copy(os.path.join(self.dir, "warnings.yaml"), os.path.join(self.dir, "my stacks", "w.yaml"))
        r = self.act(paths="errors.yaml\n'my stacks/w.yaml'\n")
        self.assertEqual(re.findall(r"file=([^,]+),", r.stdout), ["errors.yaml", "my stacks/w.yaml"])
        self.assertLinted(r, 6)

    def test_patterns_reach_stacklint_unexpanded(self):
        """stacklint's ** also matches no directory at all (tree/docker-compose.yml);
        bash's, without globstar, is a single * and would not."""
        r = self.act(paths="'tree/**/*.yml'")
        self.assertEqual(sorted(set(re.findall(r"file=([^,]+),", r.stdout))),
                         ["tree/docker-compose.yml", "tree/stacks/net/vpc.yml"])
        self.assertLinted(r, 6)
        r = self.act(paths="'nothing/*.yaml'")
        self.assertIn("nothing/*.yaml", r.stderr)
        self.assertLinted(r, 1)

    def test_inputs_are_never_shell_code(self):
        r = self.act(paths="errors.yaml", args="$(touch pwned-args) `touch pwned-tick` ; touch pwned-semi")
        r2 = self.act(paths="errors.yaml $(touch pwned-paths) $HOME")
        for name in ("pwned-args", "pwned-tick", "pwned-semi", "pwned-paths"):
            self.assertFalse(os.path.exists(os.path.join(self.dir, name)), name)
        self.assertIn("$(touch", r.stderr + r.stdout)
        self.assertIn("$HOME", r2.stderr)
        self.assertLinted(r2, 3)  # errors (2) and the names that cannot be read (1)

    def test_unclosed_quote(self):
        r = self.act(args="--severity 'error")
        self.assertRegex(r.stdout, r"^::error title=stacklint action::input 'args' has an unclosed quote")
        self.assertLinted(r, 1)
        r = self.act(paths='"errors.yaml')
        self.assertRegex(r.stdout, r"^::error title=stacklint action::input 'paths' has an unclosed quote")
        self.assertLinted(r, 1)

    def test_empty_paths_lints_the_configured_templates(self):
        self.write(".stacklintrc.yaml", "templates:\n  - errors.yaml\n")
        r = self.act(paths="")
        self.assertEqual(re.findall(r"file=([^,]+),", r.stdout), ["errors.yaml"])
        self.assertLinted(r, 2)

    def test_sarif_to_a_file(self):
        r = self.act(paths="both.yaml", format="sarif", args="--output-file stacklint.sarif")
        self.assertEqual(r.stdout, "")
        with open(os.path.join(self.dir, "stacklint.sarif"), encoding="utf-8") as f:
            sarif = json.load(f)
        self.assertEqual(sarif["version"], "2.1.0")
        self.assertEqual(sorted(x["ruleId"] for x in sarif["runs"][0]["results"]), ["E1020", "W2001"])
        self.assertLinted(r, 6)

    def test_junit(self):
        r = self.act(paths="errors.yaml", format="junit")
        self.assertEqual([s.get("name") for s in ET.fromstring(r.stdout).iter("testsuite")], ["errors.yaml"])
        self.assertLinted(r, 2)

    def test_format_input_is_used(self):
        r = self.act(paths="errors.yaml", format="parseable")
        self.assertRegex(r.stdout, base.PARSEABLE_LINE)

    def test_missing_binary(self):
        r = self.act(binary=os.path.join(self.dir, "no-such-stacklint"))
        self.assertRegex(r.stdout, r"^::error title=stacklint action::stacklint not found: ")
        self.assertLinted(r, 1)

    def test_script_without_output_file(self):
        """Run outside a runner (no GITHUB_OUTPUT), the script still lints and exits with the status."""
        env = self.base_env()
        env.update({"INPUT_PATHS": "errors.yaml", "STACKLINT_BIN": base.STACKLINT})
        p = subprocess.run(["bash", os.path.join(base.SOURCE_ROOT, "tools", "action", "run.sh")], cwd=self.dir,
                           env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.assertEqual(p.returncode, 2)
        self.assertRegex(p.stdout.decode(), r"^::error file=errors.yaml,")


class TestBuildStep(ActionTestCase):
    """The action without `binary:`: the build step, with apt-get, sudo and meson stood in for."""

    def test_builds_then_lints(self):
        r = self.run_action(paths="errors.yaml")
        self.assertEqual(r.steps["build"].outcome, "success", r.stderr)
        build_dir = os.path.dirname(os.path.dirname(r.steps["build"].outputs["binary"]))
        self.assertEqual(os.path.dirname(build_dir), self.runner_temp)
        calls = [c for c in self.fake_calls() if c[0] != "sudo"]
        self.assertEqual(calls[0], ["apt-get", "update", "-qq"])
        self.assertEqual(calls[1][:5], ["apt-get", "install", "-y", "-qq", "--no-install-recommends"])
        self.assertEqual(set(calls[1][5:]), {"gcc", "libc6-dev", "meson", "ninja-build", "pkg-config",
                                             "libyaml-dev", "libfyaml-dev", "libpcre2-dev"})
        self.assertEqual(calls[2:], [
            ["meson", "setup", build_dir, base.SOURCE_ROOT, "--buildtype=release"],
            ["meson", "compile", "-C", build_dir, "src/stacklint:executable"]])
        self.assertIn("::group::", r.steps["build"].stdout)
        self.assertRegex(r.stdout, r"::error file=errors.yaml,line=7,")
        self.assertLinted(r, 2)

    def test_second_use_in_the_job_reuses_the_build(self):
        self.run_action(paths="clean.yaml")
        os.remove(self.fake_log)
        r = self.run_action(paths="errors.yaml")
        meson = [c[1] for c in self.fake_calls() if c[0] == "meson"]
        self.assertEqual(meson, ["compile"])
        self.assertLinted(r, 2)

    def test_failed_build_skips_the_lint(self):
        with open(os.path.join(self.fake_bin, "meson"), "w") as f:
            f.write("#!/bin/sh\nexit 1\n")
        r = self.run_action()
        self.assertEqual(r.steps["build"].outcome, "failure")
        self.assertEqual(r.steps["lint"].outcome, "skipped")
        self.assertTrue(r.failed)
        self.assertEqual(r.outputs["exit-code"], "")

    def test_build_target_exists(self):
        """src/stacklint:executable names exactly the stacklint binary in a real build tree."""
        build = os.path.dirname(os.path.dirname(base.STACKLINT))
        meson = shutil.which("meson")
        if not meson or not os.path.isdir(os.path.join(build, "meson-info")):
            self.skipTest("%s is not in a meson build directory (or meson is missing)" % base.STACKLINT)
        p = subprocess.run([meson, "introspect", "--targets", build], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        src = os.path.realpath(base.SOURCE_ROOT)
        named = [t for t in json.loads(p.stdout) if t["name"] == "stacklint"]
        exe = [t for t in named if t["type"] == "executable"
               and os.path.realpath(t["defined_in"]) == os.path.join(src, "src", "meson.build")]
        self.assertEqual(len(exe), 1, named)
        self.assertEqual([os.path.realpath(f) for f in exe[0]["filename"]], [os.path.realpath(base.STACKLINT)])


class TestInstallDeps(unittest.TestCase):
    def test_build_only_installs_no_test_tools(self):
        """tools/install-deps.sh --build-only: the build packages; without it, those and the test tools."""
        with tempfile.TemporaryDirectory() as tmp:
            log = os.path.join(tmp, "log")
            for name, text in (("apt-get", FAKE_APT), ("sudo", FAKE_SUDO)):
                path = os.path.join(tmp, name)
                with open(path, "w") as f:
                    f.write(text)
                os.chmod(path, 0o755)
            env = dict(os.environ, PATH=tmp + os.pathsep + os.environ.get("PATH", ""), FAKE_LOG=log)
            script = os.path.join(base.SOURCE_ROOT, "tools", "install-deps.sh")

            def installed(*args):
                if os.path.exists(log):
                    os.remove(log)
                subprocess.run(["sh", script, *args], env=env, check=True, timeout=60)
                with open(log) as f:
                    calls = [l.split("\t") for l in f.read().splitlines() if not l.startswith("sudo")]
                return {pkg for c in calls if c[1] == "install" for pkg in c[2:] if not pkg.startswith("-")}

            build = installed("--build-only")
            full = installed()
            self.assertIn("libfyaml-dev", build)
            self.assertNotIn("python3-jsonschema", build)
            self.assertLess(build, full)


def main():
    return base.main()


if __name__ == "__main__":
    sys.exit(main())
