/** Two offset circles: two sources seeing one event. */
export function Logo() {
  return (
    <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
      <circle cx="8" cy="11" r="6.5" fill="#4f46e5" fillOpacity="0.85" />
      <circle cx="14" cy="11" r="6.5" fill="#f59e0b" fillOpacity="0.75" />
    </svg>
  );
}
