#!/usr/bin/env python3
"""Builds the ~200,000-record input of the `link` benchmark (docs/performance.md, Linkage) from the five
feeds of `generate`, and measures the clusters against the generator's truth.

    java -jar target/contactpoint.jar generate --children 70000 --seed 1 --as-of 2026-03-15 --out /tmp/gen
    python3 docs/bench/link-input.py make /tmp/gen /tmp/link200k
    java -jar target/contactpoint.jar link --input /tmp/link200k/records.csv ... --output /tmp/link200k/clusters.csv
    python3 docs/bench/link-input.py quality /tmp/link200k
"""
import collections
import csv
import os
import sys

FEEDS = {
    'births': ('child_forename', 'child_middle_names', 'child_surname', 'date_of_birth', 'sex',
               'mother_address_line1', 'mother_address_line2', 'mother_town', 'mother_postcode', None, None),
    'child-benefit': ('child_forename', 'child_middle_names', 'child_surname', 'date_of_birth', 'sex',
                      'address_line1', 'address_line2', 'town', 'postcode', None, None),
    'la-services': ('forename', 'middle_names', 'surname', 'date_of_birth', 'sex', 'address_line1',
                    'address_line2', 'town', 'postcode', None, None),
    'nhs-demographics': ('forename', 'middle_names', 'surname', 'date_of_birth', 'sex', 'address_line1',
                         'address_line2', 'town', 'postcode', 'nhs_number', None),
    'school-census': ('legal_forename', 'legal_middle_names', 'legal_surname', 'date_of_birth', 'sex',
                      'address_line1', 'address_line2', 'town', 'postcode', None, 'upn'),
}


def make(gen, out):
    os.makedirs(out, exist_ok=True)
    truth = {(r['feed'], r['row']): r['child_id'] for r in csv.DictReader(open(f'{gen}/truth/feed-rows.csv'))}
    with open(f'{out}/records.csv', 'w', newline='') as rf, open(f'{out}/truth.csv', 'w', newline='') as tf:
        records, truths = csv.writer(rf), csv.writer(tf)
        records.writerow(['record_id', 'forename', 'middle_names', 'surname', 'date_of_birth', 'sex',
                          'address_line1', 'address_line2', 'town', 'postcode', 'nhs_number', 'upn'])
        truths.writerow(['record_id', 'child_id'])
        for feed, columns in FEEDS.items():
            for i, row in enumerate(csv.DictReader(open(f'{gen}/{feed}.csv')), start=1):
                record_id = f'{feed}-{i}'
                records.writerow([record_id] + [row[c] if c else '' for c in columns])
                truths.writerow([record_id, truth[(feed, str(i))]])


def quality(out):
    truth = {r['record_id']: r['child_id'] for r in csv.DictReader(open(f'{out}/truth.csv'))}
    cluster = {r['record_id']: r['cluster_id'] for r in csv.DictReader(open(f'{out}/clusters.csv'))}
    pairs = lambda sizes: sum(n * (n - 1) // 2 for n in sizes.values())
    true = pairs(collections.Counter(truth.values()))
    predicted = pairs(collections.Counter(cluster.values()))
    correct = pairs(collections.Counter((cluster[k], truth[k]) for k in cluster))
    p, r = correct / predicted, correct / true
    print(f'precision {p:.4f} recall {r:.4f} F1 {2 * p * r / (p + r):.4f} '
          f'(true pairs {true}, predicted {predicted}, correct {correct}, records {len(cluster)})')


if __name__ == '__main__':
    if sys.argv[1] == 'make':
        make(sys.argv[2], sys.argv[3])
    else:
        quality(sys.argv[2])
