#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The monthly forms as suiji-cli writes them, read back by other programs.

The xlsx sheets are opened with openpyxl and the PDF pages with poppler's
pdftotext, pdfinfo and pdffonts; every label is compared with the plan's own
text (tests/fixtures/annex-forms-original.txt, parsed here independently of
the C tables), and the merges, numbers, fonts and page set-up are checked.

    form_readback.py SUIJI_CLI FIXTURE
"""

import os
import re
import subprocess
import sys
import tempfile

import openpyxl

MM_PER_INCH = 25.4


def fail(message):
    print('not ok: ' + message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def read_plan(path, attachment):
    """The form after the line `attachment` of the plan: title, subtitle,
    unit line, the table as lists of cells, and the contact line."""
    lines = open(path, encoding='utf-8').read().split('\n')
    i = lines.index(attachment)
    texts = []
    i += 1
    while len(texts) < 3:
        if lines[i] != '':
            texts.append(lines[i])
        i += 1
    rows, row = [], None
    while not lines[i].startswith('联系人：'):
        line = lines[i]
        i += 1
        if line == '':
            row = None
            continue
        if row is None:
            row = []
            rows.append(row)
        if line.startswith('\t'):
            row.append(line[1:])
        else:
            row[-1] += '\n' + line
    return {'title': texts[0], 'subtitle': texts[1], 'unit_line': texts[2],
            'heading': rows[0], 'columns': rows[1], 'rows': rows[2:],
            'contact_line': lines[i]}


def expected_merges(plan, first_row):
    """Where the paper merges cells, worked out from the plan's table: a
    platform or item cell runs down over the blank cells below it, an item
    without a sub-item spans both item columns."""
    rows = plan['rows']
    last_row = first_row + len(rows) - 1
    merges = {'A2:G2', 'A3:G3', 'A4:C4', 'D4:G4', 'A5:A6', 'B5:C6', 'D5:G5',
              'A%d:G%d' % (last_row + 1, last_row + 1)}
    for column, letter in ((0, 'A'), (1, 'B')):
        starts = [n for n, cells in enumerate(rows) if cells[column] != '']
        for k, start in enumerate(starts):
            end = (starts[k + 1] if k + 1 < len(starts) else len(rows)) - 1
            if column == 1:
                # An item with sub-items runs down only over its own 总计,
                # 部门内部, 部门联合; one without them takes both columns.
                end = start
                while end + 1 < len(rows) and rows[end + 1][1] == '' and len(rows[end + 1]) == 7:
                    end += 1
                if len(rows[start]) == 6:
                    merges.add('B%d:C%d' % (first_row + start, first_row + start))
                    continue
            if end > start:
                merges.add('%s%d:%s%d' % (letter, first_row + start, letter, first_row + end))
    return merges


def run(cli, *args):
    result = subprocess.run([cli] + list(args), capture_output=True, text=True)
    check(result.returncode == 0, 'suiji-cli %s: exit %d: %s' % (' '.join(args),
                                                               result.returncode, result.stderr))
    return result.stdout


def check_xlsx(path, plan, attachment, unit, date, contact_line, figures):
    workbook = openpyxl.load_workbook(path)
    check(workbook.sheetnames == [attachment], 'sheets: %r' % workbook.sheetnames)
    check(workbook.properties.title == plan['title'], 'title property: %r' % workbook.properties.title)
    sheet = workbook[attachment]
    value = lambda ref: sheet[ref].value

    check(value('A1') == attachment, 'A1: %r' % value('A1'))
    check(value('A2') == plan['title'], 'title: %r' % value('A2'))
    check(value('A3') == plan['subtitle'], 'subtitle: %r' % value('A3'))
    unit_label, date_label = '单位名称（盖章）：', '填表时间：'
    check(plan['unit_line'].startswith(unit_label), 'plan unit line')
    check(value('A4') == unit_label + unit, 'unit line: %r' % value('A4'))
    blank_date = plan['unit_line'][plan['unit_line'].index(date_label) + len(date_label):]
    check(value('D4') == date_label + (date or blank_date), 'date line: %r' % value('D4'))

    check([value('A5'), value('B5'), value('D5')] == plan['heading'], 'heading row')
    check([value(c + '6') for c in 'DEFG'] == plan['columns'][2:], 'column headings: %r'
          % [value(c + '6') for c in 'DEFG'])

    for n, cells in enumerate(plan['rows']):
        r = 7 + n
        check((value('A%d' % r) or '') == cells[0], 'A%d: %r' % (r, value('A%d' % r)))
        check((value('B%d' % r) or '') == cells[1], 'B%d: %r' % (r, value('B%d' % r)))
        if len(cells) == 7:
            check(value('C%d' % r) == cells[2], 'C%d: %r' % (r, value('C%d' % r)))
        else:
            check(value('C%d' % r) is None, 'C%d is merged: %r' % (r, value('C%d' % r)))
        for c, letter in enumerate('DEFG'):
            cell = sheet['%s%d' % (letter, r)]
            want = figures.get((n + 1, c))
            if want is None:
                check(cell.value is None, '%s blank: %r' % (cell.coordinate, cell.value))
            else:
                check(isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool),
                      '%s is a number: %r' % (cell.coordinate, cell.value))
                check(cell.value == want, '%s: %r, expected %r' % (cell.coordinate, cell.value, want))
            for side in ('left', 'right', 'top', 'bottom'):
                check(getattr(cell.border, side).style == 'thin',
                      '%s %s border' % (cell.coordinate, side))
            check(cell.font.name == '宋体', '%s font %r' % (cell.coordinate, cell.font.name))

    last = 7 + len(plan['rows'])
    check(value('A%d' % last) == contact_line, 'contact line: %r' % value('A%d' % last))
    merges = {str(m) for m in sheet.merged_cells.ranges}
    want = expected_merges(plan, 7)
    check(merges == want, 'merges: extra %r, missing %r' % (merges - want, want - merges))

    check(sheet['A2'].font.name == '黑体' and sheet['A2'].font.b, 'title font')
    check(sheet['A3'].font.name == '宋体', 'subtitle font')

    setup = sheet.page_setup
    check(setup.orientation == 'landscape', 'orientation %r' % setup.orientation)
    check(str(setup.paperSize) == '9', 'paper %r' % setup.paperSize)
    check(sheet.sheet_properties.pageSetUpPr.fitToPage, 'fit to page')
    check(setup.fitToWidth in (None, 1, '1'), 'fit to width %r' % setup.fitToWidth)
    check(str(setup.fitToHeight) == '0', 'fit to height %r' % setup.fitToHeight)
    margins = sheet.page_margins
    check(abs(margins.left - 25 / MM_PER_INCH) < 0.01, 'left margin %r' % margins.left)
    check(margins.left > margins.right, 'binding margin on the left')
    check(sheet.print_options.horizontalCentered, 'centred')
    # openpyxl 3.0 gives a list of ranges, later versions a string.
    area = sheet.print_area if isinstance(sheet.print_area, str) else ','.join(sheet.print_area)
    check(area.endswith('$A$1:$G$%d' % last), 'print area %r' % sheet.print_area)


def squeeze(text):
    return re.sub(r'\s+', '', text)


def check_pdf(path, plan, attachment, unit, figures):
    info = subprocess.run(['pdfinfo', path], capture_output=True, text=True, check=True).stdout
    check(re.search(r'^Pages:\s+1$', info, re.M), 'one page')
    check(re.search(r'^Page size:\s+841\.89 x 595\.28 pts \(A4\)', info, re.M), 'A4 landscape')
    check(re.search(r'^Title:\s+%s$' % re.escape(plan['title']), info, re.M), 'PDF title')

    fonts = subprocess.run(['pdffonts', path], capture_output=True, text=True, check=True).stdout
    font_lines = fonts.splitlines()[2:]
    check(font_lines and all(' yes ' in line for line in font_lines), 'fonts embedded')
    # zh-cn: the Simplified Chinese faces, not the Japanese ones.
    check(all('JP' not in line for line in font_lines), 'no Japanese glyphs: %s' % fonts)

    text = subprocess.run(['pdftotext', path, '-'], capture_output=True, text=True,
                          check=True).stdout
    flat = squeeze(text)
    labels = [attachment, plan['title'], plan['subtitle'], '单位名称（盖章）：' + unit, '填表时间：',
              '联系人：', '联系电话：', '手机：'] + plan['heading'] + plan['columns'][2:]
    for cells in plan['rows']:
        labels += [cell for cell in cells if cell != '']
    for label in labels:
        check(squeeze(label) in flat, 'PDF lacks %r' % label)
    # The title line on its own, curly quotes and all.
    check(plan['title'] in text.splitlines(), 'title line in the PDF text')
    for (row, column), figure in figures.items():
        check(str(figure) in flat, 'PDF lacks %r' % figure)


def main():
    cli, fixture = sys.argv[1], sys.argv[2]
    plans = {n: read_plan(fixture, '附件%d' % n) for n in (1, 2)}

    with tempfile.TemporaryDirectory() as folder:
        os.environ['HOME'] = folder
        os.environ['XDG_DATA_HOME'] = folder
        db = os.path.join(folder, 'forms.db')
        run(cli, '--db', db, 'sample-data', '--subjects', '0')

        region = {(2, 0): 40, (2, 1): 300, (2, 2): 280, (2, 3): 20, (3, 0): 60, (3, 1): 500,
                  (3, 2): 450, (3, 3): 30, (4, 0): 90, (4, 1): 700, (9, 0): 7, (9, 1): 35,
                  (11, 3): 0}
        department = {(2, 0): 5, (2, 1): 12, (3, 0): 3, (3, 1): 8, (7, 2): 4}
        for form, figures, unit in ((1, region, []), (2, department, ['--unit', '教育局'])):
            cells = ['--cell=%d,%d=%d' % (r, c + 1, v) for (r, c), v in figures.items()]
            run(cli, '--db', db, 'form', 'set', '--form', str(form), '--year', '2025',
                '--month', '3', '--date', '2025-03-20', '--contact', '刘向向',
                '--phone', '0319-8756862', '--mobile', '13800000000', *unit, *cells)
            # 总计 rows: the sum of 部门内部 and 部门联合.
            for total, parts in ({1: (2, 3), 6: (7, 8)} if form == 1 else {1: (2, 3)}).items():
                for c in range(4):
                    got = [figures[(p, c)] for p in parts if (p, c) in figures]
                    if got:
                        figures[(total, c)] = sum(got)

        cases = [
            (1, region, [], '沙河市市场监督管理局', '2025年3月20日',
             '联系人：刘向向           联系电话：0319-8756862           手机：13800000000'),
            (2, department, ['--unit', '教育局'], '沙河市教育局', '2025年3月20日',
             '联系人：刘向向           联系电话：0319-8756862           手机：13800000000'),
            # A month with nothing saved: the blank lines of the plan itself.
            (2, {}, ['--unit', '商务局', '--month', '4'], '沙河市商务局', None,
             plans[2]['contact_line']),
        ]
        for n, (form, figures, unit, unit_name, date, contact) in enumerate(cases):
            attachment = '附件%d' % form
            plan = plans[form]
            month = [] if '--month' in unit else ['--month', '3']
            for ending in ('xlsx', 'pdf'):
                out = os.path.join(folder, 'form%d.%s' % (n, ending))
                run(cli, '--db', db, 'form', '--form', str(form), '--year', '2025', *month,
                    *unit, '--out', out)
            check_xlsx(os.path.join(folder, 'form%d.xlsx' % n), plan, attachment, unit_name, date,
                       contact, figures)
            check_pdf(os.path.join(folder, 'form%d.pdf' % n), plan, attachment, unit_name, figures)
            print('ok %d - %s %s: xlsx and PDF match the plan' % (n + 1, attachment, unit_name))

    print('1..%d' % len(cases))


if __name__ == '__main__':
    main()
