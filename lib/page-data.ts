import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/**
 * For pages: a lib call whose "not found" (which is also what outsiders of a
 * project get) renders the 404 page; other errors propagate.
 */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
