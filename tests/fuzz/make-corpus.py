#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpora of the fuzz harnesses, tests/fuzz/corpus/NAME/,
from the test fixtures, the draw known answers and files suiji-cli makes.

    tests/fuzz/make-corpus.py BUILD/src/cli/suiji-cli

Seeds are named seed-*; inputs kept from findings are named crash-*,
leak-*, slow-* or finding-* and are left alone. Run it again when the fixtures change."""

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
FIXTURES = os.path.join(TESTS, 'fixtures')
KAT = os.path.join(TESTS, 'draw-kat')
CORPUS = os.path.join(HERE, 'corpus')
# libFuzzer is run with -max_len=65536; larger seeds would be cut.
MAX_SEED = 65536


def clear_seeds(name):
    folder = os.path.join(CORPUS, name)
    os.makedirs(folder, exist_ok=True)
    for path in glob.glob(os.path.join(folder, 'seed-*')):
        os.unlink(path)
    return folder


def put(folder, name, data):
    if len(data) > MAX_SEED:
        return
    with open(os.path.join(folder, 'seed-' + name), 'wb') as out:
        out.write(data)


def workbook_parts(path):
    """A workbook as the harness's part list: NAME\\nTEXT, NUL between."""
    try:
        with zipfile.ZipFile(path) as archive:
            return b'\0'.join(info.filename.encode() + b'\n' + archive.read(info)
                              for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def put_workbook(folder, name, path):
    data = open(path, 'rb').read()
    put(folder, name, data)
    parts = workbook_parts(path)
    if parts is not None:
        put(folder, name + '.parts', parts)


def cli(suiji_cli, db, *args):
    return subprocess.run([suiji_cli, '--db', db, *args], check=True,
                          capture_output=True, text=True).stdout


def made_by_suiji(suiji_cli, work):
    """Draw records, directory exports and forms as Suiji writes them."""
    db = os.path.join(work, 'seed.db')
    cli(suiji_cli, db, 'sample-data', '--subjects', '40', '--seed', '7')
    records = []
    tasks = [
        ['--name', '抽查一', '--department', '沙河市市场监督管理局',
         '--ratio', 'A=1000,B=2000,C=3000,D=5000,未分类=5000'],
        ['--name', '联合抽查', '--department', '沙河市市场监督管理局,沙河市应急管理局',
         '--count', 'A=2,B=2,C=1', '--cap', '2', '--inspectors', '3'],
        ['--name', '全部', '--department', '沙河市市场监督管理局', '--not-stratified',
         '--count', '全部=4'],
    ]
    for number, (options, seed) in enumerate(zip(tasks, ['--seed-text', '--seed', '--seed-text']), 1):
        task = cli(suiji_cli, db, 'task', 'create', *options).strip()
        path = os.path.join(work, f'record-{number}.json')
        value = '2025001 03 07 12 21 30' if seed == '--seed-text' else '0f' * 32
        cli(suiji_cli, db, 'draw', task, seed, value, '--json', path)
        records.append(path)

    exports = []
    for directory in ('subjects', 'inspectors', 'items'):
        path = os.path.join(work, f'{directory}.xlsx')
        cli(suiji_cli, db, 'export', directory, path)
        exports.append(path)

    cli(suiji_cli, db, 'form', 'set', '--form', '2', '--month', '5', '--unit', '市场监管局',
        '2,1=3', '2,2=40', '2,3=38', '2,4=2', '3,1=1', '3,2=5', '3,3=5', '3,4=0',
        '--contact', '张三', '--phone', '0319-8701234', '--date', '2025-06-03')
    forms = []
    for form, unit in (('2', ['--unit', '市场监管局']), ('1', [])):
        path = os.path.join(work, f'form-{form}.xlsx')
        cli(suiji_cli, db, 'form', '--form', form, '--month', '5', *unit, '--out', path)
        forms.append(path)
    return records, exports, forms


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    suiji_cli = os.path.abspath(sys.argv[1])

    with tempfile.TemporaryDirectory() as work:
        records, exports, forms = made_by_suiji(suiji_cli, work)

        folder = clear_seeds('csv-import')
        for path in sorted(glob.glob(os.path.join(FIXTURES, '*.csv')) +
                           glob.glob(os.path.join(FIXTURES, '*.txt')) +
                           [os.path.join(FIXTURES, 'broken-ole2.xls')]):
            if not path.endswith('annex-forms-original.txt'):
                put(folder, os.path.basename(path), open(path, 'rb').read())

        folder = clear_seeds('xlsx-import')
        for path in sorted(glob.glob(os.path.join(FIXTURES, '*.xlsx'))) + exports:
            put_workbook(folder, os.path.basename(path), path)

        folder = clear_seeds('form-import')
        for path in forms + [os.path.join(FIXTURES, 'handmade.xlsx')]:
            put_workbook(folder, os.path.basename(path), path)

        folder = clear_seeds('draw-record')
        for path in records:
            put(folder, os.path.basename(path), open(path, 'rb').read())
        for path in sorted(glob.glob(os.path.join(KAT, '*.json'))):
            put(folder, 'kat-' + os.path.basename(path), open(path, 'rb').read())

    folder = clear_seeds('small-parsers')
    texts = [
        (0, 'region=白塔镇,type=企业,status=all'),
        (0, 'exclude=same-items,label=食品安全,department=市场监管局'),
        (1, 'A=100,B=200,C=1000,D=3000,未分类=300'),
        (2, 'A=5,B=10'),
        (3, '１,234'),
        (3, ' 3.0 '),
        (4, '2025年3月1日'),
        (4, '91130582MA0CXK7L3B'),
        (4, '较高风险'),
        (5, '8f3c2a9b7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b'),
        (6, '企业名称=name,C=class,类型='),
        (7, 'industry=玻璃制品,status=active'),
    ]
    for number, (parser, text) in enumerate(texts, 1):
        put(folder, f'{number:02d}', bytes([parser]) + text.encode())


if __name__ == '__main__':
    main()
