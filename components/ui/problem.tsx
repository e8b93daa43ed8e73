/** Why a page could not show what its address asked for (a refused search, filter or page of a list). */
export function Problem({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
      {message}
    </p>
  );
}
