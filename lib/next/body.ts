import "server-only";
import { AppError, badRequest } from "@/lib/errors";

/** Bodies above this are refused with 413 before they are read in full. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * Reads a JSON request body: 415 unless it is declared JSON (UTF-8), 413 over
 * 5 MB (declared or counted while streaming), 400 if it is not valid UTF-8 or
 * not valid JSON.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const [mediaType = "", ...parameters] = (request.headers.get("content-type") ?? "").split(";");
  const type = mediaType.trim().toLowerCase();
  if (type !== "application/json" && !/^application\/[\w.+-]+\+json$/.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as JSON, with 'Content-Type: application/json'.");
  }
  const charset = parameters.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith("charset="));
  if (charset && !["charset=utf-8", 'charset="utf-8"', "charset=utf8"].includes(charset)) {
    throw new AppError("unsupported_media_type", "JSON bodies must be UTF-8.");
  }
  const declaredLength = Number(request.headers.get("content-length") ?? "0");
  if (declaredLength > MAX_BODY_BYTES) throw tooLarge();

  const bytes = await readLimited(request);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw badRequest("The body is not valid UTF-8.");
  }
  if (text.trim() === "") throw badRequest("The body is empty; send a JSON object.");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`Malformed JSON: ${(error as Error).message}`);
  }
}

function tooLarge(): AppError {
  return new AppError("payload_too_large", `The body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
}

async function readLimited(request: Request): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
