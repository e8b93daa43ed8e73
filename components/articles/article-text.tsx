import type { ReactNode } from "react";

/**
 * The article's canonical text, unmodified: each line a paragraph, blank lines
 * kept as empty paragraphs. `data-start` is the paragraph's offset in the text
 * (UTF-16 code units), the base for mapping DOM positions to text offsets.
 * React escapes the text, so HTML in it is shown, never run. `renderLine`
 * may cut a line into pieces (highlight marks) but must keep its text.
 */
export function ArticleText({
  text,
  renderLine,
}: {
  text: string;
  renderLine?: (line: string, start: number) => ReactNode;
}) {
  let offset = 0;
  const paragraphs = text.split("\n").map((line) => {
    const start = offset;
    offset += line.length + 1;
    return { start, line };
  });
  return (
    <div className="article-text font-serif text-[1.075rem] leading-relaxed text-stone-900" data-article-text>
      {paragraphs.map(({ start, line }) =>
        line === "" ? (
          <p key={start} data-start={start} className="h-2" />
        ) : (
          <p
            key={start}
            data-start={start}
            dir="auto"
            className="mb-3 whitespace-pre-wrap break-words [unicode-bidi:plaintext]"
          >
            {renderLine ? renderLine(line, start) : line}
          </p>
        ),
      )}
    </div>
  );
}
