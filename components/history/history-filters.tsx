import { HISTORY_KINDS } from "@/lib/history-kinds";

const field = "block rounded-md border border-stone-300 bg-white px-2 py-1 text-sm";

/**
 * The history's filters in people's words: who, what kind of change, which days (a GET form: the address keeps
 * them).
 */
export function HistoryFilters({
  people,
  values,
}: {
  people: { id: string; name: string }[];
  values: Record<string, string>;
}) {
  return (
    // Keyed by the filters: a new filtered page shows its own values in the fields (defaultValue is read once).
    <form
      key={JSON.stringify(values)}
      method="get"
      className="mb-4 flex flex-wrap items-end gap-2 text-sm"
      aria-label="Filter the history"
    >
      <label className="text-xs text-stone-600">
        Person
        <select name="actor" defaultValue={values.actor ?? ""} className={field}>
          <option value="">Anyone</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-stone-600">
        Change
        <select name="kind" defaultValue={values.kind ?? ""} className={field}>
          <option value="">Any change</option>
          {Object.entries(HISTORY_KINDS).map(([key, kind]) => (
            <option key={key} value={key}>
              {kind.label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-stone-600">
        From
        <input type="date" name="from" defaultValue={values.from ?? ""} className={field} />
      </label>
      <label className="text-xs text-stone-600">
        To
        <input type="date" name="to" defaultValue={values.to ?? ""} className={field} />
      </label>
      {values.entity && <input type="hidden" name="entity" value={values.entity} />}
      <button type="submit" className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white">
        Filter
      </button>
    </form>
  );
}
