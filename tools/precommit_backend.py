"""Lets pre-commit build and install stacklint by itself: a PEP 517 build
backend, used only by the `stacklint-build` hook in .pre-commit-hooks.yaml.

That hook is `language: python`: pre-commit clones this repository into its
cache, makes a virtualenv there and runs `pip install .` in the clone.
pyproject.toml names this module as the build backend, kept in the tree
(backend-path) and with no build requirements, so pip's isolated build
environment stays empty and nothing is fetched from PyPI: the install works
offline, with a pip that implements PEP 517 and its backend-path (Debian 12's
pip 23.0.1 does), and needs neither setuptools nor wheel.

build_wheel() configures the project with meson (release build type, in a
temporary directory that is removed afterwards), builds only the stacklint
binary with ninja, and returns a wheel whose only file is that binary, as a
script: pip installs it as <virtualenv>/bin/stacklint, where the hook's
`entry: stacklint` finds it. Nothing is written into the source tree.
pre-commit makes the environment once (`pre-commit install-hooks`, or the
first run that needs it) and reuses it until the hook's rev changes; it
installs environments under a lock, before any hook runs.

The build needs meson, ninja, a C compiler, pkg-config and the development
files of libyaml, libfyaml and PCRE2 (Debian and Ubuntu: meson ninja-build
gcc pkg-config libyaml-dev libfyaml-dev libpcre2-dev). They are checked when
pip asks for the metadata, before anything is built: when any is missing,
the install stops with one message naming every one that is missing, and
exit status 1. NINJAFLAGS (for example -j1) is passed to ninja, as
tools/build-static.sh does. See docs/usage.md, "pre-commit".
"""

import base64
import hashlib
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
import zipfile

SOURCE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAME = "stacklint"

# (pkg-config module, what provides it on Debian and Ubuntu)
LIBRARIES = (
    ("yaml-0.1", "libyaml-dev"),
    ("libfyaml", "libfyaml-dev"),
    ("libpcre2-8", "libpcre2-dev"),
)


def _version():
    """The version in meson.build's project(), or '0' if it cannot be read."""
    with open(os.path.join(SOURCE_ROOT, "meson.build"), encoding="utf-8") as f:
        m = re.search(r"^\s*version:\s*'([^']+)'", f.read(), re.M)
    return m.group(1) if m else "0"


def _first_found(*names):
    for name in names:
        path = shutil.which(name) if name else None
        if path:
            return path
    return None


def find_build_tools():
    """Looks for everything the build needs.

    Returns (tools, missing): tools maps 'meson' and 'ninja' to their paths
    (None when not found); missing lists (what, Debian package) for each
    thing not found, in the order of the build, empty when the build can
    start."""
    missing = []
    tools = {"meson": _first_found("meson"), "ninja": _first_found("ninja", "samu")}
    if not tools["meson"]:
        missing.append(("meson", "meson"))
    if not tools["ninja"]:
        missing.append(("ninja", "ninja-build"))
    cc = shlex.split(os.environ.get("CC", ""))
    if not (_first_found(cc[0]) if cc else _first_found("cc", "gcc", "clang")):
        missing.append(("a C compiler (%s)" % (cc[0] if cc else "cc, gcc or clang"), "gcc"))
    pkg_config = _first_found(os.environ.get("PKG_CONFIG"), "pkg-config", "pkgconf")
    if not pkg_config:
        missing.append(("pkg-config", "pkg-config"))
    for module, package in LIBRARIES:
        # without pkg-config, meson cannot find the libraries either
        if not pkg_config or subprocess.run([pkg_config, "--exists", module]).returncode != 0:
            missing.append(("%s (pkg-config module %s)" % (package, module), package))
    return tools, missing


def missing_message(missing):
    """The message for the (what, package) list of find_build_tools()."""
    lines = ["stacklint-build: cannot build stacklint; missing:"]
    lines += ["  - " + what for what, _ in missing]
    lines.append("Install them (Debian and Ubuntu: apt-get install %s),"
                 % " ".join(package for _, package in missing))
    lines.append("or use the `stacklint` hook (language: system) with stacklint installed on PATH.")
    return "\n".join(lines)


