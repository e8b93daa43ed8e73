export function log(message: string): void {
  console.log(`[parallax] ${message}`);
}
