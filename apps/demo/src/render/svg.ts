/** A few helpers for writing SVG by hand: escaping, elements, coordinates that are never NaN. */

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

export type Attrs = Readonly<Record<string, string | number | undefined>>;

/** A coordinate with 2 decimals. Throws on NaN/Infinity: a bug here must not reach the file. */
export function coord(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`SVG coordinate is ${value}`);
  return String(Math.round(value * 100) / 100);
}

function attrText(attrs: Attrs): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? coord(v) : escapeXml(v)}"`)
    .join('');
}

/** An element; children are already-serialised markup (use text() for text). */
export function el(name: string, attrs: Attrs, ...children: readonly string[]): string {
  return children.length === 0 ? `<${name}${attrText(attrs)}/>` : `<${name}${attrText(attrs)}>${children.join('')}</${name}>`;
}

export function text(content: string): string {
  return escapeXml(content);
}

/** "10" with the exponent k raised, as SVG text content; negative exponents use a real minus sign. */
export function powerOfTen(k: number): string {
  const exponent = k < 0 ? `\u2212${-k}` : String(k);
  return `10${el('tspan', { dy: -7, 'font-size': '0.75em' }, text(exponent))}`;
}

export const XML_PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Rough width of a label in px at the given font size (no font metrics in a pure function). */
export function textWidth(label: string, fontSize: number): number {
  return [...label].length * fontSize * 0.58;
}
