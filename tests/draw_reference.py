#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A second, independent reading of the draw suiji-draw-v1.

Written from reference/draw-algorithm.md alone, in plain Python (standard
library only, Python 3.9 or later), so that the C implementation in
src/core/suiji-draw.c is checked against somebody else's understanding of
the same page, and so that anyone holding a published record can redo the
draw without Suiji.

    draw_reference.py --check DIR      compare DIR/*.input.json with DIR/*.expected.json
    draw_reference.py --make DIR       write DIR/*.expected.json from the inputs
    draw_reference.py --verify FILE    redo a published record and compare
    draw_reference.py --bench FILE     time the draw of a published record
"""

import hashlib
import json
import pathlib
import sys
import time

ALGORITHM = 'suiji-draw-v1'


class DrawError(Exception):
    """The inputs cannot be drawn from; `subject` names the subject left
    without enough inspectors, when that is the reason."""

    def __init__(self, message, subject=None):
        super().__init__(message)
        self.subject = subject


def sha256(*parts):
    h = hashlib.sha256()
    for part in parts:
        h.update(part)
    return h.digest()


def seed_from_text(text):
    """seed = SHA-256(UTF-8 bytes of the typed text)"""
    return sha256(text.encode('utf-8'))


def stratum_sort_key(name):
    """A, B, C, D first, then the other strata by name in byte order."""
    fixed = ['A', 'B', 'C', 'D']
    if name in fixed:
        return (fixed.index(name), b'')
    return (len(fixed), name.encode('utf-8'))


def size_of_draw(n, rule):
    """k for a stratum of n candidates: rule is ('bp', x), ('count', x) or None."""
    if rule is None:
        return 0
    kind, value = rule
    if kind == 'bp':
        k = (n * value + 9999) // 10000
    else:
        k = value
    return min(k, n)


def digest_of_pool(pool):
    """SHA-256 of the lines "stratum TAB key LF", sorted in byte order."""
    lines = sorted(('%s\t%s\n' % (stratum, key)).encode('utf-8') for key, stratum in pool)
    return hashlib.sha256(b''.join(lines)).hexdigest()


def draw(seed, pool, rules, inspectors=(), avoid=(), m=0, per_department=None, cap=None):
    """The whole draw.

    seed: 32 bytes; pool: [(key, stratum)]; rules: {stratum: ('bp'|'count', int)};
    inspectors: [(badge, department)]; avoid: [(subject key, badge)];
    m: inspectors per subject (0: no inspectors); per_department: {department: m_d}
    or None; cap: the most subjects per inspector, or None.

    Returns {'pool_digest', 'strata': [{name, n, bp, count, k}],
    'subjects': [(key, stratum, [badges])]}; raises DrawError.
    """
    keys = [key for key, _ in pool]
    if len(set(keys)) != len(keys):
        raise DrawError('the same subject twice in the pool')
    badges = [badge for badge, _ in inspectors]
    if len(set(badges)) != len(badges):
        raise DrawError('the same inspector twice in the inspector pool')
    if per_department:
        m = sum(per_department.values())
    if (m != 0 or per_department) and m < 2:
        raise DrawError('fewer than 2 inspectors per subject')

    members = {}
    for key, stratum in pool:
        members.setdefault(stratum, []).append(key)

    strata = []
    drawn = []
    for name in sorted(members, key=stratum_sort_key):
        n = len(members[name])
        rule = rules.get(name)
        k = size_of_draw(n, rule)
        strata.append({
            'name': name,
            'n': n,
            'bp': rule[1] if rule and rule[0] == 'bp' else None,
            'count': rule[1] if rule and rule[0] == 'count' else None,
            'k': k,
        })
        ranked = sorted(members[name],
                        key=lambda key: (sha256(seed, b'subject\x00', key.encode('utf-8')),
                                         key.encode('utf-8')))
        drawn.extend((key, name) for key in ranked[:k])

    # Which inspectors each subject is matched from, group by group.
    if per_department:
        groups = [(department, count,
                   [badge for badge, of in inspectors if of == department])
                  for department, count in sorted(per_department.items(),
                                                  key=lambda item: item[0].encode('utf-8'))]
    elif m > 0:
        groups = [(None, m, badges)]
    else:
        groups = []

    steps_aside = set(avoid)
    taken = {badge: 0 for badge in badges}
    subjects = []
    for key, stratum in drawn:
        chosen = []
        for department, wanted, group in groups:
            eligible = [badge for badge in group
                        if (key, badge) not in steps_aside
                        and (cap is None or taken[badge] < cap)]
            if len(eligible) < wanted:
                raise DrawError('too few eligible inspectors for subject %s' % key, subject=key)
            eligible.sort(key=lambda badge: (sha256(seed, b'inspector\x00', key.encode('utf-8'),
                                                    b'\x00', badge.encode('utf-8')),
                                             badge.encode('utf-8')))
            chosen.extend(eligible[:wanted])
        for badge in chosen:
            taken[badge] += 1
        subjects.append((key, stratum, chosen))

    return {'pool_digest': digest_of_pool(pool), 'strata': strata, 'subjects': subjects}


# Known-answer files

def read_case(path):
    """A known-answer input: see tests/draw-kat/README.md."""
    case = json.loads(path.read_text(encoding='utf-8'))
    if 'seed_text' in case:
        seed = seed_from_text(case['seed_text'])
    else:
        seed = bytes.fromhex(case['seed'])
    rules = {}
    for stratum, rule in case.get('rules', {}).items():
        if 'bp' in rule:
            rules[stratum] = ('bp', rule['bp'])
        else:
            rules[stratum] = ('count', rule['count'])
    arguments = {
        'seed': seed,
        'pool': [(entry['key'], entry['stratum']) for entry in case['pool']],
        'rules': rules,
        'inspectors': [(entry['key'], entry['department']) for entry in case.get('inspectors', [])],
        'avoid': [(entry['subject'], entry['inspector']) for entry in case.get('avoid', [])],
        'm': case.get('inspectors_per_subject', 0),
        'per_department': case.get('inspectors_per_department'),
        'cap': case.get('inspector_cap'),
    }
    names = {entry['key']: entry.get('name', '') for entry in case['pool']}
    return arguments, names


def expected_of(path):
    arguments, names = read_case(path)
    result = {'seed': arguments['seed'].hex()}
    try:
        outcome = draw(**arguments)
    except DrawError as error:
        result['pool_digest'] = digest_of_pool(arguments['pool'])
        result['error'] = {'subject': error.subject} if error.subject else {'message': str(error)}
        return result
    result['pool_digest'] = outcome['pool_digest']
    result['strata'] = outcome['strata']
    result['subjects'] = [{'key': key, 'name': names[key], 'stratum': stratum, 'inspectors': chosen}
                          for key, stratum, chosen in outcome['subjects']]
    return result


def input_files(folder):
    files = sorted(pathlib.Path(folder).glob('*.input.json'))
    if not files:
        sys.exit('draw_reference: no *.input.json in %s' % folder)
    return files


def expected_path(input_path):
    return input_path.with_name(input_path.name[:-len('.input.json')] + '.expected.json')


def check(folder):
    failures = 0
    for path in input_files(folder):
        expected = json.loads(expected_path(path).read_text(encoding='utf-8'))
        got = expected_of(path)
        if got != expected:
            failures += 1
            for field in sorted(set(got) | set(expected)):
                if got.get(field) != expected.get(field):
                    print('%s: %s differs:\n  expected %s\n  reference gives %s'
                          % (path.name, field, json.dumps(expected.get(field), ensure_ascii=False),
                             json.dumps(got.get(field), ensure_ascii=False)))
                    break
        else:
            print('%s: ok' % path.name)
    return 1 if failures else 0


def make(folder):
    for path in input_files(folder):
        text = json.dumps(expected_of(path), ensure_ascii=False, indent=2) + '\n'
        expected_path(path).write_text(text, encoding='utf-8')
        print('wrote %s' % expected_path(path).name)
    return 0


# Published records

def read_record(path):
    """The inputs of a published record, as draw() takes them."""
    record = json.loads(pathlib.Path(path).read_text(encoding='utf-8'))
    if record.get('algorithm') != ALGORITHM:
        raise DrawError('not a %s record' % ALGORITHM)
    rules = {}
    for stratum in record['strata']:
        if stratum.get('bp') is not None:
            rules[stratum['name']] = ('bp', stratum['bp'])
        elif stratum.get('count') is not None:
            rules[stratum['name']] = ('count', stratum['count'])
        elif 'count' not in stratum:
            # The page's own form: "bp": null and the k the task asked for.
            rules[stratum['name']] = ('count', stratum['k'])
    arguments = {
        'seed': bytes.fromhex(record['seed']),
        'pool': [(entry['key'], entry['stratum']) for entry in record['pool']],
        'rules': rules,
        'inspectors': [(entry['key'], entry['department']) for entry in record['inspector_pool']],
        'avoid': [(entry['subject'], entry['inspector']) for entry in record['avoid']],
        'm': record['inspectors_per_subject'],
        'per_department': record.get('inspectors_per_department'),
        'cap': record['inspector_cap'],
    }
    return record, arguments


def first_difference(record, outcome):
    source = record['seed_source']
    if source['kind'] == 'text' and seed_from_text(source['text']).hex() != record['seed']:
        return 'seed: the record says %s, SHA-256 of the public text is %s' % (
            record['seed'], seed_from_text(source['text']).hex())
    if record['pool_digest'] != outcome['pool_digest']:
        return 'pool_digest: the record says %s, the pool gives %s' % (
            record['pool_digest'], outcome['pool_digest'])
    for i, (published, computed) in enumerate(zip(record['strata'], outcome['strata'])):
        for field in ('name', 'n', 'k'):
            if published[field] != computed[field]:
                return 'strata[%d].%s: the record says %s, the draw gives %s' % (
                    i, field, published[field], computed[field])
    if len(record['strata']) != len(outcome['strata']):
        return 'strata: the record lists %d entries, the draw gives %d' % (
            len(record['strata']), len(outcome['strata']))
    for i, (published, computed) in enumerate(zip(record['subjects'], outcome['subjects'])):
        key, stratum, chosen = computed
        if published['key'] != key:
            return 'subjects[%d]: the record says %s, the draw gives %s' % (i, published['key'], key)
        if published['stratum'] != stratum:
            return 'subjects[%d].stratum: the record says %s, the draw gives %s' % (
                i, published['stratum'], stratum)
        for j, (a, b) in enumerate(zip(published['inspectors'], chosen)):
            if a != b:
                return 'subjects[%d].inspectors[%d]: the record says %s, the draw gives %s' % (
                    i, j, a, b)
        if len(published['inspectors']) != len(chosen):
            return 'subjects[%d].inspectors: the record lists %d entries, the draw gives %d' % (
                i, len(published['inspectors']), len(chosen))
    if len(record['subjects']) != len(outcome['subjects']):
        return 'subjects: the record lists %d entries, the draw gives %d' % (
            len(record['subjects']), len(outcome['subjects']))
    return None


def verify(path):
    record, arguments = read_record(path)
    try:
        difference = first_difference(record, draw(**arguments))
    except DrawError as error:
        difference = 'the record cannot be drawn again: %s' % error
    print(difference or 'verified')
    return 1 if difference else 0


def bench(path):
    record, arguments = read_record(path)
    start = time.perf_counter()
    outcome = draw(**arguments)
    elapsed = time.perf_counter() - start
    difference = first_difference(record, outcome)
    print('draw_ms %.1f' % (elapsed * 1000))
    print(difference or 'verified')
    return 1 if difference else 0


def main(argv):
    actions = {'--check': check, '--make': make, '--verify': verify, '--bench': bench}
    if len(argv) != 3 or argv[1] not in actions:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        return actions[argv[1]](argv[2])
    except DrawError as error:
        print('draw_reference: %s' % error, file=sys.stderr)
        return 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
