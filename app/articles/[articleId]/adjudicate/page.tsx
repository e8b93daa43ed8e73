import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { AdjudicationBoard } from "@/components/adjudication/adjudication-board";
import { PageTitle } from "@/components/ui/card";
import { adjudicate } from "@/lib/adjudication";
import { getArticle } from "@/lib/articles";
import { requireSignedIn } from "@/lib/auth/session";
import { forPage } from "@/lib/page-data";

/** The article once per request: the tab's title and the page both need it. */
const loadArticle = cache(async (articleId: string) => {
  const actor = await requireSignedIn(`/articles/${articleId}/adjudicate`);
  return { actor, article: await forPage(getArticle(actor, articleId)) };
});

export async function generateMetadata({ params }: PageProps<"/articles/[articleId]/adjudicate">): Promise<Metadata> {
  const { article } = await loadArticle((await params).articleId);
  return { title: `Adjudicate: ${article.title}` };
}

export default async function AdjudicatePage({ params }: PageProps<"/articles/[articleId]/adjudicate">) {
  const { articleId } = await params;
  const { actor, article } = await loadArticle(articleId);
  const adjudication = await forPage(adjudicate(actor, articleId));
  return (
    <div>
      <PageTitle eyebrow={<Link href={`/articles/${articleId}`} className="hover:underline">{article.title}</Link>}>Adjudicate</PageTitle>
      <AdjudicationBoard adjudication={adjudication} articleId={articleId} />
    </div>
  );
}
