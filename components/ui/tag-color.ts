/** Tag colours are `#rrggbb`; anything else (never expected) shows as neutral grey. */
const NEUTRAL = "#a8a29e";
const HEX = /^#[0-9a-f]{6}$/i;

export function safeColor(color: string | undefined): string {
  return color && HEX.test(color) ? color.toLowerCase() : NEUTRAL;
}

/** `#rrggbb` at the given opacity, as CSS. */
export function translucent(color: string, alpha: number): string {
  const hex = safeColor(color);
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r} ${g} ${b} / ${alpha})`;
}
