import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { FormError } from "@/components/ui/form";
import { Card, PageTitle } from "@/components/ui/card";
import { singleSignOnName } from "@/lib/auth/next-auth";
import { getActor } from "@/lib/auth/session";
import { DEMO_ACCOUNTS, isDemoSeeded } from "@/lib/demo";
import { env } from "@/lib/env";
import { safeReturnPath } from "@/lib/urls";
import { singleSignOnAction } from "./actions";

/** What went wrong when the identity provider sent the browser back (next-auth's error codes). */
function singleSignOnProblem(error: unknown): string | undefined {
  if (typeof error !== "string") return undefined;
  if (error === "AccessDenied") {
    return (
      "Single sign-on did not sign you in: there is no account here with your email address and this server does " +
      "not create one (or your provider did not confirm the address). Ask an administrator."
    );
  }
  return "Single sign-on failed. Try again, or sign in with your email and password.";
}

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  const { callbackUrl, error, created } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  if (await getActor().catch(() => null)) redirect(returnTo);
  const singleSignOn = singleSignOnName();
  return (
    <div className="mx-auto max-w-sm">
      <PageTitle>Sign in to Parallax</PageTitle>
      {created !== undefined && (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          Your account is created. Sign in with it to continue.
        </p>
      )}
      <Card>
        {singleSignOn && (
          <form action={singleSignOnAction} className="mb-5 space-y-3 border-b border-stone-200 pb-5">
            <FormError message={singleSignOnProblem(error)} />
            <input type="hidden" name="callbackUrl" value={returnTo} />
            <button
              type="submit"
              className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700"
            >
              Continue with {singleSignOn}
            </button>
          </form>
        )}
        <SignInForm callbackUrl={returnTo} allowSignup={env().PARALLAX_ALLOW_SIGNUP} />
      </Card>
      {isDemoSeeded() && (
        <p className="mt-4 text-sm text-stone-600">
          Demo accounts (for trying Parallax only):{" "}
          {DEMO_ACCOUNTS.map((account, index) => (
            <span key={account.email}>
              {index > 0 && " or "}
              <code className="rounded bg-stone-100 px-1">{account.email}</code>
            </span>
          ))}
          , password <code className="rounded bg-stone-100 px-1">{DEMO_ACCOUNTS[0].password}</code>.
        </p>
      )}
    </div>
  );
}