def _tools_or_exit():
    """find_build_tools()'s tools; exits 1 with missing_message() on stderr
    when anything is missing."""
    tools, missing = find_build_tools()
    if missing:
        sys.stderr.write(missing_message(missing) + "\n")
        sys.exit(1)
    return tools


def _dist_info():
    return "%s-%s.dist-info" % (NAME, _version())


def _platform_tag():
    return re.sub(r"[^A-Za-z0-9]", "_", sysconfig.get_platform())


def _metadata_files():
    """{file name in .dist-info: bytes} for METADATA and WHEEL."""
    metadata = ("Metadata-Version: 2.1\n"
                "Name: %s\n"
                "Version: %s\n"
                "Summary: Linter for AWS CloudFormation and AWS SAM templates"
                " (the binary, built from source for pre-commit)\n"
                "License: Apache-2.0\n" % (NAME, _version()))
    wheel = ("Wheel-Version: 1.0\n"
             "Generator: stacklint tools/precommit_backend.py\n"
             "Root-Is-Purelib: false\n"
             "Tag: py3-none-%s\n" % _platform_tag())
    return {"METADATA": metadata.encode(), "WHEEL": wheel.encode()}


def _run(cmd):
    """Runs cmd with its output on ours; exits 1 naming it when it fails."""
    print(" ".join(shlex.quote(c) for c in cmd), flush=True)
    status = subprocess.run(cmd).returncode
    if status != 0:
        sys.stderr.write("stacklint-build: %s failed (exit status %d)\n" % (os.path.basename(cmd[0]), status))
        sys.exit(1)


def _build_binary(tools, builddir):
    """Builds src/stacklint in builddir (which must not exist yet); returns its path."""
    _run([tools["meson"], "setup", "--buildtype=release", builddir, SOURCE_ROOT])
    _run([tools["ninja"], "-C", builddir] + shlex.split(os.environ.get("NINJAFLAGS", "")) + ["src/stacklint"])
    return os.path.join(builddir, "src", "stacklint")


def _record_line(arcname, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d\n" % (arcname, digest, len(data))


# --- the PEP 517 hooks ---

def get_requires_for_build_wheel(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    """Checks the build dependencies (exits 1 naming the missing ones), then
    writes the .dist-info directory; returns its name."""
    _tools_or_exit()
    dist_info = os.path.join(metadata_directory, _dist_info())
    os.makedirs(dist_info, exist_ok=True)
    for name, data in _metadata_files().items():
        with open(os.path.join(dist_info, name), "wb") as f:
            f.write(data)
    return _dist_info()


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    """Builds stacklint and writes a wheel holding it as the script
    bin/stacklint into wheel_directory; returns the wheel's file name.
    Exits 1 when a build dependency is missing or the build fails."""
    tools = _tools_or_exit()
    wheel_name = "%s-%s-py3-none-%s.whl" % (NAME, _version(), _platform_tag())
    with tempfile.TemporaryDirectory(prefix="stacklint-meson.") as tmp:
        binary = _build_binary(tools, os.path.join(tmp, "build"))
        with open(binary, "rb") as f:
            files = [("%s-%s.data/scripts/%s" % (NAME, _version(), NAME), f.read(), 0o755)]
    files += [("%s/%s" % (_dist_info(), name), data, 0o644) for name, data in _metadata_files().items()]
    record = "".join(_record_line(arcname, data) for arcname, data, _ in files)
    record += "%s/RECORD,,\n" % _dist_info()
    files.append(("%s/RECORD" % _dist_info(), record.encode(), 0o644))
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w", zipfile.ZIP_DEFLATED) as whl:
        for arcname, data, mode in files:
            info = zipfile.ZipInfo(arcname, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = (stat.S_IFREG | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            whl.writestr(info, data)
    return wheel_name


def build_sdist(sdist_directory, config_settings=None):
    """Not made here: this backend exists for pre-commit, which installs from
    a git clone. Exits 1 saying so."""
    sys.stderr.write("stacklint-build: no sdist from this backend; source tarballs are made with `meson dist`\n")
    sys.exit(1)
