// This package's part of `pnpm run docs` (see ../../typedoc.config.mjs): two entry points, and the
// types that are referenced but not exported yet, from ../../typedoc-allowlist.json.
import { readFileSync } from 'node:fs';

const allow = JSON.parse(readFileSync(new URL('../../typedoc-allowlist.json', import.meta.url), 'utf8'));

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  entryPoints: ['src/index.ts', 'src/fast/index.ts'],
  intentionallyNotExported: Object.entries(allow.notExported).flatMap(([file, names]) =>
    names.map((name) => `${file.replace('packages/autodiff/', '')}:${name}`),
  ),
};
