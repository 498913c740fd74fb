// Writing --svg / --html all-or-nothing (framework/output-files.ts), on a real folder and on a fake
// file system whose disk fills up or whose rename fails.
import * as nodeFs from 'node:fs';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/framework/errors.js';
import { checkDistinct, checkOutputPath, writeAllOrNothing, type OutputFs } from '../src/framework/output-files.js';

const dir = mkdtempSync(join(tmpdir(), 'chainrule-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function usage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('no UsageError');
}

const files = (names: string[]) => names.map((name, i) => ({ flag: i === 0 ? '--svg' : '--html', path: name, target: join(dir, name), content: `new ${name}` }));

describe('writeAllOrNothing', () => {
  it('replaces every file, keeps a replaced file’s permissions and a symlink a link, leaves no temporary file', () => {
    writeFileSync(join(dir, 'a.svg'), 'old a');
    chmodSync(join(dir, 'a.svg'), 0o640);
    writeFileSync(join(dir, 'real.html'), 'old page');
    symlinkSync(join(dir, 'real.html'), join(dir, 'link.html'));
    const link = checkOutputPath('--html', join(dir, 'link.html'));
    expect(link.target).toBe(join(dir, 'real.html'));
    writeAllOrNothing([{ ...files(['a.svg'])[0] }, { flag: '--html', path: 'link.html', target: link.target, content: 'new page' }]);
    expect(readFileSync(join(dir, 'a.svg'), 'utf8')).toBe('new a.svg');
    expect(statSync(join(dir, 'a.svg')).mode & 0o777).toBe(0o640);
    expect(lstatSync(join(dir, 'link.html')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'link.html'), 'utf8')).toBe('new page');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('on a disk that fills up at the second file: no file changed, no temporary file left', () => {
    writeFileSync(join(dir, 'b.svg'), 'old b');
    writeFileSync(join(dir, 'b.html'), 'old b page');
    let writes = 0;
    const fullAfterOne: OutputFs = {
      ...nodeFs,
      writeSync: ((...args: Parameters<typeof nodeFs.writeSync>) => {
        if (++writes > 1) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        return (nodeFs.writeSync as (...a: unknown[]) => number)(...args);
      }) as OutputFs['writeSync'],
    };
    const message = usage(() => writeAllOrNothing(files(['b.svg', 'b.html']), fullAfterOne));
    expect(message).toBe('--html: cannot write b.html: no space left on the disk (ENOSPC); no file was changed');
    expect(readFileSync(join(dir, 'b.svg'), 'utf8')).toBe('old b');
    expect(readFileSync(join(dir, 'b.html'), 'utf8')).toBe('old b page');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('when a rename fails, the temporary files still waiting are removed and the message says what was written', () => {
    writeFileSync(join(dir, 'c.svg'), 'old c');
    const noRename: OutputFs = {
      ...nodeFs,
      renameSync: () => {
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      },
    };
    expect(usage(() => writeAllOrNothing(files(['c.svg', 'c.html']), noRename))).toBe(
      '--svg: cannot replace c.svg: permission denied (EACCES); no file was changed',
    );
    expect(readFileSync(join(dir, 'c.svg'), 'utf8')).toBe('old c');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('checkOutputPath and checkDistinct, before the run', () => {
  it('refuses a folder, a missing folder, a path under a file, and an unwritable place', () => {
    expect(usage(() => checkOutputPath('--svg', dir))).toMatch(/is a folder; give a file name$/);
    expect(usage(() => checkOutputPath('--svg', join(dir, 'nope', 'x.svg')))).toMatch(/the folder .*nope does not exist$/);
    writeFileSync(join(dir, 'plain'), '');
    expect(usage(() => checkOutputPath('--svg', join(dir, 'plain', 'x.svg')))).toMatch(/plain is not a folder$/);
    expect(usage(() => checkOutputPath('--html', '/proc/x.html'))).toMatch(/^--html: cannot write \/proc\/x\.html: /);
    expect(usage(() => checkOutputPath('--html', '/dev/null'))).toMatch(/is not a regular file/);
  });

  it('leaves nothing behind from its probe, and finds two names for one file', () => {
    const before = readdirSync(dir).length;
    const a = checkOutputPath('--svg', join(dir, 'same.svg'));
    const b = checkOutputPath('--html', join(dir, '.', 'sub', '..', 'same.svg').replace('sub/../', ''));
    expect(readdirSync(dir).length).toBe(before);
    expect(usage(() => checkDistinct([a, b], []))).toMatch(/name the same file/);
    expect(usage(() => checkDistinct([a], [{ flag: '--model', path: join(dir, 'same.svg') }]))).toMatch(/is the --model file/);
  });
});
