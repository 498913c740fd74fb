/// <reference lib="dom" />
// The --html pages as a person sees them: opened in Debian's Chromium (headless, through
// puppeteer-core). Fails on any console error, and on any series of a chart whose markers are all
// hidden (under another series' marker or outside the picture), checked with elementFromPoint at
// each marker's centre. .ci/run installs Chromium when it is missing; the test is skipped, saying
// why, only when there is no Chromium at all.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../src/commands/index.js';
import { main } from '../../src/framework/main.js';
import { fakeIo } from '../helpers.js';

const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path): path is string => path !== undefined && path !== '' && existsSync(path),
);
const why = 'no Chromium (set CHROMIUM_PATH, or `apt-get install chromium` as .ci/run does)';
if (chromium === undefined) console.warn(`html-pages.test.ts: SKIPPED, ${why}`);

/** Each page: a command at a size that keeps the suite quick but draws every kind of chart. */
const pages: Record<string, string[]> = {
  tour: ['tour', '--steps', '60'],
  vanish: ['vanish', '--steps', '80', '--hidden', '12'],
  lstm: ['lstm', '--steps', '80', '--hidden', '12'],
  train: ['train', '--seq-len', '10', '--iterations', '40', '--hidden', '8', '--batch', '16', '--eval-size', '64'],
  copy: ['train', '--task', 'copy', '--iterations', '40', '--hidden', '8', '--batch', '16', '--eval-size', '64'],
  linear: ['linear', '--steps', '60', '--hidden', '8'],
  long: ['long', '--steps', '200', '--hidden', '16'],
  explode: ['explode', '--steps', '20', '--resolution', '21'],
  graph: ['graph', '--cell', 'lstm', '--steps', '3'],
};

interface SeriesMarks {
  readonly chart: string;
  readonly series: string;
  readonly markers: number;
  readonly visible: number;
}

describe.skipIf(chromium === undefined)(`the --html pages in Chromium${chromium === undefined ? ` (skipped: ${why})` : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'chainrule-browser-'));
  let browser: Browser;

  beforeAll(async () => {
    for (const [name, args] of Object.entries(pages)) {
      const io = fakeIo();
      const code = await main([...args, '--html', join(dir, `${name}.html`)], io, registry);
      if (code !== 0) throw new Error(`${args.join(' ')}: ${io.err()}`);
    }
    browser = await launch({
      executablePath: chromium,
      headless: true,
      userDataDir: mkdtempSync(join(tmpdir(), 'chainrule-chromium-')),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(Object.keys(pages))('%s: no console error, every series of every chart has visible marks', async (name) => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(join(dir, `${name}.html`)).href, { waitUntil: 'load' });

    const marks: SeriesMarks[] = await page.evaluate(() => {
      const out: { chart: string; series: string; markers: number; visible: number }[] = [];
      for (const svg of Array.from(document.querySelectorAll('figure > svg'))) {
        const chart = svg.getAttribute('aria-label') ?? '';
        for (const group of Array.from(svg.querySelectorAll('g.markers'))) {
          const shapes = Array.from(group.children).filter((c) => c.tagName !== 'title');
          let visible = 0;
          for (const shape of shapes) {
            shape.scrollIntoView({ block: 'center', inline: 'center' });
            const box = shape.getBoundingClientRect();
            const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            if (top !== null && group.contains(top)) visible += 1;
          }
          out.push({ chart, series: group.getAttribute('data-name') ?? '', markers: shapes.length, visible });
        }
      }
      return out;
    });
    const legends: number = await page.evaluate(
      // The series' names; the notes under them (class kind-note) say what the bands and shading are.
      () => document.querySelectorAll('figure > svg g.legend text:not(.kind-note)').length,
    );
    await page.close();

    expect(errors).toEqual([]);
    if (name === 'graph') {
      expect(readFileSync(join(dir, 'graph.html'), 'utf8')).toMatch(/<g id="node\d+" class="node">/);
      return;
    }
    if (name === 'explode') {
      expect(readFileSync(join(dir, 'explode.html'), 'utf8')).toContain('<svg');
      return; // a heatmap: no series
    }
    expect(marks.length).toBeGreaterThan(0);
    // Every series listed in a legend has a marker layer, and some of its markers are on top.
    expect(marks).toHaveLength(legends);
    for (const m of marks) expect(m.visible, `${m.chart}: ${m.series} (${m.visible} of ${m.markers} markers visible)`).toBeGreaterThan(0);
  });
});
