// `pnpm run docs`: the API reference of @chainrule/autodiff (with its /fast entry) and @chainrule/nn,
// from their TSDoc comments, into docs/api/ (not committed). Every exported symbol must be
// documented and every link must resolve: any warning fails the build.
// The only exceptions are listed, with the reason, in typedoc-allowlist.json.
import { readFileSync } from 'node:fs';

const allow = JSON.parse(readFileSync(new URL('./typedoc-allowlist.json', import.meta.url), 'utf8'));

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'chainrule',
  entryPointStrategy: 'packages',
  entryPoints: ['packages/autodiff', 'packages/nn'],
  packageOptions: { entryPoints: ['src/index.ts'], tsconfig: 'tsconfig.json', readme: 'none', disableSources: true },
  readme: 'none',
  out: 'docs/api',
  validation: { notExported: true, invalidLink: true, invalidPath: true, rewrittenLink: true, notDocumented: true, unusedMergeModuleWith: true },
  packagesRequiringDocumentation: ['@chainrule/autodiff', '@chainrule/nn'],
  intentionallyNotDocumented: Object.values(allow.notDocumented).flat(),
  // No source links: they need a public git remote, which a clone (or CI's) may not have.
  disableSources: true,
  treatWarningsAsErrors: true,
};
