/**
 * The peer engines (TensorFlow.js, jax-js, js-pytorch) are a project of their own, in ../peers/,
 * with their own lockfile: the workspace's `pnpm install` never fetches them (about 280 MB that
 * a reader of chainrule does not need), and `pnpm bench` installs them on first use.
 *
 * Their files are imported by a computed path, so that this package type-checks and tests
 * without them; ../peers/ type-checks them on its own (`pnpm --dir apps/bench/peers typecheck`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Case } from './case.js';

/** apps/bench/peers/, where the peers are installed. */
export const PEERS_DIR = fileURLToPath(new URL('../peers/', import.meta.url));

/** Whether ../peers/ has been installed. */
export function peersInstalled(): boolean {
  return existsSync(join(PEERS_DIR, 'node_modules', '.modules.yaml'));
}

/** Installs ../peers/ from its lockfile (npm registry); pnpm's output goes to stderr. */
export function installPeers(log: (line: string) => void): void {
  log(`installing the peer engines into ${PEERS_DIR} (first run only)`);
  execFileSync('pnpm', ['install', '--frozen-lockfile'], { cwd: PEERS_DIR, stdio: ['ignore', 2, 2] });
}

/** A peer's setup function: the default export of one file of ../peers/src/. */
type PeerSetup = (...args: readonly string[]) => Promise<Case>;

/** Loads `../peers/src/<file>.ts` and builds its case with `args`. */
export async function loadPeer(file: string, ...args: readonly string[]): Promise<Case> {
  if (!peersInstalled()) throw new Error(`the peer engines are not installed: run pnpm bench (it installs them), or pnpm --dir ${PEERS_DIR} install`);
  const specifier = `../peers/src/${file}.js`;
  const module = (await import(specifier)) as { readonly default: PeerSetup };
  return module.default(...args);
}
