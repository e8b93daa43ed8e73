import "server-only";
import type { ProjectRole } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import { type Actor, isAdmin } from "@/lib/actor";
import { db, type DbClient } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

/** Each project role includes the ones below it. */
const ROLE_RANK: Record<ProjectRole, number> = { VIEWER: 1, REVIEWER: 2, EDITOR: 3 };

/**
 * What each action needs. Code names the action it performs, never a role:
 * the table is the one place where who-may-do-what is decided.
 */
export const ACTION_MIN_ROLE = {
  "project.read": "VIEWER",
  "project.update": "EDITOR",
  "project.delete": "EDITOR",
  "article.read": "VIEWER",
  "article.create": "EDITOR",
  "article.update": "EDITOR",
  "article.delete": "EDITOR",
  "annotation.read": "VIEWER",
  "annotation.create": "REVIEWER",
  /** Change or delete one's own annotations. */
  "annotation.edit-own": "REVIEWER",
  /** Change or delete anybody's annotations. */
  "annotation.edit-any": "EDITOR",
  /** Approve or reject annotations. */
  "annotation.review": "EDITOR",
  "event.read": "VIEWER",
  /** Create events and link claims to them, and change or remove one's own links. */
  "event.link": "REVIEWER",
  /** Edit, merge and delete events, and change anybody's links. */
  "event.manage": "EDITOR",
  /** Comment on annotations, and change or delete one's own comments. */
  "comment.write": "REVIEWER",
  /** Delete anybody's comments. */
  "comment.moderate": "EDITOR",
  "codebook.read": "VIEWER",
  "codebook.update": "EDITOR",
  /** Measure how far coders agree. */
  "agreement.read": "EDITOR",
  /** Read the project's history of changes. */
  "audit.read": "EDITOR",
  "member.read": "VIEWER",
  "member.manage": "EDITOR",
  /** Hand articles to coders (and take them back). */
  "assignment.manage": "EDITOR",
  /** Read the project's progress: every coder's state on every assigned article. */
  "progress.read": "EDITOR",
  /**
   * Move the project with who did what: its JSON export carries authors' emails (others get their names only), and its
   * import maps them to accounts.
   */
  "project.move": "EDITOR",
} as const satisfies Record<string, ProjectRole>;

export type ProjectAction = keyof typeof ACTION_MIN_ROLE;

export interface ProjectAccess {
  projectId: string;
  /** The caller's role; a site admin who is not a member acts as an editor. */
  role: ProjectRole;
  /** The project's setting: reviewers see each other's annotations (blind coding when false). */
  reviewersSeeEachOther: boolean;
}

/** What one query finds of a project (or an article's project) and the caller's membership. */
export interface AccessRow {
  projectId: string;
  reviewersSeeEachOther: boolean;
  role: ProjectRole | null;
}

/**
 * Checks that `actor` may perform `action` in the project. A project that does
 * not exist, is deleted, or of which the actor is not a member is "not found"
 * (404): outsiders learn nothing about it. A member whose role is too low gets
 * 403. Site admins may do everything.
 */
export async function requireProjectPermission(
  actor: Actor,
  projectId: string,
  action: ProjectAction,
  client: DbClient = db(),
): Promise<ProjectAccess> {
  if (!isUuid(projectId)) throw notFound("Project");
  const rows = await client.$queryRaw<AccessRow[]>`
    SELECT p.id AS "projectId", p.reviewers_see_each_other AS "reviewersSeeEachOther", m.role::text AS role
    FROM projects p LEFT JOIN memberships m ON m.project_id = p.id AND m.user_id = ${actor.userId}::uuid
    WHERE p.id = ${projectId}::uuid AND p.deleted_at IS NULL`;
  return decideAccess(actor, rows[0], action, "Project");
}

/** As requireProjectPermission, for the project of a live article (one query); 404 "Article" for outsiders. */
export async function requireArticlePermission(
  actor: Actor,
  articleId: string,
  action: ProjectAction,
): Promise<ProjectAccess> {
  if (!isUuid(articleId)) throw notFound("Article");
  const rows = await db().$queryRaw<AccessRow[]>(articleAccessSql(actor, articleId));
  return decideArticleAccess(actor, rows[0], action);
}

/**
 * The query requireArticlePermission makes, for statements that check access
 * and read in one round trip: its row (or none) goes to decideArticleAccess.
 * `articleId` must be a UUID.
 */
