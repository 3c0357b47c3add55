// Cedar baseline for chipgate's decision-throughput benchmark.
//   node bench.mjs lines.jsonl [--reps 5] [--warmup 1] [--decisions out.txt]
// Parses policies.cedar once (preparsePolicySet), turns every input line into one Cedar request
// (untimed), then times statefulIsAuthorized over all lines, --reps times after --warmup passes,
// single thread. Prints one JSON line; `seconds` is the median pass. --decisions writes one
// decision per input line (with the exception code) for cross-checking against chipgate.
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { readFileSync, writeFileSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i < 0 ? dflt : args.splice(i, 2)[1]; };
const reps = Number(opt('--reps', 5));
const warmup = Number(opt('--warmup', 1));
const decisionsFile = opt('--decisions', null);
if (args.length !== 1) throw new Error('usage: node bench.mjs LINES.jsonl [--reps N] [--warmup N] [--decisions FILE]');

const here = new URL('.', import.meta.url);
const policyText = readFileSync(new URL('policies.cedar', here), 'utf8');
const schema = readFileSync(new URL('schema.cedarschema', here), 'utf8');

// Policies: check against the schema, then parse once, keyed by their @id annotation.
const validation = cedar.validate({ schema, policies: { staticPolicies: policyText }, validationSettings: { mode: 'strict' } });
if (validation.type !== 'success' || validation.validationErrors.length)
  throw new Error('policies.cedar does not validate: ' + JSON.stringify(validation));
const parts = cedar.policySetTextToParts(policyText);
if (parts.type !== 'success') throw new Error(JSON.stringify(parts.errors));
const policies = {};
for (const p of parts.policies) policies[/@id\("([^"]+)"\)/.exec(p)[1]] = p;
const parsed = cedar.preparsePolicySet('us-ear-2025-06-01', { staticPolicies: policies });
if (parsed.type !== 'success') throw new Error(JSON.stringify(parsed.errors));

// x100 fixed point; refuses values that x100 would not represent exactly, and negative values.
function x100(v, what) {
  const n = Math.round(v * 100);
  if (!Number.isFinite(v) || v < 0 || Math.abs(v * 100 - n) > 1e-6) throw new Error(`${what}: ${v} is not a non-negative number with at most 2 decimals`);
  return n;
}

// One input line -> one request. Null (or missing) values become absent attributes.
function request(line, i) {
  const attrs = {};
  if (line.type != null) attrs.type = line.type;
  if (line.tpp != null) attrs.tpp = x100(line.tpp, 'tpp');
  if (line.die_area_mm2 != null && line.die_area_mm2 !== 0) attrs.die_area = x100(line.die_area_mm2, 'die_area_mm2'); // pd undefined at 0
  if (line.datacenter != null) attrs.datacenter = line.datacenter;
  if (line.memory_bandwidth_density != null) attrs.mbd = x100(line.memory_bandwidth_density, 'memory_bandwidth_density');
  if (line.destination == null) throw new Error(`line ${i + 1}: destination is required`);
  const context = { destination: line.destination };
  if (line.headquarters != null) context.headquarters = line.headquarters;
  const id = String(i + 1);
  return {
    principal: { type: 'Item', id },
    action: { type: 'Action', id: 'export' },
    resource: { type: 'Shipment', id },
    context,
    entities: [{ uid: { type: 'Item', id }, attrs, parents: [] }],
    preparsedPolicySetId: 'us-ear-2025-06-01',
  };
}

// Cedar answer -> chipgate decision value (and exception code).
const EXCEPTIONS = ['NAC', 'ACA', 'HBM'];
function decide(answer) {
  if (answer.type !== 'success') throw new Error(JSON.stringify(answer.errors));
  const { decision, diagnostics } = answer.response;
  if (diagnostics.errors.length) throw new Error(JSON.stringify(diagnostics.errors));
  if (decision === 'deny') return diagnostics.reason.includes('embargo') ? 'prohibited' : 'license_required';
  const code = diagnostics.reason.find((id) => EXCEPTIONS.includes(id));
  return code ? 'license_exception ' + code : 'no_license_required';
}

const lines = readFileSync(args[0], 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const requests = lines.map(request);

function pass() {
  const counts = { license_required: 0, license_exception: 0, no_license_required: 0, prohibited: 0 };
  const out = decisionsFile ? new Array(requests.length) : null;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < requests.length; i++) {
    const d = decide(cedar.statefulIsAuthorized(requests[i]));
    counts[d.startsWith('license_exception') ? 'license_exception' : d]++;
    if (out) out[i] = d;
  }
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, counts, out };
}

for (let i = 0; i < warmup; i++) pass();
const runs = [];
for (let i = 0; i < reps; i++) runs.push(pass());
for (const r of runs) if (JSON.stringify(r.counts) !== JSON.stringify(runs[0].counts)) throw new Error('passes disagree');
const seconds = runs.map((r) => r.seconds).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
if (decisionsFile) writeFileSync(decisionsFile, runs[0].out.join('\n') + '\n');

const { prohibited, ...decisions } = runs[0].counts;
if (prohibited) decisions.prohibited = prohibited; // only embargoed destinations
console.log(JSON.stringify({
  lines: lines.length,
  seconds: Number(seconds.toFixed(4)),
  lines_per_second: Math.round(lines.length / seconds),
  calls_per_line: 1,
  decisions,
  repetitions: reps,
  seconds_all: runs.map((r) => Number(r.seconds.toFixed(4))),
  cedar: cedar.getCedarVersion(),
}));
