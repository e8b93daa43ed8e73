"use client";

import Link from "@/components/ui/link";
import { useActionState } from "react";
import { signUpAction } from "@/app/signin/actions";
import { FormError, SubmitButton, TextField } from "@/components/ui/form";

export function SignUpForm({ minPasswordLength }: { minPasswordLength: number }) {
  const [state, action] = useActionState(signUpAction, {});
  return (
    <form action={action} className="space-y-4">
      <FormError message={state.error} />
      <TextField label="Name" name="name" autoComplete="name" required autoFocus error={state.fieldErrors?.name} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        error={state.fieldErrors?.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={minPasswordLength}
        hint={`At least ${minPasswordLength} characters.`}
        error={state.fieldErrors?.password}
      />
      <div className="flex items-center justify-between">
        <SubmitButton pendingLabel="Creating…">Create account</SubmitButton>
        <Link href="/signin" className="text-sm text-indigo-700 hover:underline">
          I have an account
        </Link>
      </div>
    </form>
  );
}
