import Link from "@/components/ui/link";

export default function NotFound() {
  return (
    <div className="max-w-xl space-y-3">
      <h1 className="text-2xl font-semibold text-stone-900">Not found</h1>
      <p className="text-stone-700">This page does not exist, or it belongs to a project you are not a member of.</p>
      <Link href="/projects" className="text-indigo-700 underline">
        Back to your projects
      </Link>
    </div>
  );
}
