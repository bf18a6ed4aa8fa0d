import * as assert from 'node:assert/strict';
import { decodeUtf8, LineIndex, looksBinary, stripBom } from '../../src/core/text';

const bytes = (...b: number[]) => new Uint8Array(b);
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('text: decodeUtf8', () => {
  it('decodes valid UTF-8 without a BOM', () => {
    assert.deepEqual(decodeUtf8(utf8('Grüße, 会议 👋')), { text: 'Grüße, 会议 👋', hasBom: false, invalidUtf8: false });
  });

  it('strips a UTF-8 byte order mark and says so', () => {
    const decoded = decodeUtf8(bytes(0xef, 0xbb, 0xbf, ...utf8('# Title')));
    assert.equal(decoded.text, '# Title');
    assert.equal(decoded.text.charCodeAt(0), 0x23);
    assert.equal(decoded.hasBom, true);
    assert.equal(decoded.invalidUtf8, false);
  });

  it('strips only one BOM (a second U+FEFF is content)', () => {
    const decoded = decodeUtf8(bytes(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61));
    assert.equal(decoded.text, '\ufeffa');
    assert.equal(decoded.hasBom, true);
  });

  it('flags invalid UTF-8 and replaces the bad bytes with U+FFFD', () => {
    const decoded = decodeUtf8(bytes(0x61, 0xff, 0x62, 0xc3)); // stray 0xFF, truncated sequence at the end
    assert.equal(decoded.invalidUtf8, true);
    assert.equal(decoded.hasBom, false);
    assert.equal(decoded.text, 'a\ufffdb\ufffd');
  });

  it('flags Latin-1 text (a common way minutes arrive broken)', () => {
    const decoded = decodeUtf8(bytes(0x47, 0x72, 0xfc, 0xdf, 0x65)); // "Grüße" in ISO-8859-1
    assert.equal(decoded.invalidUtf8, true);
    assert.equal(decoded.text, 'Gr\ufffd\ufffde');
  });

  it('flags invalid bytes after a BOM, still removing the BOM', () => {
    const decoded = decodeUtf8(bytes(0xef, 0xbb, 0xbf, 0x78, 0x80));
    assert.deepEqual(decoded, { text: 'x\ufffd', hasBom: true, invalidUtf8: true });
  });

  it('treats a truncated BOM as invalid text, not as a BOM', () => {
    const decoded = decodeUtf8(bytes(0xef, 0xbb));
    assert.equal(decoded.hasBom, false);
    assert.equal(decoded.invalidUtf8, true);
  });

  it('decodes empty input', () => {
    assert.deepEqual(decodeUtf8(new Uint8Array(0)), { text: '', hasBom: false, invalidUtf8: false });
  });
});

describe('text: stripBom and looksBinary', () => {
  it('stripBom removes one leading U+FEFF only', () => {
    assert.equal(stripBom('\ufeffabc'), 'abc');
    assert.equal(stripBom('abc'), 'abc');
    assert.equal(stripBom('a\ufeffb'), 'a\ufeffb');
  });

  it('looksBinary is true for NUL bytes and false for text', () => {
    assert.equal(looksBinary(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d)), true);
    assert.equal(looksBinary(utf8('# Minutes\n\n- item\n')), false);
    assert.equal(looksBinary(new Uint8Array(0)), false);
  });
});

describe('text: LineIndex', () => {
  it('splits LF text into lines', () => {
    const li = new LineIndex('ab\ncd\n\nef');
    assert.deepEqual(li.lineStarts, [0, 3, 6, 7]);
    assert.equal(li.lineCount, 4);
    assert.deepEqual([0, 1, 2, 3].map((l) => li.lineText(l)), ['ab', 'cd', '', 'ef']);
  });

  it('treats CR LF as one line break', () => {
    const li = new LineIndex('ab\r\ncd\r\n');
    assert.deepEqual(li.lineStarts, [0, 4, 8]);
    assert.equal(li.lineText(0), 'ab');
    assert.equal(li.lineText(1), 'cd');
    assert.equal(li.lineEnd(0), 2);
    assert.deepEqual(li.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(li.positionAt(6), { line: 1, character: 2 });
    assert.equal(li.offsetAt({ line: 1, character: 1 }), 5);
  });

  it('treats a lone CR as a line break (old Mac files)', () => {
    const li = new LineIndex('ab\rcd\re');
    assert.deepEqual(li.lineStarts, [0, 3, 6]);
    assert.deepEqual([0, 1, 2].map((l) => li.lineText(l)), ['ab', 'cd', 'e']);
    assert.deepEqual(li.positionAt(7), { line: 2, character: 1 });
  });

  it('handles mixed line endings, including LF CR (two breaks) and CR CR LF', () => {
    const text = 'a\r\nb\nc\rd\n\re\r\r\nf';
    const li = new LineIndex(text);
    assert.deepEqual([...Array(li.lineCount).keys()].map((l) => li.lineText(l)), ['a', 'b', 'c', 'd', '', 'e', '', 'f']);
    assert.deepEqual(li.positionAt(text.indexOf('f')), { line: 7, character: 0 });
    assert.deepEqual(li.positionAt(text.indexOf('d')), { line: 3, character: 0 });
  });

  it('counts characters in UTF-16 code units', () => {
    const li = new LineIndex('👋 x\nü y');
    assert.deepEqual(li.positionAt(3), { line: 0, character: 3 }); // 'x' after a surrogate pair and a space
    assert.deepEqual(li.positionAt(li.text.indexOf('y')), { line: 1, character: 2 });
  });

  it('round-trips every offset that is not between the CR and LF of a pair', () => {
    for (const text of ['', 'x', 'a\nbb\n', 'a\r\nbb\r\n', 'a\rbb\r', 'a\r\nb\nc\rd\n\re\r\r\nf', '\n\n\r\r\n', '👋\r\nü\rß']) {
      const li = new LineIndex(text);
      for (let o = 0; o <= text.length; o++) {
        if (text[o - 1] === '\r' && text[o] === '\n') continue;
        const p = li.positionAt(o);
        assert.equal(li.offsetAt(p), o, `offset ${o} of ${JSON.stringify(text)} → ${JSON.stringify(p)}`);
      }
    }
  });

  it('round-trips every position inside each line', () => {
    const text = 'ab\r\n\ncd\refg\n';
    const li = new LineIndex(text);
    for (let line = 0; line < li.lineCount; line++) {
      for (let character = 0; character <= li.lineText(line).length; character++) {
        assert.deepEqual(li.positionAt(li.offsetAt({ line, character })), { line, character });
      }
    }
  });

  it('clamps offsets and positions out of range', () => {
    const li = new LineIndex('ab\r\ncd');
    assert.deepEqual(li.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(li.positionAt(99), { line: 1, character: 2 });
    assert.equal(li.offsetAt({ line: 0, character: 50 }), 2, 'a character past the end of a line stops before its line break');
    assert.equal(li.offsetAt({ line: 9, character: 0 }), 6);
  });

  it('range() maps both ends', () => {
    const li = new LineIndex('x\r\n[t](a.md)');
    assert.deepEqual(li.range(7, 11), { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } });
  });
});
