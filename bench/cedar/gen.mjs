// Writes N manifest lines (JSON lines) for bench.mjs, reproducibly:
//   node gen.mjs N [seed] [null_rate] > lines.jsonl
// Items are approximate public figures (TPP = 2 x MacTOPS x bit length, dense; applicable die
// area in mm2; HBM density in GB/s/mm2), plus a few synthetic parts on the thresholds. All values
// have at most 2 decimals (bench.mjs scales them x100 exactly). With null_rate > 0 (default 0),
// tpp, die_area_mm2, datacenter, memory_bandwidth_density and headquarters are each set to null
// with that probability, to exercise the unknown-data paths.

const N = Number(process.argv[2] ?? 100000);
const seed = Number(process.argv[3] ?? 20250601);
const nullRate = Number(process.argv[4] ?? 0);
if (!Number.isInteger(N) || N < 0) throw new Error('usage: node gen.mjs N [seed] [null_rate]');

// mulberry32: small, fast, seeded
let s = seed >>> 0;
function rand() {
  s = (s + 0x6d2b79f5) >>> 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function picker(entries) { // [[value, weight], ...] -> () => value
  const total = entries.reduce((a, [, w]) => a + w, 0);
  return () => {
    let r = rand() * total;
    for (const [v, w] of entries) if ((r -= w) < 0) return v;
    return entries[entries.length - 1][0];
  };
}

const ic = (tpp, area, dc) => ({ type: 'ic', tpp, die_area_mm2: area, datacenter: dc, memory_bandwidth_density: null });
const mem = (mbd) => ({ type: 'memory', tpp: null, die_area_mm2: null, datacenter: null, memory_bandwidth_density: mbd });

// [item, weight]; the comment is what chipgate classifies it as on 2025-06-01
const item = picker([
  // datacenter accelerators (30)
  [ic(15832, 814, true), 5],    // H100 / H200 / H800: 3A090.a
  [ic(4992, 826, true), 3],     // A100 / A800: 3A090.a.1
  [ic(2368, 814, true), 4],     // H20: pd 2.91, below .b
  [ic(5856, 609, true), 3],     // L40S: 3A090.a
  [ic(1912, 609, true), 2],     // L20: pd 3.14, below .b
  [ic(1936, 294, true), 2],     // L4: 3A090.a.2 (pd 6.59)
  [ic(2640, 826, true), 1.5],   // A30: 3A090.b.1 (pd 3.196)
  [ic(2000, 628, true), 1.5],   // A10: pd 3.18, below .b
  [ic(1040, 545, true), 1],     // T4: below
  [ic(36000, 1600, true), 2],   // B200: 3A090.a
  [ic(20915, 1017, true), 1.5], // MI300X: 3A090.a
  [ic(2896, 724, true), 1],     // MI210: 3A090.b (pd 4.0)
  [ic(6912, 850, true), 1],     // Gaudi 2: 3A090.a
  [ic(29360, 1200, true), 0.5], // Gaudi 3: 3A090.a
  // consumer and workstation GPUs, not datacenter (25)
  [ic(5285, 609, false), 5],    // RTX 4090: 3A090.a.1, NAC/ACA-eligible
  [ic(4708, 609, false), 3],    // RTX 4090 D: below
  [ic(6704, 750, false), 3],    // RTX 5090: 3A090.a.1
  [ic(5828, 609, false), 1],    // RTX 6000 Ada: 3A090.a.1
  [ic(3600, 378, false), 3],    // RTX 5080: not datacenter, below 4800
  [ic(3119, 379, false), 3],    // RTX 4080
  [ic(1866, 294, false), 3],    // RTX 4070
  [ic(968, 159, false), 2],     // RTX 4060
  [ic(1966, 529, false), 2],    // RX 7900 XTX
  // CPUs and SoCs with small TPP (25)
  [ic(1835, 1600, true), 4],    // Xeon 8480+ (AMX): pd 1.15
  [ic(614, 1261, true), 5],     // EPYC 9654
  [ic(80, 257, false), 6],      // desktop CPU
  [ic(40.5, 173, false), 5],    // laptop CPU
  [ic(300, 110, false), 4],     // phone SoC
  [ic(0.5, 12.25, false), 1],   // microcontroller
  // memory (18)
  [mem(2.78), 3],               // HBM2: 3A090.c, License Exception HBM (< 3.3)
  [mem(4.19), 3],               // HBM2E: 3A090.c
  [mem(7.45), 4],               // HBM3: 3A090.c
  [mem(10.91), 4],              // HBM3E: 3A090.c
  [mem(0.38), 2],               // GDDR6: below
  [mem(0.45), 2],               // LPDDR5X: below
  // synthetic parts on the thresholds (2)
  [ic(4800, 2000, false), 0.2], // 3A090.a.1 exactly (pd 2.4)
  [ic(1600, 270, true), 0.2],   // 3A090.a.2 (pd 5.926)
  [ic(1600, 271, true), 0.2],   // pd 5.904: 3A090.b.2
  [ic(2400, 1500, true), 0.2],  // pd 1.6 exactly: 3A090.b.1
  [ic(2399.99, 1000, true), 0.2], // below .b.1, pd < 3.2: below
  [ic(1600, 500, true), 0.2],   // pd 3.2 exactly: 3A090.b.2
  [ic(3000, 0, true), nullRate > 0 ? 0.2 : 0], // die area 0: pd undefined, like a null
  [mem(2.00), 0.2],             // not > 2: below
  [mem(3.30), 0.2],             // 3A090.c, not < 3.3: no License Exception HBM
]);

const destination = picker([
  ['US', 25], ['CN', 12], ['DE', 8], ['JP', 8], ['SG', 8], ['IN', 6], ['VN', 5], ['SA', 4],
  ['AE', 4], ['KR', 3], ['TW', 3], ['MY', 3], ['GB', 2], ['HK', 2], ['NL', 1.5], ['FR', 1],
  ['CA', 1], ['IL', 1], ['BR', 1], ['MX', 1], ['TH', 1], ['AU', 0.7], ['QA', 0.5], ['KZ', 0.5],
  ['MO', 0.3],
]);
// 80% of end users are headquartered where they are; the rest belong to a foreign group
const foreignHq = picker([['US', 50], ['CN', 25], ['JP', 5], ['DE', 5], ['KR', 5], ['TW', 5], ['SG', 3], ['HK', 2]]);

const maybeNull = (v) => (nullRate > 0 && rand() < nullRate ? null : v);
const out = [];
for (let i = 0; i < N; i++) {
  const it = item();
  const dest = destination();
  const hq = rand() < 0.8 ? dest : foreignHq();
  out.push(JSON.stringify({
    type: it.type,
    tpp: maybeNull(it.tpp),
    die_area_mm2: maybeNull(it.die_area_mm2),
    datacenter: maybeNull(it.datacenter),
    memory_bandwidth_density: maybeNull(it.memory_bandwidth_density),
    destination: dest,
    headquarters: maybeNull(hq),
  }));
  if (out.length === 10000) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; }
}
if (out.length) process.stdout.write(out.join('\n') + '\n');
