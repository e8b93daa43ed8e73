/**
 * A project export (`format: "parallax.project"`, as lib/exports/project-json
 * writes it) made up for import tests and `npm run bench`: `articles`
 * articles of `perArticle` sentences, each sentence's quote annotated and
 * tagged, every other one linked to one of `events` events. Texts hold
 * non-BMP characters, so offsets in UTF-16 code units matter.
 */
export function syntheticProjectFile({
  articles,
  perArticle,
  events,
}: {
  articles: number;
  perArticle: number;
  events: number;
}) {
  const sentence = (index: number) => `Officials said 😀 dam ${index} held. `;
  const quoteOffset = "Officials said 😀 ".length;
  const annotations: unknown[] = [];
  const articleItems = Array.from({ length: articles }, (_, articleIndex) => {
    const id = `a${articleIndex}`;
    let text = "";
    for (let index = 0; index < perArticle; index++) {
      const start = text.length + quoteOffset;
      const exact = `dam ${index} held`;
      text += sentence(index);
      annotations.push({
        articleId: id,
        start,
        end: start + exact.length,
        exact,
        status: "DRAFT",
        createdAt: "2021-08-20T10:00:00Z",
        updatedAt: "2021-08-20T10:00:00Z",
        tags: [index % 3 === 0 ? "statistic" : "factual claim"],
        links: index % 2 === 0 ? [{ eventId: `e${index % events}`, stance: "ASSERTS" }] : [],
      });
    }
    return {
      id,
      title: `Report ${articleIndex + 1}`,
      text: text.trimEnd(),
      source: `Outlet ${(articleIndex % 5) + 1}`,
      publishedAt: "2021-08-20",
    };
  });
  return {
    format: "parallax.project",
    version: 1,
    codebook: [],
    articles: articleItems,
    events: Array.from({ length: events }, (_, index) => ({
      id: `e${index}`,
      title: `Dam event ${index + 1}`,
      date: "2021-08-19",
    })),
    annotations,
  };
}
