import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { AdjudicationBoard } from "@/components/adjudication/adjudication-board";
import { PageTitle } from "@/components/ui/card";
import { adjudicate } from "@/lib/review/adjudication";
import { getArticle } from "@/lib/articles";
import { forPage, pageRecord } from "@/lib/next/page-data";

const loadArticle = pageRecord((articleId) => `/articles/${articleId}/adjudicate`, getArticle);

export async function generateMetadata({ params }: PageProps<"/articles/[articleId]/adjudicate">): Promise<Metadata> {
  const { record: article } = await loadArticle((await params).articleId);
  return { title: `Adjudicate: ${article.title}` };
}

export default async function AdjudicatePage({ params }: PageProps<"/articles/[articleId]/adjudicate">) {
  const { articleId } = await params;
  const { actor, record: article } = await loadArticle(articleId);
  const adjudication = await forPage(adjudicate(actor, articleId));
  return (
    <div>
      <PageTitle
        eyebrow={
          <Link href={`/articles/${articleId}`} className="hover:underline">
            {article.title}
          </Link>
        }
      >
        Adjudicate
      </PageTitle>
      <AdjudicationBoard adjudication={adjudication} articleId={articleId} />
    </div>
  );
}
