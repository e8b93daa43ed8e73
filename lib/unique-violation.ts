import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Whether an error is PostgreSQL refusing a duplicate (SQLSTATE 23505), from
 * a Prisma model query (P2002) or a raw query (P2010) alike, and the unique
 * index that refused it (null when the driver did not say).
 */
export function uniqueViolation(error: unknown): { index: string | null } | null {
  const cause = (
    error as { meta?: { driverAdapterError?: { cause?: { kind?: unknown; constraint?: { index?: unknown } } } } } | null
  )?.meta?.driverAdapterError?.cause;
  if (cause?.kind === "UniqueConstraintViolation")
    return { index: typeof cause.constraint?.index === "string" ? cause.constraint.index : null };
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { index: null };
  // From a statement run without Prisma (rawQuery): pg's own error.
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  if (code === "23505") return { index: typeof constraint === "string" ? constraint : null };
  return null;
}
