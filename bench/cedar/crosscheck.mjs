// Compares bench.mjs decisions with chipgate's on the same lines (not part of the timing):
//   node bench.mjs lines.jsonl --reps 1 --warmup 0 --decisions cedar.txt
//   node crosscheck.mjs lines.jsonl cedar.txt      [CHIPGATE=path/to/chipgate]
// Lines are grouped by (destination, headquarters) into one manifest each, checked with
// `chipgate check --date 2025-06-01 --no-audit --format json`. chipgate's `review` is expected
// to be Cedar's license_required (unknown data is held, see README.md).
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [linesFile, cedarFile] = process.argv.slice(2);
const root = new URL('../../', import.meta.url).pathname;
const chipgate = process.env.CHIPGATE ?? join(root, 'build/chipgate');
const lines = readFileSync(linesFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const cedar = readFileSync(cedarFile, 'utf8').split('\n').filter(Boolean);
if (cedar.length !== lines.length) throw new Error('line counts differ');

const groups = new Map();
lines.forEach((l, i) => {
  const key = `${l.destination}/${l.headquarters}`;
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push(i);
});

const dir = mkdtempSync(join(tmpdir(), 'chipgate-xcheck-'));
const tally = {};
let mismatches = 0;
for (const idx of groups.values()) {
  const { destination, headquarters } = lines[idx[0]];
  const endUser = { name: 'Example End User', country: destination };
  if (headquarters != null) endUser.headquarters = headquarters;
  const manifest = {
    shipment: { id: 'XCHECK', consignee: { name: 'Example End User', country: destination }, end_user: endUser },
    lines: idx.map((i) => {
      const { type, tpp, die_area_mm2, datacenter, memory_bandwidth_density } = lines[i];
      return { part: `L${i + 1}`, specs: { type, tpp, die_area_mm2, datacenter, memory_bandwidth_density } };
    }),
  };
  const file = join(dir, 'm.yaml');
  writeFileSync(file, JSON.stringify(manifest)); // JSON is YAML
  let out;
  try {
    out = execFileSync(chipgate, ['check', file, '--rules', join(root, 'rules/us-ear'), '--date', '2025-06-01',
      '--no-audit', '--format', 'json'], { maxBuffer: 1 << 30 });
  } catch (e) {
    if (e.status !== 1) throw e; // 1 = some line held
    out = e.stdout;
  }
  for (const line of JSON.parse(out).lines) {
    const i = idx[line.index - 1];
    const got = line.decision === 'license_exception' ? `license_exception ${line.exception.code}` : line.decision;
    const want = got === 'review' ? 'license_required' : got;
    tally[got] = (tally[got] ?? 0) + 1;
    if (cedar[i] !== want) {
      if (++mismatches <= 20) console.error(`line ${i + 1}: chipgate ${got}, cedar ${cedar[i]}: ${JSON.stringify(lines[i])}`);
    }
  }
}
rmSync(dir, { recursive: true });
console.log(JSON.stringify({ lines: lines.length, manifests: groups.size, chipgate: tally, mismatches }));
process.exit(mismatches ? 1 : 0);
