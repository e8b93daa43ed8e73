import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import type { MemberView } from "@/lib/members";
import { unprocessable } from "@/lib/errors";
import { requireProjectPermission } from "@/lib/permissions";
import { isUuid, parseInput } from "@/lib/validation";
import { cohensKappa, krippendorffsAlpha, type Unit } from "./statistics";
import { type CodedSegment, unitizedAlpha } from "./unitized";
import { type CoderSpan, matchSpans } from "./units";

/** Who to measure first when nobody was chosen: two members, reviewers before editors (who code too); viewers do not annotate. */
export function suggestedCoders(members: Pick<MemberView, "userId" | "role">[]): string[] {
  const rank = { REVIEWER: 0, EDITOR: 1, VIEWER: 2 } as const;
  return members
    .filter((member) => member.role !== "VIEWER")
    .sort((a, b) => rank[a.role] - rank[b.role])
    .slice(0, 2)
    .map((member) => member.userId);
}

/** What a coder's span says about one codebook group when it carries none of its tags. */
const NO_TAG = "(no tag)";

const idList = z
  .string()
  .max(5000)
  .transform((value) => value.split(",").map((id) => id.trim()).filter(Boolean));
const agreementQuery = z.object({ coders: idList, articles: idList.optional() });

export interface TagAgreement {
  tag: string;
  kappa: number | null;
  alpha: number | null;
}

export interface GroupAgreement {
  group: string;
  units: number;
  observed: number | null;
  kappa: number | null;
  alpha: number | null;
  tags: TagAgreement[];
}

export interface AgreementReport {
  coders: { id: string; name: string }[];
  /** Matched span units: marked by every coder, and all units (marked by at least one). */
  spans: { matched: number; total: number };
  groups: GroupAgreement[];
  links: { units: number; observed: number | null; kappa: number | null; alpha: number | null };
}

interface CodedSpan extends CoderSpan {
  tags: { name: string; group: string }[];
  links: string[];
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

/**
 * Agreement of the chosen coders on the project's (or the chosen articles')
 * annotations, per codebook group and tag, and on claim links (editors only).
 * Kappa (first two coders) compares the tags of the spans both marked, matched
 * by overlap. Alpha is Krippendorff's unitized alpha: the tags are categories
 * on one continuum made of the texts of the articles the coders annotated, one
 * after the other, so differing boundaries and spans only some coders marked
 * lower it. For claim links, whose units are the spans all coders marked, alpha
 * is the nominal one over those decisions.
 */
export async function measureAgreement(actor: Actor, projectId: string, query: unknown): Promise<AgreementReport> {
  await requireProjectPermission(actor, projectId, "agreement.read");
  const { coders: coderIds, articles } = parseInput(agreementQuery, query);
  const distinct = [...new Set(coderIds)];
  if (distinct.length < 2) throw unprocessable("Choose at least two coders (coders=<userId>,<userId>).", { issues: [{ path: "coders", message: "at least two user ids" }] });
  const members = await db().membership.findMany({ where: { projectId, userId: { in: distinct.filter(isUuid) } }, select: { user: { select: { id: true, name: true } } } });
  const coders = distinct.map((id) => members.find((member) => member.user.id === id)?.user);
  if (coders.some((coder) => !coder)) throw unprocessable("Every coder must be a member of this project.", { issues: [{ path: "coders", message: "unknown member" }] });

  const [groups, annotations] = await Promise.all([
    db().tagGroup.findMany({ where: { projectId }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { name: true, tags: { orderBy: { position: "asc" }, select: { name: true } } } }),
    db().annotation.findMany({
      where: { projectId, deletedAt: null, anchor: { not: "ORPHANED" }, authorId: { in: distinct }, article: { deletedAt: null }, ...(articles ? { articleId: { in: articles.filter(isUuid) } } : {}) },
      relationLoadStrategy: "join",
      select: {
        articleId: true,
        article: { select: { textLength: true } },
        authorId: true,
        start: true,
        end: true,
        tags: { select: { tag: { select: { name: true, group: { select: { name: true } } } } } },
        claimLinks: { where: { event: { deletedAt: null } }, select: { eventId: true, stance: true } },
      },
    }),
  ]);
  const spans: CodedSpan[] = annotations.map((annotation) => ({
    articleId: annotation.articleId,
    coder: distinct.indexOf(annotation.authorId),
    start: annotation.start,
    end: annotation.end,
    tags: annotation.tags.map(({ tag }) => ({ name: tag.name, group: tag.group.name })),
    links: annotation.claimLinks.map((link) => `${link.eventId}:${link.stance}`).sort(),
  }));
  const units = matchSpans(spans, distinct.length);
  const matched = units.filter((unit) => unit.every((member) => member !== null));
  const { segments, length } = continuum(annotations, spans);

  const kappaOf = (valueOf: (span: CodedSpan) => string) => {
    const kappa = cohensKappa(units.map((unit): Unit => [unit[0] ? valueOf(unit[0]) : null, unit[1] ? valueOf(unit[1]) : null]));
    return { units: kappa.units, observed: round(kappa.observed), kappa: round(kappa.kappa) };
  };
  const alphaOf = (tags: string[]) => round(unitizedAlpha(segments, tags, distinct.length, length).alpha);
  const linkValue = (span: CodedSpan) => span.links.join(" ") || "(not linked)";

  return {
    coders: coders.map((coder) => coder!),
    spans: { matched: matched.length, total: units.length },
    groups: groups.map((group) => ({
      group: group.name,
      ...kappaOf((span) => span.tags.filter((tag) => tag.group === group.name).map((tag) => tag.name).sort().join(" + ") || NO_TAG),
      alpha: alphaOf(group.tags.map((tag) => tag.name)),
      tags: group.tags.map((tag) => ({
        tag: tag.name,
        kappa: kappaOf((span) => (span.tags.some((candidate) => candidate.name === tag.name) ? "yes" : "no")).kappa,
        alpha: alphaOf([tag.name]),
      })),
    })),
    links: { ...kappaOf(linkValue), alpha: round(krippendorffsAlpha(matched.map((unit) => unit.map((span) => linkValue(span!)))).alpha) },
  };
}

/**
 * The annotated articles' texts one after the other (in id order), and every
 * span's tags as segments on it: the continuum unitized alpha measures.
 */
function continuum(annotations: { articleId: string; article: { textLength: number } }[], spans: CodedSpan[]): { segments: CodedSegment[]; length: number } {
  const lengths = new Map(annotations.map((annotation) => [annotation.articleId, annotation.article.textLength]));
  const offsets = new Map<string, number>();
  let length = 0;
  for (const articleId of [...lengths.keys()].sort()) {
    offsets.set(articleId, length);
    length += lengths.get(articleId)!;
  }
  const segments = spans.flatMap((span) => span.tags.map((tag) => ({ coder: span.coder, start: offsets.get(span.articleId)! + span.start, end: offsets.get(span.articleId)! + span.end, category: tag.name })));
  return { segments, length };
}
