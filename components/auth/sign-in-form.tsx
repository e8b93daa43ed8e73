"use client";

import Link from "@/components/ui/link";
import { useActionState } from "react";
import { signInAction } from "@/app/signin/actions";
import { FormError, SubmitButton, TextField } from "@/components/ui/form";

export function SignInForm({ callbackUrl, allowSignup }: { callbackUrl: string; allowSignup: boolean }) {
  const [state, action] = useActionState(signInAction, {});
  return (
    <form action={action} className="space-y-4">
      <FormError message={state.error} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required autoFocus />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <div className="flex items-center justify-between">
        <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
        {allowSignup && (
          <Link href="/signup" className="text-sm text-indigo-700 hover:underline">
            Create an account
          </Link>
        )}
      </div>
    </form>
  );
}
