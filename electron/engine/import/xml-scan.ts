// A small streaming XML scanner for the hot parts of an import: a worksheet's <sheetData> and
// the shared strings. saxes (a full, validating SAX parser) stays for the workbook's small parts.
//
// It works on the inflated bytes as they come: names, attribute values and text are only made
// into strings when the reader asks for them (`keepText`, `XmlAttrs.get`), so the markup of a
// sheet — most of its bytes — is never decoded, and byte loops stand in for Buffer#indexOf (the
// distances between tags are shorter than a native call costs). On the 300k-row × 13-column
// benchmark sheet (160 MB of XML, the same inflated chunks, one process, loaded machine): the
// scanner over decoded text it replaced 3.3–3.6 CPU s, this one 1.6–2.0 (test/bench/RESULTS.md).
//
// It reads element and attribute names, attribute values, text, CDATA, comments and processing
// instructions, decodes the five XML entities and character references, and checks that every
// end tag closes the element it should. It never expands a DOCTYPE (it refuses one): OOXML has
// none, and entity declarations are how XML bombs work.

/** The attributes of the element being opened; valid only during `open`. */
export interface XmlAttrs {
  get(name: string): string | undefined;
  /**
   * A cell reference's column read from the bytes ("AB12" → 27, 0-based), -1 when the attribute
   * is missing or has no letters: a sheet has a reference on every cell, so no string is made.
   */
  column(name: string): number;
  /** A whole number of up to 9 digits read from the bytes; otherwise Number() of the value (NaN when absent). */
  int(name: string): number;
  /** Every attribute, in order (tests and diagnostics). */
  entries(): Array<[string, string]>;
}

export interface XmlHandler {
  open(name: string, attrs: XmlAttrs, selfClosing: boolean): void;
  close(name: string): void;
  /** Text and CDATA inside elements, while the scanner's `keepText` is true; it may come in pieces. */
  text(text: string): void;
}

export class XmlError extends Error {}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(ENTITY, (_m, e: string) => {
    if (e.charCodeAt(0) === 35) {
      const code = e.charCodeAt(1) === 120 ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      if (!Number.isFinite(code) || code < 0 || code > 0x10ffff) throw new XmlError(`bad character reference &${e};`);
      return String.fromCodePoint(code);
    }
    const named = Object.prototype.hasOwnProperty.call(NAMED, e) ? NAMED[e] : undefined;
    if (named === undefined) throw new XmlError(`unknown entity &${e};`);
    return named;
  });
}

const utf8 = new TextDecoder('utf-8');

/**
 * Bytes [from, to) as a string: ASCII without '&' (nearly every cell) straight from the bytes;
 * otherwise UTF-8 (bad bytes become U+FFFD, as the text decoder did) and then entities.
 */
function decodeBytes(buf: Buffer, from: number, to: number, entities: boolean): string {
  let plain = true;
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    if (c >= 0x80 || c === 38) {
      plain = false;
      break;
    }
  }
  if (plain) return to - from <= 12 ? shortAscii(buf, from, to - from) : buf.toString('latin1', from, to);
  const s = utf8.decode(buf.subarray(from, to));
  return entities && s.indexOf('&') >= 0 ? decodeEntities(s) : s;
}

/**
 * Up to 12 ASCII bytes as one string made at once: cheaper than a native slice for so few, and
 * than adding one character at a time (a new string for each, a fifth of the scan's time).
 */
