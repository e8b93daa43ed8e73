import Link from "@/components/ui/link";

export default function Forbidden() {
  return (
    <div className="max-w-xl space-y-3">
      <h1 className="text-2xl font-semibold text-stone-900">Not for your role</h1>
      <p className="text-stone-700">
        Your role in this project does not allow this page. An editor of the project can change your role.
      </p>
      <Link href="/projects" className="text-indigo-700 underline">
        Back to your projects
      </Link>
    </div>
  );
}
