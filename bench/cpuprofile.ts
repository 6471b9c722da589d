/**
 * Summarizes a V8 .cpuprofile (from `node --cpu-prof`, e.g. BENCH_CPU_PROF=1 npm run bench): the
 * functions with the most self time, and self time grouped by package or source directory.
 *
 * Usage: npx tsx bench/cpuprofile.ts <file.cpuprofile> [top=30]
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) {
  console.error('usage: cpuprofile.ts <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(process.argv[3] ?? 30);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

function group(url: string): string {
  if (url === '') return '(native/V8)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1] as string;
  if (url.startsWith('node:')) return url;
  const src = /\/(src|dist|bench)\/(.*)\/[^/]+$/.exec(url);
  if (src) return `${src[1]}/${src[2]}`;
  return url.replace(/^.*\//, '');
}

const fnSelf = new Map<string, number>();
const groupSelf = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'}  ${url.replace(/^.*\/(node_modules|src|dist)\//, '$1/')}:${lineNumber + 1}`;
  fnSelf.set(key, (fnSelf.get(key) ?? 0) + us);
  const g = group(url);
  groupSelf.set(g, (groupSelf.get(g) ?? 0) + us);
}

// Inclusive time: a node's self time plus its descendants', summed per function (outermost frame only).
const inclusive = new Map<string, number>();
const keyOf = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'}  ${url.replace(/^.*\/(node_modules|src|dist)\//, '$1/')}:${lineNumber + 1}`;
};
const root = profile.nodes[0];
function walk(node: ProfileNode, onStack: Set<string>): number {
  let sum = selfUs.get(node.id) ?? 0;
  const key = keyOf(node);
  const outermost = !onStack.has(key);
  if (outermost) onStack.add(key);
  for (const child of node.children ?? []) {
    const c = byId.get(child);
    if (c) sum += walk(c, onStack);
  }
  if (outermost) {
    onStack.delete(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + sum);
  }
  return sum;
}
if (root) walk(root, new Set());

const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled`);
console.log('\nself time by package / directory:');
for (const [g, us] of [...groupSelf].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${pct(us)}  ${g}`);
console.log(`\ntop ${top} functions by self time:`);
for (const [k, us] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${k}`);
const busy = total - [...fnSelf].filter(([k]) => k.startsWith('(idle)')).reduce((a, [, us]) => a + us, 0);
console.log(`\ntop ${top} functions by inclusive time (percent of non-idle time, ${(busy / 1e6).toFixed(2)} s):`);
const skip = /^\((root|program|idle)\)/;
for (const [k, us] of [...inclusive]
  .filter(([k]) => !skip.test(k))
  .sort((a, b) => b[1] - a[1])
  .slice(0, top)) {
  console.log(`  ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${k}`);
}
