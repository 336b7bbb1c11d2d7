#!/usr/bin/env python3
"""E3004 on SAM templates agrees with what the transform produces.

    check_sam_cycles.py STACKLINT CORPUS_DIR

For every sam-translator input the transform accepts (not error_*), the
expected output named in sam-translator-output/MAPPING.tsv is what
CloudFormation receives. Its dependency graph (Ref, Fn::GetAtt, Fn::Sub
variables and DependsOn between its resources) is searched for a cycle.
stacklint's E3004 on the input is then compared:

  - an E3004 on an input whose output has no cycle is a false error: FAIL;
  - an output cycle among resources the input declares, with no E3004, is a
    miss: listed, not a failure (a cycle through generated resources only is
    out of reach of a rule that reports at the user's reference).

Exit 0, 1 on a false error, 77 (skip) when the corpus is absent, 2 when
stacklint fails. Python 3 standard library only; nothing is written.
"""

import json
import os
import re
import subprocess
import sys

SUB_VAR = re.compile(r"\$\{([^}!][^}]*)\}")


def refs(node, out):
    """Collects the logical IDs a JSON value names (Ref, GetAtt, Sub)."""
    if isinstance(node, dict):
        if len(node) == 1:
            (k, v), = node.items()
            if k == "Ref" and isinstance(v, str):
                out.add(v)
                return
            if k == "Fn::GetAtt":
                if isinstance(v, list) and v and isinstance(v[0], str):
                    out.add(v[0])
                elif isinstance(v, str):
                    out.add(v.split(".")[0])
                return
            if k == "Fn::Sub":
                text = v[0] if isinstance(v, list) and v else v
                local = set(v[1]) if isinstance(v, list) and len(v) > 1 and isinstance(v[1], dict) else set()
                if isinstance(text, str):
                    for m in SUB_VAR.finditer(text):
                        name = m.group(1).split(".")[0]
                        if name not in local:
                            out.add(name)
                if isinstance(v, list) and len(v) > 1:
                    refs(v[1], out)
                return
        for v in node.values():
            refs(v, out)
    elif isinstance(node, list):
        for v in node:
            refs(v, out)


def cyclic_nodes(resources):
    """Resources that lie on a cycle of the output's dependency graph."""
    graph = {}
    for name, res in resources.items():
        deps = set()
        if isinstance(res, dict):
            refs(res.get("Properties"), deps)
            refs(res.get("Metadata"), set())
            dep = res.get("DependsOn")
            if isinstance(dep, str):
                deps.add(dep)
            elif isinstance(dep, list):
                deps.update(d for d in dep if isinstance(d, str))
        graph[name] = {d for d in deps if d in resources}
    # Tarjan, iterative
    index, low, on, stack, out, counter = {}, {}, set(), [], set(), [0]
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on.add(start)
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                    advanced = True
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1 or v in graph[v]:
                    out.update(comp)
    return out


def main():
    exe, corpus = sys.argv[1], sys.argv[2]
    mapping = os.path.join(corpus, "sam-translator-output", "MAPPING.tsv")
    if not os.path.isfile(mapping):
        print("corpus not found: %s (skipped)" % corpus)
        return 77
    pairs = []
    with open(mapping, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2 or parts[0] == "input_file":
                continue
            if os.path.basename(parts[0]).startswith("error_"):
                continue
            pairs.append((parts[0], parts[1]))
    inputs = [os.path.join(corpus, p[0]) for p in pairs]
    proc = subprocess.run([exe, "-f", "parseable", "--exit-zero", "-i", "E3038"] + inputs,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if proc.returncode != 0:
        print("stacklint failed: exit %d" % proc.returncode)
        return 2
    flagged = {}
    for line in proc.stdout.splitlines():
        fields = line.split(":")
        if len(fields) > 5 and fields[5] == "E3004":
            flagged.setdefault(os.path.relpath(fields[0], corpus), []).append(line)
    false, missed, cyclic = [], [], 0
    for inp, outp in pairs:
        try:
            with open(os.path.join(corpus, outp), encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError):
            continue
        res = doc.get("Resources") if isinstance(doc, dict) else None
        cyc = cyclic_nodes(res) if isinstance(res, dict) else set()
        cyclic += bool(cyc)
        if inp in flagged and not cyc:
            false.extend(flagged[inp])
        elif cyc and inp not in flagged:
            with open(os.path.join(corpus, inp), encoding="utf-8", errors="replace") as f:
                text = f.read()
            declared = [n for n in sorted(cyc) if re.search(r"^\s+%s:\s*$" % re.escape(n), text, re.M)]
            if declared:
                missed.append("%s: %s" % (inp, " ".join(declared)))
    print("sam-translator inputs the transform accepts: %d; outputs with a cycle: %d; "
          "inputs with E3004: %d" % (len(pairs), cyclic, len(flagged)))
    for m in missed:
        print("missed (output cycle through declared resources): " + m)
    for f in false:
        print("FALSE E3004 (the transformed output has no cycle): " + f)
    return 1 if false else 0


if __name__ == "__main__":
    sys.exit(main())
