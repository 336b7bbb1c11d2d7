#!/usr/bin/env python3
"""
A real Emacs (Debian 12's 28.2, batch mode) with eglot (Debian's elpa-eglot
1.9) runs `stacklint lsp` for a template buffer: flymake gets the finding at
the right character (eglot counts UTF-16 and the line has an accented letter
and an emoji before the fault), eglot-code-actions applies the server's
"Suppress E1020 on this line" quick fix to the buffer, the re-published
diagnostics are empty, and the server exits 0 after shutdown and exit.

    eglot_test.py STACKLINT

Exit status: 0 pass, 1 fail, 77 skip (no emacs or no eglot;
tools/install-deps.sh installs emacs-nox and elpa-eglot).
"""
import os
import shutil
import subprocess
import sys
import tempfile

ELPA = "/usr/share/emacs/site-lisp/elpa"

DRIVER = r"""
(setq package-directory-list (list "@ELPA@"))
(package-initialize)
(require 'eglot)
(define-derived-mode cfn-yaml-mode prog-mode "CFN-YAML")
(setq eglot-server-programs `((cfn-yaml-mode . (,(getenv "STACKLINT") "lsp"))))
(setq eglot-sync-connect t)
(defun out (fmt &rest args) (princ (concat "OUT " (apply #'format fmt args) "\n")))
(defun wait-for (pred)
  (let ((deadline (+ (float-time) 30)))
    (while (and (< (float-time) deadline) (not (funcall pred)))
      (accept-process-output nil 0.05))
    (funcall pred)))
(find-file "stack.yaml")
(cfn-yaml-mode)
(eglot-ensure)
(run-hooks 'post-command-hook)
(wait-for #'flymake-diagnostics)
(dolist (d (flymake-diagnostics))
  (let ((beg (flymake-diagnostic-beg d)) (end (flymake-diagnostic-end d)))
    (out "diag %d %d %d %d %s %s"
         (line-number-at-pos beg) (save-excursion (goto-char beg) (- (point) (line-beginning-position)))
         (line-number-at-pos end) (save-excursion (goto-char end) (- (point) (line-beginning-position)))
         (flymake-diagnostic-type d) (flymake-diagnostic-text d))))
(let ((d (car (flymake-diagnostics))))
  (when d
    (eglot-code-actions (flymake-diagnostic-beg d) (flymake-diagnostic-end d) "quickfix" t)))
(out "line4 %s" (save-excursion (goto-char (point-min)) (forward-line 3)
                               (buffer-substring-no-properties (point) (line-end-position))))
(eglot--signal-textDocument/didChange)
(out "after %d" (if (wait-for (lambda () (null (flymake-diagnostics)))) 0 (length (flymake-diagnostics))))
(let* ((server (eglot-current-server)) (proc (jsonrpc--process server)))
  (setf (eglot--shutdown-requested server) t)
  (jsonrpc-request server :shutdown nil :timeout 10)
  (jsonrpc-notify server :exit nil)
  (wait-for (lambda () (not (process-live-p proc))))
  (out "exit %s %s" (process-status proc) (process-exit-status proc)))
(kill-emacs 0)
"""

TEMPLATE = ('Resources:\n  T:\n    Type: AWS::SNS::Topic\n'
            '    Properties: {DisplayName: "\u00e9\U0001F600", TopicName: !Ref Missing}\n')


def main():
    exe = os.path.abspath(sys.argv[1])
    emacs = shutil.which("emacs")
    if not emacs:
        print("SKIP: no emacs (apt-get install emacs-nox elpa-eglot)")
        return 77
    if not any(n.startswith("eglot-") for n in (os.listdir(ELPA) if os.path.isdir(ELPA) else [])):
        print("SKIP: no eglot in " + ELPA + " (apt-get install elpa-eglot)")
        return 77
    with tempfile.TemporaryDirectory(prefix="stacklint-eglot-") as d:
        with open(os.path.join(d, "driver.el"), "w") as f:
            f.write(DRIVER.replace("@ELPA@", ELPA))
        with open(os.path.join(d, "stack.yaml"), "w", encoding="utf-8") as f:
            f.write(TEMPLATE)
        env = dict(os.environ, STACKLINT=exe, HOME=d, AWS_REGION="", AWS_DEFAULT_REGION="")
        p = subprocess.run([emacs, "-Q", "--batch", "-l", "driver.el"], cwd=d, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=150)
        text = p.stdout.decode("utf-8", "replace")
        lines = [l[4:] for l in text.splitlines() if l.startswith("OUT ")]
        fail = []
        diags = [l for l in lines if l.startswith("diag ")]
        line = TEMPLATE.splitlines()[3]
        col = line.index("Missing")  # Emacs counts characters
        want = f"diag 4 {col} 4 {col + len('Missing')} eglot-error stacklint [E1020]: Ref to 'Missing'"
        if len(diags) != 1 or not diags[0].startswith(want):
            fail.append(f"diagnostics {diags!r}, want one starting {want!r}")
        if f"line4 {line}  # stacklint: disable=E1020" not in lines:
            fail.append("the quick fix was not applied: " + repr([l for l in lines if l.startswith("line4")]))
        if "after 0" not in lines:
            fail.append("diagnostics after the fix: " + repr([l for l in lines if l.startswith("after")]))
        if "exit exit 0" not in lines:
            fail.append("server exit: " + repr([l for l in lines if l.startswith("exit")]))
        if p.returncode != 0 or fail:
            print(text)
            print("FAIL: " + "; ".join(fail) if fail else f"FAIL: emacs exited {p.returncode}")
            return 1
        print("\n".join(lines))
        print("PASS")
        return 0


if __name__ == "__main__":
    sys.exit(main())
