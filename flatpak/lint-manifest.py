#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifest offline.

Usage: lint-manifest.py [MANIFEST.json]

First lets flatpak-builder parse the manifest (when it is on PATH): it only
warns about unknown keys or source types, so any WARNING counts as a failure.
Then checks the rules this project keeps: the app id, a current GNOME
runtime, no sandbox holes (files go through the portal), pinned sources and
Suiji itself built last from the source tree. Prints one line per problem and
exits 1 if there is any, 0 otherwise. Needs only the standard library.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

APP_ID = "io.github.suiji.Suiji"
RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"
MIN_RUNTIME_VERSION = 50
COMMAND = "suiji"

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")

DEFAULT_MANIFEST = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                APP_ID + ".json")


def run_flatpak_builder(path, problems):
    """Let flatpak-builder parse the manifest; it needs no network for this."""
    builder = shutil.which("flatpak-builder")
    if builder is None:
        print("note: flatpak-builder not found, skipping --show-manifest")
        return
    # flatpak-builder creates a .flatpak-builder state directory in its
    # working directory, so run it in a throwaway one.
    try:
        with tempfile.TemporaryDirectory(prefix="suiji-lint-") as scratch:
            proc = subprocess.run([builder, "--show-manifest", os.path.abspath(path)],
                                  cwd=scratch,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as e:
        problems.append("flatpak-builder --show-manifest could not run: %s" % e)
        return
    if proc.returncode != 0:
        detail = proc.stderr.strip() or proc.stdout.strip()
        problems.append("flatpak-builder --show-manifest exited with %d: %s"
                        % (proc.returncode, detail))
    for line in (proc.stdout + proc.stderr).splitlines():
        if "WARNING" in line:
            problems.append("flatpak-builder: %s" % line.strip())


def load_json(path, what, problems):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        problems.append("cannot read %s %s: %s" % (what, path, e))
        return None


def expand(items, base_dir, what, problems):
    """Yield the dicts of a modules or sources list.

    Both lists may name a separate JSON file instead of giving the object
    inline; such files are read relative to the file that names them.
    """
    if not isinstance(items, list):
        problems.append("%s is not a list" % what)
        return
    for item in items:
        if isinstance(item, str):
            path = os.path.join(base_dir, item)
            loaded = load_json(path, what[:-1], problems)
            if loaded is None:
                continue
            if isinstance(loaded, list):
                # A sources file may hold a list of sources.
                for sub in loaded:
                    if isinstance(sub, dict):
                        yield sub, os.path.dirname(path)
            elif isinstance(loaded, dict):
                yield loaded, os.path.dirname(path)
        elif isinstance(item, dict):
            yield item, base_dir
        else:
            problems.append("%s holds an entry that is neither an object nor a path"
                            % what)


def check_source(source, where, problems):
    kind = source.get("type")
    if kind in ("archive", "file"):
        # Local files (path) live in the tree; anything fetched must be pinned.
        if "url" in source or "mirror-urls" in source:
            sha = source.get("sha256", "")
            if not (isinstance(sha, str) and SHA256_RE.match(sha)):
                problems.append("%s: %s source %s has no 64-hex sha256"
                                % (where, kind, source.get("url", "?")))
    elif kind == "git":
        commit = source.get("commit", "")
        if not (isinstance(commit, str) and COMMIT_RE.match(commit)):
            problems.append("%s: git source %s has no 40-hex commit"
                            % (where, source.get("url", source.get("path", "?"))))


def check_modules(modules, base_dir, where, problems):
    """Check every module (nested ones too); return the top-level ones
    as (module, directory) pairs."""
    found = []
    for module, mod_dir in expand(modules, base_dir, where + " modules", problems):
        name = module.get("name", "?")
        found.append((module, mod_dir))
        for source, _ in expand(module.get("sources", []), mod_dir,
                                "module %s sources" % name, problems):
            check_source(source, "module %s" % name, problems)
        if "modules" in module:
            check_modules(module["modules"], mod_dir, "module %s" % name, problems)
    return found


def check_manifest(manifest, base_dir, problems):
    if not isinstance(manifest, dict):
        problems.append("the manifest is not a JSON object")
        return

    app_id = manifest.get("app-id", manifest.get("id"))
    if app_id != APP_ID:
        problems.append("app-id is %r, expected %r" % (app_id, APP_ID))

    if manifest.get("runtime") != RUNTIME:
        problems.append("runtime is %r, expected %r" % (manifest.get("runtime"), RUNTIME))
    version = manifest.get("runtime-version")
    if not (isinstance(version, str) and version.isdigit()):
        problems.append("runtime-version %r is not a whole number in a string" % (version,))
    elif int(version) < MIN_RUNTIME_VERSION:
        problems.append("runtime-version %s is older than %d (end of life)"
                        % (version, MIN_RUNTIME_VERSION))
    if manifest.get("sdk") != SDK:
        problems.append("sdk is %r, expected %r" % (manifest.get("sdk"), SDK))
    if manifest.get("command") != COMMAND:
        problems.append("command is %r, expected %r" % (manifest.get("command"), COMMAND))

    finish_args = manifest.get("finish-args", [])
    if not isinstance(finish_args, list):
        problems.append("finish-args is not a list")
        finish_args = []
    for arg in finish_args:
        if not isinstance(arg, str):
            problems.append("finish-args holds a non-string: %r" % (arg,))
        elif arg == "--filesystem" or arg.startswith("--filesystem="):
            problems.append("finish-args has %s: files must go through the portal" % arg)
        elif arg == "--socket=x11":
            problems.append("finish-args has --socket=x11: use --socket=fallback-x11")
        elif arg == "--share=network":
            problems.append("finish-args has --share=network: the app works offline")

    modules = check_modules(manifest.get("modules", []), base_dir, "manifest", problems)
    if not modules:
        problems.append("the manifest has no modules")
        return
    last, last_dir = modules[-1]
    if last.get("name") != COMMAND:
        problems.append("the last module is %r, expected %r" % (last.get("name"), COMMAND))
    sources = list(expand(last.get("sources", []), last_dir, "last module sources", []))
    if not any(s.get("type") == "dir" for s, _ in sources):
        problems.append("the last module does not build from a dir source")


def main(argv):
    if len(argv) > 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    path = argv[1] if len(argv) == 2 else DEFAULT_MANIFEST
    problems = []

    run_flatpak_builder(path, problems)
    manifest = load_json(path, "manifest", problems)
    if manifest is not None:
        check_manifest(manifest, os.path.dirname(os.path.abspath(path)), problems)

    for problem in problems:
        print("%s: %s" % (path, problem), file=sys.stderr)
    if problems:
        print("%s: %d problem(s)" % (path, len(problems)), file=sys.stderr)
        return 1
    print("%s: ok" % path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
