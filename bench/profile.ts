// Summarizes a V8 .cpuprofile: where the server's CPU time went during a measured window.
// Time spent in V8 builtins and Node's internals is charged to the nearest caller in a package
// (node_modules/<name>) or a project file (src/…), so "init (native)" under jsonwebtoken's
// verify counts for jsonwebtoken; garbage collection stays on its own line. The probe's own
// work (stopping the profiler) is left out.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  scenario: string;
  file: string;
  /** Sampled time that was not idle, in ms. */
  busyMs: number;
  /** Share of the busy time: the largest groups first. */
  groups: { name: string; percent: number }[];
  functions: { name: string; percent: number }[];
}

/** The package or project file a script URL belongs to; null for Node's internals and builtins. */
function ownerOf(url: string): string | null {
  if (!url || url.startsWith('node:')) return null;
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1]!;
  const projectMatch = /\/((?:src|bench|migrations|seeds)\/.*)$/.exec(url.replace(/^file:\/\//, ''));
  return projectMatch ? projectMatch[1]!.replace(/^dist\//, '') : url;
}

export function summarizeProfile(scenario: string, file: string, top = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  /** The nearest frame (itself included) that belongs to a package or project file. */
  const ownerCache = new Map<number, { owner: string; frame: ProfileNode } | null>();
  const ownerFrame = (id: number): { owner: string; frame: ProfileNode } | null => {
    if (ownerCache.has(id)) return ownerCache.get(id)!;
    const node = byId.get(id)!;
    const owner = ownerOf(node.callFrame.url);
    const parent = parentOf.get(id);
    const found = owner !== null ? { owner, frame: node } : parent === undefined ? null : ownerFrame(parent);
    ownerCache.set(id, found);
    return found;
  };

  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const micros = profile.timeDeltas[index] ?? 0;
    if (!node || node.callFrame.functionName === '(idle)') return;
    const owner = ownerFrame(id);
    if (owner?.owner.startsWith('bench/')) return; // the probe stopping the profiler
    busy += micros;
    const special = node.callFrame.url === '' && node.callFrame.functionName.startsWith('(');
    const group = special ? node.callFrame.functionName : (owner?.owner ?? 'node internals');
    groups.set(group, (groups.get(group) ?? 0) + micros);
    const self = `${node.callFrame.functionName || '(anonymous)'}`;
    const where = owner ? `${owner.owner}:${owner.frame.callFrame.lineNumber + 1}` : 'node';
    const name = special ? self : owner && owner.frame !== node ? `${self} ← ${owner.frame.callFrame.functionName || '(anonymous)'} ${where}` : `${self} ${where}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
  });
  const ranked = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({ name, percent: (100 * micros) / Math.max(1, busy) }));
  return { scenario, file, busyMs: busy / 1000, groups: ranked(groups), functions: ranked(functions) };
}
