// The tests of this package share one module graph per worker (isolate: false): evaluating the
// engine's sources once instead of once per test file takes the suite from about 40 to about 12
// CPU-seconds. Safe because no test leaves global state changed: the ones that plug in the fast
// path switch it off again in a finally or afterEach, and every test that draws numbers seeds them.
import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

export default mergeConfig(shared, defineConfig({ test: { isolate: false } }));
