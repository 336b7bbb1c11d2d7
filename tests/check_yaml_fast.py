#!/usr/bin/env python3
"""The fast YAML reader against libyaml on generated templates.

Writes COUNT documents built from the constructs the fast reader reads (block
mappings and sequences at varied indentation, compact and indentless
sequences, plain scalars on one line or several, quoted scalars with escapes,
flow collections, short-form tags, literal and folded block scalars with every
chomping, empty and more-indented lines, trailing spaces, comments and empty
lines between everything), and now and then a construct it leaves to libyaml,
then runs test_backends on them: the fast reader's tree and diagnostics must be
libyaml's, node by node, and it must read most of them alone.

Usage: check_yaml_fast.py TEST_BACKENDS [COUNT] [SEED]
"""
import os
import random
import re
import subprocess
import sys
import tempfile

WORDS = ["a", "b", "Value", "Ref", "Fn::Sub", "arn:aws:s3:::x/*", "http://x/y#z", "1", "0x1F",
         "1.5e3", "true", "no", "~", "null", "-x", "x-", "?q", ":c", "a b c", "a:b", "a#b",
         "ünï", "✓", "${AWS::Region}", "C:\\dir", "it's", 'say "hi"', "tab\tin", "a,b", "[x]"]
TAGS = ["!Ref", "!Sub", "!GetAtt", "!Join", "!If", "!Select", "!GetAZs", "!Base64",
        "!Equals", "!Not", "!Condition", "!FindInMap", "!Split", "!ImportValue"]
ESCAPES = ["\\n", "\\t", "\\\\", '\\"', "\\/", "\\0", "\\x41", "\\u00e9", "\\U0001F600",
           "\\e", "\\ ", "\\a", "\\r"]


