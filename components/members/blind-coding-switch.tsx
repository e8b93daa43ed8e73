"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "@/components/client/api-client";

/** The project's blind-coding setting, for editors. */
export function BlindCodingSwitch({
  projectId,
  reviewersSeeEachOther,
}: {
  projectId: string;
  reviewersSeeEachOther: boolean;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="rounded-lg border border-stone-200 bg-white p-4 shadow-xs">
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          defaultChecked={!reviewersSeeEachOther}
          onChange={async (event) => {
            setError(null);
            try {
              await callApi("PATCH", `/api/v1/projects/${projectId}`, {
                body: { reviewersSeeEachOther: !event.target.checked },
              });
              router.refresh();
            } catch (failure) {
              setError((failure as Error).message);
            }
          }}
          className="mt-1"
        />
        <span>
          <span className="font-medium">Blind coding</span>
          <span className="block text-stone-600">
            Reviewers see only their own annotations and the approved ones, so that their agreement can be measured.
            Editors always see everything.
          </span>
        </span>
      </label>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