function shortAscii(b: Buffer, i: number, n: number): string {
  const c = String.fromCharCode;
  switch (n) {
    case 0: return '';
    case 1: return c(b[i]!);
    case 2: return c(b[i]!, b[i + 1]!);
    case 3: return c(b[i]!, b[i + 1]!, b[i + 2]!);
    case 4: return c(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!);
    case 5: return c(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!);
    case 6: return c(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!);
    case 7: return c(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!, b[i + 6]!);
    case 8: return c(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
    case 9: return c(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!, b[i + 8]!);
    case 10: return c(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!, b[i + 8]!, b[i + 9]!);
    case 11: return c(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!, b[i + 8]!, b[i + 9]!, b[i + 10]!);
    default: return c(b[i]!, b[i + 1]!, b[i + 2]!, b[i + 3]!, b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!, b[i + 8]!, b[i + 9]!, b[i + 10]!, b[i + 11]!);
  }
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** The worksheet's commonest names as shared constants rather than a new string per tag. */
function nameString(buf: Buffer, from: number, to: number): string {
  const a = buf[from];
  const len = to - from;
  if (len === 1) {
    if (a === 99) return 'c';
    if (a === 118) return 'v';
    if (a === 102) return 'f';
    if (a === 116) return 't';
    if (a === 114) return 'r';
  } else if (len === 3 && a === 114 && buf[from + 1] === 111 && buf[from + 2] === 119) return 'row';
  else if (len === 2 && a === 105 && buf[from + 1] === 115) return 'is';
  else if (len === 2 && a === 115 && buf[from + 1] === 105) return 'si';
  return decodeBytes(buf, from, to, false);
}

/** Local part of a (possibly prefixed) name: "x:row" → "row". */
const local = (name: string): string => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** Whether bytes [from, to) spell `name` (ASCII names compare in place; others decoded). */
function sameName(buf: Buffer, from: number, to: number, name: string): boolean {
  if (to - from === name.length) {
    let i = 0;
    while (i < name.length && buf[from + i] === name.charCodeAt(i)) i++;
    if (i === name.length) return true;
  }
  return utf8.decode(buf.subarray(from, to)).trim() === name;
}

const EMPTY = Buffer.alloc(0);
const MAX_CARRY = 16 * 1024 ** 2;
const CDATA = Buffer.from('<![CDATA[');

class Attrs implements XmlAttrs {
  buf: Buffer = EMPTY;
  count = 0;
  /** Per attribute: name start, name end, value start, value end. */
  at = new Int32Array(32);

  add(nameFrom: number, nameTo: number, valueFrom: number, valueTo: number): void {
    const k = this.count * 4;
    if (k + 4 > this.at.length) {
      const grown = new Int32Array(this.at.length * 2);
      grown.set(this.at);
      this.at = grown;
    }
    this.at[k] = nameFrom;
    this.at[k + 1] = nameTo;
    this.at[k + 2] = valueFrom;
    this.at[k + 3] = valueTo;
    this.count++;
  }

  /** Offset in `at` of the attribute called `name`, or -1. */
  private find(name: string): number {
    const { buf, at } = this;
    for (let k = 0; k < this.count * 4; k += 4) {
      const from = at[k]!;
      if (at[k + 1]! - from !== name.length) continue;
      let i = 0;
      while (i < name.length && buf[from + i] === name.charCodeAt(i)) i++;
      if (i === name.length) return k;
    }
    return -1;
  }

  get(name: string): string | undefined {
    const k = this.find(name);
    return k < 0 ? undefined : decodeBytes(this.buf, this.at[k + 2]!, this.at[k + 3]!, true);
  }

  column(name: string): number {
    const k = this.find(name);
    if (k < 0) return -1;
    const { buf } = this;
    const to = this.at[k + 3]!;
    let col = 0;
    let i = this.at[k + 2]!;
    const from = i;
    for (; i < to; i++) {
      const c = buf[i]!;
      if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
      else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
      else break;
    }
    return i === from ? -1 : col - 1;
  }

  int(name: string): number {
    const k = this.find(name);
    if (k < 0) return NaN;
    const from = this.at[k + 2]!;
    const to = this.at[k + 3]!;
    if (to > from && to - from <= 9) {
      let v = 0;
      let i = from;
      for (; i < to; i++) {
        const c = this.buf[i]!;
        if (c < 48 || c > 57) break;
        v = v * 10 + (c - 48);
      }
      if (i === to) return v;
    }
    return Number(decodeBytes(this.buf, from, to, true));
  }

  entries(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (let a = 0; a < this.count; a++) {
      const k = a * 4;
      out.push([decodeBytes(this.buf, this.at[k]!, this.at[k + 1]!, false), decodeBytes(this.buf, this.at[k + 2]!, this.at[k + 3]!, true)]);
    }
    return out;
  }
}

export class XmlScanner {
  /** Unscanned bytes carried from the last chunk (a tag, comment or text cut by the chunk's end). */
  private carry: Buffer = EMPTY;
  private readonly stack: string[] = [];
  private readonly attrs = new Attrs();
  /** Text is decoded and handed on only while this is true; the reader turns it on for the elements it reads. */
  keepText = true;

  constructor(private readonly handler: XmlHandler) {}

  /** Elements still open (for "cut short" checks). */
  get depth(): number {
    return this.stack.length;
  }

  write(chunk: Uint8Array): void {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.scan(this.carry.length ? Buffer.concat([this.carry, bytes]) : bytes, false);
  }

  end(): void {
    this.scan(this.carry, true);
    for (const c of this.carry) if (!isSpace(c)) throw new XmlError('the XML ends in the middle of a tag');
    if (this.stack.length) throw new XmlError(`the XML ends inside <${this.stack[this.stack.length - 1] ?? ''}>`);
  }

  private emitText(buf: Buffer, from: number, to: number): void {
    if (to > from && this.keepText && this.stack.length) this.handler.text(decodeBytes(buf, from, to, true));
  }

  /** Where text that runs to the chunk's end can be cut: not inside an entity or a UTF-8 character. */
  private static textCut(buf: Buffer, from: number, n: number): number {
    let cut = n;
    const amp = buf.lastIndexOf(38, n - 1);
    if (amp >= from && buf.indexOf(59, amp) < 0) cut = amp;
    let lead = cut - 1;
    while (lead >= from && lead > cut - 4 && (buf[lead]! & 0xc0) === 0x80) lead--;
    if (lead >= from) {
      const b = buf[lead]!;
      const len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (lead + len > cut) cut = lead;
    }
    return cut;
  }

  private scan(buf: Buffer, final: boolean): void {
    const n = buf.length;
    const h = this.handler;
    const attrs = this.attrs;
    attrs.buf = buf;
    let pos = 0;
    while (pos < n) {
      // Byte loops rather than Buffer#indexOf: the distances are a few bytes, shorter than a native call costs.
      let lt = pos;
      while (lt < n && buf[lt] !== 60 /* < */) lt++;
      if (lt >= n) {
        // Text to the chunk's end: what is wanted goes now up to a safe cut, the rest with the next chunk.
        const cut = final ? n : this.keepText ? XmlScanner.textCut(buf, pos, n) : n;
        this.emitText(buf, pos, cut);
        pos = cut;
        break;
      }
      if (lt > pos) this.emitText(buf, pos, lt);
      pos = lt;
      if (lt + 1 >= n) break;
      const c1 = buf[lt + 1];
      if (c1 === 63 /* ? */) {
        const end = buf.indexOf('?>', lt + 2, 'latin1');
        if (end < 0) break;
        pos = end + 2;
        continue;
      }
      if (c1 === 33 /* ! */) {
        if (n - lt < 9 && !final) break;
        if (buf[lt + 2] === 45 && buf[lt + 3] === 45) {
          const end = buf.indexOf('-->', lt + 4, 'latin1');
          if (end < 0) break;
          pos = end + 3;
          continue;
        }
        if (buf.subarray(lt, lt + 9).equals(CDATA)) {
          const end = buf.indexOf(']]>', lt + 9, 'latin1');
          if (end < 0) break;
          if (this.keepText && this.stack.length) h.text(utf8.decode(buf.subarray(lt + 9, end)));
          pos = end + 3;
          continue;
        }
        if (n - lt < 9) break;
        throw new XmlError('a DOCTYPE or other declaration, which a workbook never has');
      }
      if (c1 === 47 /* / */) {
        let gt = lt + 2;
        while (gt < n && buf[gt] !== 62 /* > */) gt++;
        if (gt >= n) break;
        const open = this.stack.pop();
        if (open === undefined || !sameName(buf, lt + 2, gt, open)) {
          const name = utf8.decode(buf.subarray(lt + 2, gt)).trim();
          throw new XmlError(open === undefined ? `</${name}> closes nothing` : `</${name}> where </${open}> was expected`);
        }
        h.close(local(open));
        pos = gt + 1;
        continue;
      }
      // A start tag: its name, then each attribute (a '>' may sit inside a quoted value).
      let j = lt + 1;
      while (j < n) {
        const c = buf[j]!;
        if (isSpace(c) || c === 62 || c === 47) break;
        j++;
      }
      if (j >= n) break;
      const nameTo = j;
      if (nameTo === lt + 1) throw new XmlError('an element with no name');
      const name = nameString(buf, lt + 1, nameTo);
      attrs.count = 0;
      let end = -1;
      let selfClosing = false;
      while (j < n) {
        let c = buf[j]!;
        while (isSpace(c) && ++j < n) c = buf[j]!;
        if (j >= n) break;
        if (c === 62) {
          end = j;
          break;
        }
        if (c === 47) {
          if (j + 1 >= n) break;
          if (buf[j + 1] !== 62) throw new XmlError(`a bad attribute in <${name}>`);
          selfClosing = true;
          end = j + 1;
          break;
        }
        let k = j;
        while (k < n) {
          const a = buf[k]!;
          if (a === 61 || isSpace(a) || a === 62 || a === 47 || a === 60 || a === 34 || a === 39) break;
          k++;
        }
        const attrTo = k;
        while (k < n && isSpace(buf[k]!)) k++;
        if (k >= n) break;
        if (buf[k] !== 61 || attrTo === j) throw new XmlError(`a bad attribute in <${name}>`);
        k++;
        while (k < n && isSpace(buf[k]!)) k++;
        if (k >= n) break;
        const q = buf[k]!;
        if (q !== 34 && q !== 39) throw new XmlError(`an unquoted attribute in <${name}>`);
        let close = k + 1;
        while (close < n && buf[close] !== q) close++;
        if (close >= n) break;
        attrs.add(j, attrTo, k + 1, close);
        j = close + 1;
      }
      if (end < 0) break;
      const ln = local(name);
      if (selfClosing) {
        h.open(ln, attrs, true);
        h.close(ln);
      } else {
        this.stack.push(name);
        h.open(ln, attrs, false);
      }
      pos = end + 1;
    }
    // A copy: the chunk's memory may be reused by whoever inflated it.
    this.carry = pos >= n ? EMPTY : Buffer.from(buf.subarray(pos));
    // Only a tag, comment, CDATA section or instruction is carried (text goes on in pieces): one
    // this long is not a spreadsheet's, and carrying it on would copy it again for every chunk.
    if (this.carry.length > MAX_CARRY) throw new XmlError('a tag, comment or CDATA section longer than 16 MB');
  }
}
