import { randomBytes } from "node:crypto";
import { v7 as uuidv7 } from "uuid";

/**
 * `count` new ids (UUIDv7, as every table's), in creation order, made at
 * once for bulk writes: uuid's v7() asks the system's random source for
 * each id (some 25 µs each: half a second of a 20,000-annotation import),
 * here one read serves them all. The sequence field counts up from a random
 * start, so the ids sort in the order made.
 */
export function newIds(count: number): string[] {
  const random = randomBytes(16 * count + 4);
  const msecs = Date.now();
  // 30 bits: room to count up without wrapping.
  const firstSeq = random.readUInt32BE(16 * count) & 0x3fffffff;
  return Array.from({ length: count }, (_, index) =>
    uuidv7({ msecs, seq: firstSeq + index, random: random.subarray(16 * index, 16 * index + 16) }),
  );
}
