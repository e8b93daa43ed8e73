import type { Metadata } from "next";
import Link from "next/link";
import { AdjudicationBoard } from "@/components/adjudication/adjudication-board";
import { PageTitle } from "@/components/ui/card";
import { adjudicate } from "@/lib/adjudication";
import { getArticle } from "@/lib/articles";
import { requireSignedIn } from "@/lib/auth/session";
import { forPage } from "@/lib/page-data";

export const metadata: Metadata = { title: "Adjudicate" };

export default async function AdjudicatePage({ params }: PageProps<"/articles/[articleId]/adjudicate">) {
  const { articleId } = await params;
  const actor = await requireSignedIn(`/articles/${articleId}/adjudicate`);
  const article = await forPage(getArticle(actor, articleId));
  const adjudication = await forPage(adjudicate(actor, articleId));
  return (
    <div>
      <PageTitle eyebrow={<Link href={`/articles/${articleId}`} className="hover:underline">{article.title}</Link>}>Adjudicate</PageTitle>
      <AdjudicationBoard adjudication={adjudication} articleId={articleId} />
    </div>
  );
}
