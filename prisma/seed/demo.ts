import { readFileSync } from "node:fs";
import path from "node:path";
import { type Actor, actorFor } from "@/lib/actor";
import { importArticle } from "@/lib/articles";
import { db } from "@/lib/db";
import { settleUnit } from "@/lib/review/adjudication";
import { createAnnotation } from "@/lib/annotations";
import { setAssignees, submitAssignment } from "@/lib/assignments";
import {
  DEMO_ACCOUNTS,
  DEMO_ARTICLES,
  DEMO_CLAIMS,
  DEMO_EVENTS,
  DEMO_PROJECT,
  DEMO_SECOND_CODINGS,
  type DemoClaim,
} from "@/lib/demo";
import { createEvent, createLink } from "@/lib/events";
import { addMember } from "@/lib/members";
import { createProject } from "@/lib/projects";
import { signUp } from "@/lib/users";
import { withAdvisoryLock } from "../../scripts/lib/advisory-lock.ts";

const articlesDir = path.join(import.meta.dirname, "articles");

/**
 * Loads the demo (DESIGN.md) through the same lib functions and validation as
 * user input. Idempotent: it creates only what is missing, identified by email
 * and fixed ids, and never changes what exists, so edits users made survive
 * every restart. Returns what it created.
 */
export async function seedDemo(): Promise<string[]> {
  const created: string[] = [];
  const users = [];
  for (const account of DEMO_ACCOUNTS) {
    let user = await db().user.findUnique({ where: { email: account.email } });
    if (!user) {
      await signUp(
        { email: account.email, name: account.name, password: account.password },
        { ignoreSignupSwitch: true },
      );
      user = await db().user.findUniqueOrThrow({ where: { email: account.email } });
      created.push(`account ${account.email}`);
    }
    users.push({ account, user });
  }
  const editor = actorFor(users[0]!.user, "system");

  if (!(await db().project.findUnique({ where: { id: DEMO_PROJECT.id }, select: { id: true } }))) {
    await createProject(
      editor,
      { name: DEMO_PROJECT.name, description: DEMO_PROJECT.description },
      { id: DEMO_PROJECT.id },
    );
    for (const { account } of users.slice(1)) {
      await addMember(editor, DEMO_PROJECT.id, { email: account.email, role: account.role });
    }
    created.push(`project "${DEMO_PROJECT.name}"`);
  }

  for (const article of DEMO_ARTICLES) {
    if (await db().article.findUnique({ where: { id: article.id }, select: { id: true } })) continue;
    const text = readFileSync(path.join(articlesDir, article.file), "utf8");
    const title = article.title ?? text.slice(0, text.indexOf("\n"));
    await importArticle(editor, DEMO_PROJECT.id, { title, text, sourceName: article.sourceName }, { id: article.id });
    created.push(`article "${title}"`);
  }

  for (const { id, ...event } of DEMO_EVENTS) {
    if (await db().event.findUnique({ where: { id }, select: { id: true } })) continue;
    await createEvent(editor, DEMO_PROJECT.id, event, { id });
    created.push(`event "${event.title}"`);
  }

  // The reviewer annotated the first article, the editor the second.
  const reviewer = actorFor(users[1]!.user, "system");
  let claimsCreated = 0;
  for (const claim of DEMO_CLAIMS) {
    if (await seedClaim(claim.articleId === DEMO_ARTICLES[0].id ? reviewer : editor, claim)) claimsCreated++;
  }
  if (claimsCreated > 0) created.push(`${claimsCreated} annotated claims`);

  let secondCodings = 0;
  for (const coding of DEMO_SECOND_CODINGS) {
    if (!(await seedClaim(editor, coding))) continue;
    secondCodings++;
    // Settled in adjudication, unless the reviewer's claim has been deleted or rejected since.
    const reviewers = await db().annotation.findFirst({
      where: { id: coding.settles, status: { not: "REJECTED" }, deletedAt: null },
      select: { version: true },
    });
    const own = await db().annotation.findUniqueOrThrow({ where: { id: coding.id }, select: { version: true } });
    if (reviewers)
      await settleUnit(editor, coding.articleId, {
        accept: coding.settles,
        versions: { [coding.settles]: reviewers.version, [coding.id]: own.version },
      });
  }
  if (secondCodings > 0) created.push(`${secondCodings} second codings, adjudicated`);

  if (await seedAssignments(editor, reviewer, claimsCreated > 0)) created.push("assignments");
  return created;
}

/**
 * seedDemo by one instance at a time (instances that start together would
 * each create the demo accounts, and all but one fail), then closes the
 * database client. `directUrl` reaches PostgreSQL without a pooler in
 * transaction mode in between (the lock belongs to a session).
 */
export async function seedDemoOnce(directUrl: string): Promise<string[]> {
  try {
    return await withAdvisoryLock(directUrl, "parallax demo seed", seedDemo);
  } finally {
    await db().$disconnect();
  }
}

/**
 * Both articles assigned to both coders, so that the Progress page and My
 * work show each state: the editor is done with the first article (their
 * versions were adjudicated) and still coding the second; the reviewer
 * submitted the first (`submitWork`: only with a fresh demo, as it submits
 * their drafts) and has not started the second. Only when the project has no
 * assignment yet; whether it made them.
 */
async function seedAssignments(editor: Actor, reviewer: Actor, submitWork: boolean): Promise<boolean> {
  if (await db().assignment.findFirst({ where: { projectId: DEMO_PROJECT.id }, select: { id: true } })) return false;
  const coders = [editor.userId, reviewer.userId];
  const members = await db().membership.count({ where: { projectId: DEMO_PROJECT.id, userId: { in: coders } } });
  if (members < coders.length) return false; // someone left the demo project since
  const [first, second] = [DEMO_ARTICLES[0].id, DEMO_ARTICLES[1].id];
  const live = await db().article.findMany({
    where: { id: { in: [first, second] }, deletedAt: null },
    select: { id: true },
  });
  for (const { id: articleId } of live) {
    await db().$transaction((tx) =>
      setAssignees(tx, editor, { projectId: DEMO_PROJECT.id, articleId, userIds: coders }),
    );
  }
  if (submitWork && live.some((article) => article.id === first)) {
    await submitAssignment(editor, first);
    await submitAssignment(reviewer, first);
  }
  return true;
}

/** Creates the claim and its links as `author`, if it is missing and its quote is still in the text; whether it did. */
async function seedClaim(author: Actor, claim: DemoClaim): Promise<boolean> {
  if (await db().annotation.findUnique({ where: { id: claim.id }, select: { id: true } })) return false;
  const { text } = await db().article.findUniqueOrThrow({ where: { id: claim.articleId }, select: { text: true } });
  const start = text.indexOf(claim.quote);
  if (start < 0) return false; // the text was edited since: nothing to anchor to
  await createAnnotation(
    author,
    claim.articleId,
    { start, end: start + claim.quote.length, exact: claim.quote, tags: claim.tags, note: claim.note },
    { id: claim.id },
  );
  for (const link of claim.links) {
    if (!(await db().event.findFirst({ where: { id: link.eventId, deletedAt: null }, select: { id: true } }))) continue;
    await createLink(author, link.eventId, {
      annotationId: claim.id,
      stance: link.stance,
      attributedTo: link.attributedTo,
    });
  }
  return true;
}
