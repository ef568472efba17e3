#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks po/: POTFILES.in lists exactly the files with translatable strings,
zh_CN.po passes msgfmt --check, and it translates every string the sources
hold today (no untranslated, no fuzzy, nothing missing)."""

import pathlib
import re
import subprocess
import sys
import tempfile

root = pathlib.Path(sys.argv[1])
problems = []

marker = re.compile(r'\b(?:N_|_|C_|NC_|g_dngettext)\s*\(|translatable="yes"|<_?(?:summary|description)|^(?:_?Name|_?GenericName|_?Comment|_?Keywords)=', re.M)
listed = [line.strip() for line in (root / 'po' / 'POTFILES.in').read_text().splitlines()
          if line.strip() and not line.startswith('#')]

if listed != sorted(listed):
    problems.append('po/POTFILES.in is not sorted')

candidates = [p for pattern in ('src/**/*.c', 'ui/**/*.ui', 'data/*.in', 'data/*.gschema.xml')
              for p in root.glob(pattern)]
for path in sorted(candidates):
    relative = path.relative_to(root).as_posix()
    text = path.read_text(encoding='utf-8')
    if marker.search(text) and relative not in listed:
        problems.append(f'{relative} has translatable strings but is not in po/POTFILES.in')
for relative in listed:
    if not (root / relative).exists():
        problems.append(f'po/POTFILES.in lists {relative}, which does not exist')

po = root / 'po' / 'zh_CN.po'
check = subprocess.run(['msgfmt', '--check', '--statistics', '-o', '/dev/null', str(po)],
                       capture_output=True, text=True)
if check.returncode != 0:
    problems.append('msgfmt --check failed:\n' + check.stderr)
elif 'untranslated' in check.stderr or 'fuzzy' in check.stderr:
    problems.append('po/zh_CN.po is incomplete: ' + check.stderr.strip())

with tempfile.TemporaryDirectory() as tmp:
    pot = pathlib.Path(tmp) / 'suiji.pot'
    xgettext = subprocess.run(
        ['xgettext', '--from-code=UTF-8', '--add-comments=Translators', '--keyword=_',
         '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
         '--keyword=g_dngettext:2,3', '--flag=g_strdup_printf:1:c-format',
         '-D', str(root), '-f', str(root / 'po' / 'POTFILES.in'), '-o', str(pot)],
        capture_output=True, text=True)
    if xgettext.returncode != 0:
        problems.append('xgettext failed:\n' + xgettext.stderr)
    else:
        compare = subprocess.run(['msgcmp', str(po), str(pot)], capture_output=True, text=True)
        if compare.returncode != 0:
            problems.append('po/zh_CN.po misses strings of the sources '
                            '(run ninja -C build suiji-update-po and translate them):\n'
                            + compare.stderr)

for problem in problems:
    print(problem)
print('translations: ' + ('ok' if not problems else f'{len(problems)} problem(s)'))
sys.exit(1 if problems else 0)
