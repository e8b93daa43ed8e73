import "server-only";
import type { Actor } from "@/lib/actor";
import type { DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { v7 as uuidv7 } from "uuid";

export interface AuditRecord {
  projectId: string | null;
  /** `<entity>.<verb>`, e.g. `article.update`. */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Records who changed what. Call it with the transaction client of the write
 * itself, so that the change and its record commit or fail together.
 */
export async function recordAudit(tx: DbClient, actor: Actor | null, record: AuditRecord): Promise<void> {
  // createMany: an INSERT that reads nothing back (create would return the whole entry).
  await recordAudits(tx, actor, [record]);
}

/** Dates become ISO strings, undefined fields disappear: what JSON can hold. */
function toJson(value: unknown) {
  return JSON.parse(JSON.stringify(value));
}

/** As recordAudit, for many changes of one write (one INSERT). */
export async function recordAudits(tx: DbClient, actor: Actor | null, records: AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  await tx.auditEntry.createMany({ data: records.map((record) => toEntry(actor, record)) });
}

function toEntry(actor: Actor | null, record: AuditRecord) {
  return {
    projectId: record.projectId,
    actorId: actor?.userId ?? null,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    ...(record.before === undefined ? {} : { before: toJson(record.before) }),
    ...(record.after === undefined ? {} : { after: toJson(record.after) }),
  };
}

/**
 * recordAudit as a statement to end a larger one with: the entry is written
 * once for each row of `source` (the name of a WITH query of that statement),
 * so that it exists exactly when the change does, without a transaction of
 * several round trips.
 */
export function auditInsertSql(actor: Actor | null, record: AuditRecord, source: string): Prisma.Sql {
  const asJson = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  return Prisma.sql`
    INSERT INTO audit_entries (id, project_id, actor_id, action, entity_type, entity_id, before, after)
    SELECT ${uuidv7()}::uuid, ${record.projectId}::uuid, ${actor?.userId ?? null}::uuid, ${record.action},
      ${record.entityType}, ${record.entityId},
           ${asJson(record.before)}::jsonb, ${asJson(record.after)}::jsonb
    FROM ${Prisma.raw(source)}`;
}
