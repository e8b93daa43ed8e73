import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { unprocessable } from "@/lib/errors";
import { requireProjectPermission } from "@/lib/permissions";
import { isUuid, parseInput } from "@/lib/validation";
import { cohensKappa, krippendorffsAlpha, type Unit } from "./statistics";
import { type CoderSpan, matchSpans } from "./units";

/** What a coder's span says about one codebook group when it carries none of its tags. */
const NO_TAG = "(no tag)";
/** What a coder "says" about a unit they did not mark at all (alpha only: kappa needs both spans). */
const NO_SPAN = "(no span)";

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
 * annotations, per codebook group and tag, and on claim links. Kappa (first
 * two coders) counts the units both marked; alpha counts every unit at least
 * two coders could be compared on, a coder without a span there saying "no
 * span" — so boundaries that do not match lower it (editors only).
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

  const measure = (valueOf: (span: CodedSpan) => string) => {
    const withMissing: Unit[] = units.map((unit) => unit.map((span) => (span ? valueOf(span) : NO_SPAN)));
    const kappaUnits: Unit[] = units.map((unit) => [unit[0] ? valueOf(unit[0]) : null, unit[1] ? valueOf(unit[1]) : null]);
    const kappa = cohensKappa(kappaUnits);
    const alpha = krippendorffsAlpha(withMissing);
    return { units: kappa.units, observed: round(kappa.observed), kappa: round(kappa.kappa), alpha: round(alpha.alpha) };
  };

  return {
    coders: coders.map((coder) => coder!),
    spans: { matched: matched.length, total: units.length },
    groups: groups.map((group) => {
      const overall = measure((span) => span.tags.filter((tag) => tag.group === group.name).map((tag) => tag.name).sort().join(" + ") || NO_TAG);
      return {
        group: group.name,
        ...overall,
        tags: group.tags.map((tag) => {
          const { kappa, alpha } = measure((span) => (span.tags.some((candidate) => candidate.name === tag.name) ? "yes" : "no"));
          return { tag: tag.name, kappa, alpha };
        }),
      };
    }),
    links: measure((span) => span.links.join(" ") || "(not linked)"),
  };
}
