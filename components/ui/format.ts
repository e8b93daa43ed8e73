/** "20 Aug 2021" for a YYYY-MM-DD date; dates are calendar dates, shown as written (UTC). */
export function formatCalendarDate(isoDate: string | null): string | null {
  if (!isoDate) return null;
  return new Date(`${isoDate}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** "6 Aug 2021 – 15 Aug 2021" for an event's day or range; null when undated. */
export function formatDateRange(date: string | null, dateEnd: string | null): string | null {
  if (!date) return null;
  return dateEnd ? `${formatCalendarDate(date)} – ${formatCalendarDate(dateEnd)}` : formatCalendarDate(date);
}

/** "23 Nov 2026, 14:03" for a timestamp, in the reader's time zone. */
export function formatMoment(iso: string | null): string {
  if (!iso) return "an unknown time";
  return new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}