export function articleAccessSql(actor: Actor, articleId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT p.id AS "projectId", p.reviewers_see_each_other AS "reviewersSeeEachOther", m.role::text AS role
    FROM articles ar
    JOIN projects p ON p.id = ar.project_id AND p.deleted_at IS NULL
    LEFT JOIN memberships m ON m.project_id = p.id AND m.user_id = ${actor.userId}::uuid
    WHERE ar.id = ${articleId}::uuid AND ar.deleted_at IS NULL`;
}

export function decideArticleAccess(actor: Actor, found: AccessRow | undefined, action: ProjectAction): ProjectAccess {
  return decideAccess(actor, found, action, "Article");
}

function decideAccess(
  actor: Actor,
  found: AccessRow | undefined,
  action: ProjectAction,
  what: "Project" | "Article",
): ProjectAccess {
  if (!found || (!found.role && !isAdmin(actor))) throw notFound(what);
  const role: ProjectRole = isAdmin(actor) ? "EDITOR" : found.role!;
  const needed = ACTION_MIN_ROLE[action];
  if (ROLE_RANK[role] < ROLE_RANK[needed]) {
    throw forbidden(`This needs the ${needed} role in this project; yours is ${role}.`);
  }
  return { projectId: found.projectId, role, reviewersSeeEachOther: found.reviewersSeeEachOther };
}

/** The projects `actor` may see, as a Prisma filter for reads. */
export function visibleProjectsWhere(actor: Actor): Prisma.ProjectWhereInput {
  return isAdmin(actor) ? { deletedAt: null } : { deletedAt: null, memberships: { some: { userId: actor.userId } } };
}

export function roleAllows(role: ProjectRole, action: ProjectAction): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[ACTION_MIN_ROLE[action]];
}

/**
 * Whether the caller sees other members' annotations that are not approved
 * yet. Reviewers code blind unless the project lets them see each other's
 * work; editors adjudicate and viewers read everything.
 */
export function seesOthersUnapprovedAnnotations(
  access: Pick<ProjectAccess, "role" | "reviewersSeeEachOther">,
): boolean {
  return access.role !== "REVIEWER" || access.reviewersSeeEachOther;
}

/** Live annotations the caller may see: reviewers coding blind see their own and the approved ones. */
export function visibleAnnotationsWhere(actor: Actor, access: ProjectAccess): Prisma.AnnotationWhereInput {
  const live = { deletedAt: null, projectId: access.projectId };
  return seesOthersUnapprovedAnnotations(access)
    ? live
    : { ...live, OR: [{ authorId: actor.userId }, { status: "APPROVED" }] };
}

/**
 * The same rule as visibleAnnotationsWhere, as an SQL condition on the
 * annotations aliased `a`, for hand-written queries. `"acc"`: the access is
 * the row of articleAccessSql in the same statement, aliased `acc`, and the
 * statement reads that article's annotations only (as with `ofArticle`).
 *
 * `ofArticle`: the statement reads the annotations of one article whose access
 * is `access` (requireArticlePermission), all of them of its project. The
 * project is then not named again: PostgreSQL, estimating a project's share
 * from the average of all projects (a parameter, or `acc`), combined the
 * project's index (a million entries) with the article's: 95 ms in
 * PostgreSQL where the article's index alone takes 1.5.
 */
export function visibleAnnotationsSql(
  actor: Actor,
  access: ProjectAccess | "acc",
  scope: { ofArticle: boolean } = { ofArticle: false },
): Prisma.Sql {
  const ownOrApproved = Prisma.sql`(a.author_id = ${actor.userId}::uuid OR a.status = 'APPROVED')`;
  if (access === "acc") {
    // seesOthersUnapprovedAnnotations on the row: a site admin acts as an editor.
    const seesOthers = isAdmin(actor)
      ? Prisma.sql`TRUE`
      : Prisma.sql`(acc.role IS DISTINCT FROM 'REVIEWER' OR acc."reviewersSeeEachOther")`;
    return Prisma.sql`a.deleted_at IS NULL AND (${seesOthers} OR ${ownOrApproved})`;
  }
  const live = scope.ofArticle
    ? Prisma.sql`a.deleted_at IS NULL`
    : Prisma.sql`a.deleted_at IS NULL AND a.project_id = ${access.projectId}::uuid`;
  return seesOthersUnapprovedAnnotations(access) ? live : Prisma.sql`${live} AND ${ownOrApproved}`;
}

/*
 * Rejected annotations are not claims of the project (an editor refused them,
 * or adjudication accepted another coder's version): the comparison, the
 * events and the reports leave them out, on top of the visibility rule.
 */
export const notRejectedWhere = { status: { not: "REJECTED" } } as const satisfies Prisma.AnnotationWhereInput;
/** The same as notRejectedWhere, as an SQL condition on the annotations aliased `a`. */
export const notRejectedSql = Prisma.sql`a.status <> 'REJECTED'`;

/**
 * The rule of seesOthersUnapprovedAnnotations and visibleAnnotationsWhere for
 * another member than the caller, as an SQL condition: the member of
 * membership `m`, in project `p`, sees the annotation `a` (its liveness left
 * to the caller). Notifications use it, so that nobody hears of an annotation
 * they could not read (blind coding).
 */
export const memberSeesAnnotationSql = Prisma.sql`(m.role <> 'REVIEWER' OR p.reviewers_see_each_other
  OR a.author_id = m.user_id OR a.status = 'APPROVED')`;
