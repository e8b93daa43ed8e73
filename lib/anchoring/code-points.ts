/**
 * Offsets in Unicode code points (the W3C Web Annotation model's
 * TextPositionSelector) ↔ UTF-16 code units (ours). Astral characters (most
 * emoji) are one code point and two code units; the converter finds how many
 * lie before an offset by binary search over their positions, so converting
 * thousands of offsets of a long text stays cheap.
 */
export interface CodePointConverter {
  toCodePoints(utf16Offset: number): number;
  /** Null when the offset is past the end of the text. */
  toUtf16(codePointOffset: number): number | null;
}

export function codePointConverter(text: string): CodePointConverter {
  // UTF-16 positions of the first halves of surrogate pairs, ascending.
  const pairs: number[] = [];
  for (let index = 0; index < text.length - 1; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs.push(index);
        index++;
      }
    }
  }
  const codePointLength = text.length - pairs.length;

  /** How many pairs start before `utf16Offset` (binary search). */
  const pairsBefore = (utf16Offset: number) => {
    let low = 0;
    let high = pairs.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (pairs[middle]! < utf16Offset) low = middle + 1;
      else high = middle;
    }
    return low;
  };

  return {
    toCodePoints: (utf16Offset) => utf16Offset - pairsBefore(utf16Offset),
    toUtf16: (codePointOffset) => {
      if (!Number.isInteger(codePointOffset) || codePointOffset < 0 || codePointOffset > codePointLength) return null;
      // The k-th pair (0-based) starts at code point pairs[k] - k; count those before the offset.
      let low = 0;
      let high = pairs.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (pairs[middle]! - middle < codePointOffset) low = middle + 1;
        else high = middle;
      }
      return codePointOffset + low;
    },
  };
}
