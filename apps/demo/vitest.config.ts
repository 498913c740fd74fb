// The demo's tests share one module graph per worker (isolate: false): they import the same engine,
// nn and renderers, and evaluating those once instead of once per test file takes the demo's suite
// from about 80 to about 30 CPU-seconds. Safe here: no demo test changes global state (none plugs
// in the engine's fast path or mocks a module). The packages keep vitest's isolation.
import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

export default mergeConfig(shared, defineConfig({ test: { isolate: false } }));
