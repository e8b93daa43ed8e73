"use client";

import { useRouter } from "next/navigation";
import { useActionState, useTransition } from "react";
import { changePasswordAction } from "@/app/account/actions";
import { callApi } from "@/components/client/api-client";
import { useApiForm } from "@/components/client/api-form";
import { FormError, SubmitButton, TextField } from "@/components/ui/form";
import { formatMoment } from "@/components/ui/format";
import type { TokenView } from "@/lib/auth/tokens";

export function TokenList({ tokens }: { tokens: TokenView[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const revoke = (tokenId: string) =>
    startTransition(async () => {
      await callApi("DELETE", `/api/v1/tokens/${tokenId}`);
      router.refresh();
    });
  if (tokens.length === 0) return <p className="text-sm text-stone-500">No tokens yet.</p>;
  return (
    <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white" aria-label="Your tokens">
      {tokens.map((token) => {
        const expired = token.expiresAt !== null && new Date(token.expiresAt).getTime() <= Date.now();
        return (
          <li key={token.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2 text-sm">
            <span className="font-medium text-stone-800">{token.name}</span>
            <span className="text-stone-500">created {formatMoment(token.createdAt)}</span>
            <span className="text-stone-500">
              {token.lastUsedAt ? `last used ${formatMoment(token.lastUsedAt)}` : "never used"}
            </span>
            <span className={expired ? "text-red-700" : "text-stone-500"}>
              {token.expiresAt ? `${expired ? "expired" : "expires"} ${formatMoment(token.expiresAt)}` : "no expiry"}
            </span>
            <button
              type="button"
              disabled={pending}
              onClick={() => revoke(token.id)}
              className={`ml-auto rounded-md border border-red-200 px-2 py-0.5 text-xs font-medium text-red-700
                hover:bg-red-50 disabled:opacity-50`}
            >
              Revoke
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** A new token: the API exchanges the account's email and password for it. */
export function TokenForm({ email }: { email: string }) {
  const router = useRouter();
  const [state, action] = useApiForm<{ token: string }>(
    ["name", "expiresInDays", "password"],
    async ({ name, expiresInDays, password }) => {
      const body = { email, password, name: name || undefined, expiresInDays: Number(expiresInDays) };
      const created = await callApi<{ token: string }>("POST", "/api/v1/tokens", { body });
      router.refresh();
      return { token: created.token };
    },
  );
  return (
    <form action={action} className="space-y-3" aria-label="New token">
      {state.token && (
        <div role="status" className="space-y-1 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          <p>Your new token. Copy it now: it is not shown again.</p>
          <code
            className="block break-all rounded bg-white px-2 py-1 font-mono text-xs text-stone-900"
            data-testid="new-token"
          >
            {state.token}
          </code>
        </div>
      )}
      <FormError message={state.error} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          label="Name"
          name="name"
          placeholder="Nightly import script"
          maxLength={100}
          error={state.fieldErrors?.name}
        />
        <TextField
          label="Valid for (days)"
          name="expiresInDays"
          type="number"
          min={1}
          max={3650}
          defaultValue={90}
          required
          error={state.fieldErrors?.expiresInDays}
        />
        <TextField
          label="Your password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={state.fieldErrors?.password}
        />
      </div>
      <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
    </form>
  );
}

export function PasswordForm() {
  const [state, action] = useActionState(changePasswordAction, {});
  return (
    <form action={action} className="space-y-3" aria-label="Change password">
      <FormError message={state.error} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={state.fieldErrors?.currentPassword}
        />
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          minLength={10}
          required
          error={state.fieldErrors?.newPassword}
        />
      </div>
      <p className="text-xs text-stone-500">
        Changing it signs you out everywhere; sign in again with the new password. Your tokens stay valid.
      </p>
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </form>
  );
}
