// The other engines stay out of the workspace's install: the root lockfile does not know them,
// peers/ pins and locks them, and the registry marks exactly their rows as peers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WORKLOADS } from '../src/registry.js';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');
const PEER_PACKAGES = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@jax-js/jax', 'js-pytorch'];

describe('the peer engines', () => {
  it('are not in the workspace lockfile, nor in this package', () => {
    const rootLock = read('../../../pnpm-lock.yaml');
    for (const name of PEER_PACKAGES) expect(rootLock, name).not.toContain(`${name}@`);
    const manifest = JSON.parse(read('../package.json')) as { devDependencies: Record<string, string> };
    for (const name of PEER_PACKAGES) expect(manifest.devDependencies[name], name).toBeUndefined();
  });

  it('are pinned and locked in peers/, a pnpm root of its own', () => {
    const manifest = JSON.parse(read('../peers/package.json')) as { devDependencies: Record<string, string> };
    const lock = read('../peers/pnpm-lock.yaml');
    for (const name of PEER_PACKAGES) {
      expect(manifest.devDependencies[name], name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(lock, name).toContain(`${name}@${manifest.devDependencies[name]}`);
    }
    expect(read('../peers/pnpm-workspace.yaml')).toContain('gl: false');
  });

  it('are exactly the registry rows marked peer', () => {
    const rows = WORKLOADS.flatMap((w) => w.entries);
    expect(rows.filter((e) => e.peer === true).map((e) => e.engine).sort()).toEqual(
      rows.filter((e) => !e.engine.startsWith('chainrule')).map((e) => e.engine).sort(),
    );
    expect(rows.filter((e) => e.peer === true).length).toBeGreaterThanOrEqual(11);
  });
});
