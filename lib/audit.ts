import "server-only";
import type { Actor } from "@/lib/actor";
import type { DbClient } from "@/lib/db";

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