class Gen:
    def __init__(self, rnd):
        self.r = rnd

    def chance(self, p):
        return self.r.random() < p

    def word(self):
        return self.r.choice(WORDS)

    def comment(self):
        return "  # " + self.r.choice(["c", "note: x", "#", ""]) if self.chance(0.1) else ""

    def blank_lines(self, ind):
        out = []
        while self.chance(0.08):
            out.append(self.r.choice(["", " " * self.r.randint(0, ind + 4),
                                      " " * self.r.randint(0, ind) + "# comment"]))
        return out

    def text(self):
        # a block scalar's line: a tab would send the whole file to libyaml
        return self.word().replace("\t", " " if self.chance(0.97) else "\t")

    def plain(self, flow=False):
        w = self.word()
        if flow:
            w = re.sub(r"[,\[\]{}#]", "", w) or "v"
        return w

    def plain_ok(self, s, flow):
        # what YAML reads as one plain scalar; others get quoted
        if not s or s[0] in "&*!|>'\"%@`#,[]{}" or s != s.strip():
            return False
        if s[0] in "-?:" and (len(s) == 1 or s[1] == " " or flow):
            return False
        if ": " in s or " #" in s or s.endswith(":") or "\t" in s:
            return False
        if flow and any(c in s for c in ",[]{}#") or (flow and re.search(r":[,\[\]{}?]", s)):
            return False
        return True

    def scalar(self, flow=False):
        s = self.plain(flow)
        k = self.r.random()
        if k < 0.5 and self.plain_ok(s, flow):
            return s
        if k < 0.75:
            return "'" + s.replace("'", "''") + "'"
        body = s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
        if self.chance(0.5):
            body += self.r.choice(ESCAPES)
        return '"' + body + '"'

    def flow(self, depth=0):
        if depth < 2 and self.chance(0.3):
            items = [self.flow(depth + 1) for _ in range(self.r.randint(0, 3))]
            if self.chance(0.5):
                return "[" + ", ".join(items) + "]"
            keys = [self.scalar(True) for _ in items]
            sep = self.r.choice([": ", ":  "])
            return "{" + ", ".join(k + sep + v for k, v in zip(keys, items) if v) + "}"
        if self.chance(0.2):
            return self.r.choice(TAGS) + " " + self.scalar(True)
        return self.scalar(True)

    def block_scalar(self, ind):
        head = self.r.choice(["|", ">"]) + self.r.choice(["", "-", "+"])
        n = ind + self.r.choice([1, 2, 4])
        lines = []
        for i in range(self.r.randint(1, 5)):
            k = self.r.random()
            if k < 0.15 and i:
                lines.append(" " * self.r.randint(0, n))          # empty, spaces or not
            elif k < 0.3:
                lines.append(" " * (n + self.r.randint(1, 3)) + self.text())  # more indented
            else:
                lines.append(" " * n + self.text() + (" " if self.chance(0.1) else ""))
        # the first line sets the indentation (a more indented or empty one first
        # would be libyaml's error, or another scalar)
        lines[0] = " " * n + self.text()
        if self.chance(0.1):
            lines.insert(0, "")
        return head + self.comment(), lines

    def value(self, ind, depth):
        """(text after 'key: ' or '- ', lines below)"""
        k = self.r.random()
        if k < 0.3:
            s = self.scalar()
            if s[0] not in "'\"" and self.chance(0.1):
                # a plain scalar over several lines
                more = [" " * (ind + self.r.randint(1, 3)) + self.plain()
                        for _ in range(self.r.randint(1, 2))]
                more = [m for m in more if self.plain_ok(m.strip(), False)]
                return s, more
            return s + self.comment(), []
        if k < 0.45:
            return self.flow() + self.comment(), []
        if k < 0.55:
            head, lines = self.block_scalar(ind)
            if self.chance(0.3):
                head = self.r.choice(TAGS) + " " + head
            return head, lines
        if k < 0.62 or depth >= 4:
            return "" + self.comment(), []      # an empty value
        if k < 0.7:
            return self.r.choice(TAGS), self.block(ind + 2, depth + 1)
        return self.comment(), self.block(ind + self.r.choice([1, 2, 4]), depth + 1)

    def block(self, ind, depth):
        lines = []
        if depth > 4 or self.chance(0.5):
            return self.mapping(ind, depth)
        for _ in range(self.r.randint(1, 3)):
            lines += self.blank_lines(ind)
            if depth < 4 and self.chance(0.25):
                # a compact mapping in the entry
                sub = self.mapping(ind + 2, depth + 1)
                first = sub[0][ind + 2:]
                lines.append(" " * ind + "- " + first)
                lines += sub[1:]
                continue
            if depth < 4 and self.chance(0.1):
                sub = self.block(ind + 2, depth + 1)
                if sub and sub[0].strip().startswith("- "):
                    lines.append(" " * ind + "- " + sub[0][ind + 2:])
                    lines += sub[1:]
                    continue
            head, below = self.value(ind, depth + 1)
            lines.append((" " * ind + "- " + head).rstrip() if head.strip() else " " * ind + "-")
            lines += below
        return lines

    def mapping(self, ind, depth):
        lines = []
        for i in range(self.r.randint(1, 4)):
            lines += self.blank_lines(ind)
            base = self.plain() + str(i)
            if self.plain_ok(base, False) and self.chance(0.7):
                key = base
            elif self.chance(0.5):
                key = "'" + base.replace("'", "''") + "'"
            else:
                key = '"' + base.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'
            if depth < 4 and self.chance(0.15):
                # a sequence at the key's own column
                sub = self.block(ind, depth + 1)
                if sub and sub[0].strip().startswith("- ") and sub[0].startswith(" " * ind + "-"):
                    lines.append(" " * ind + key + ":" + self.comment())
                    lines += sub
                    continue
            head, below = self.value(ind, depth + 1)
            sep = self.r.choice([": ", ":  "]) if head.strip() else ":"
            lines.append(" " * ind + key + sep + head if head.strip() else " " * ind + key + ":" + head)
            lines += below
        return lines

    def document(self):
        out = []
        if self.chance(0.2):
            out.append("# a template")
        if self.chance(0.15):
            out.append("---")
        out += self.mapping(0, 0)
        text = "\n".join(out) + ("\n" if self.chance(0.9) else "")
        if self.chance(0.05):
            # now and then something the fast reader leaves to libyaml
            text += self.r.choice(["x: &a 1\n", "y: *a\n", "z: !!str 1\n", "w: [a,\n  b]\n",
                                   "? k\n: v\n", "---\nq: 1\n", "v: 'a\n  b'\n", "t:\tx\n",
                                   "c: a\rb\n"])
        if self.chance(0.25):
            text = text.replace("\n", "\r\n")  # Windows line ends
        return text


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    exe = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 400
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 16
    rnd = random.Random(seed)
    with tempfile.TemporaryDirectory() as d:
        for i in range(count):
            with open(os.path.join(d, "gen%05d.yaml" % i), "w", encoding="utf-8", newline="") as f:
                f.write(Gen(rnd).document())
        p = subprocess.run([exe, d], capture_output=True, text=True)
        out = p.stdout
        m = re.search(r"fast reader: read (\d+) of (\d+) YAML files alone .*; (\d+) differ", out)
        if not m:
            print(out + p.stderr)
            return 1
        read, total, differ = map(int, m.groups())
        fast_lines = [l for l in out.splitlines() if "libyaml alone" in l or "fast reader" in l]
        print("\n".join(fast_lines[-20:]))
        if differ:
            # keep the inputs that differ for a look
            keep = tempfile.mkdtemp(prefix="yaml-fast-")
            for l in out.splitlines():
                f = l.split(":", 1)[0]
                if f.startswith(d) and os.path.exists(f):
                    os.replace(f, os.path.join(keep, os.path.basename(f)))
            print("the inputs that differ are in", keep)
            return 1
        # the generator writes what the reader reads: most must be read alone
        if read < total * 0.6:
            print("the fast reader read only %d of %d generated templates alone" % (read, total))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
