import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, PageTitle } from "@/components/ui/card";
import { getActor } from "@/lib/auth/session";
import { DEMO_ACCOUNTS, isDemoSeeded } from "@/lib/demo";
import { env } from "@/lib/env";
import { safeReturnPath } from "@/lib/urls";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  const { callbackUrl } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  if (await getActor().catch(() => null)) redirect(returnTo);
  return (
    <div className="mx-auto max-w-sm">
      <PageTitle>Sign in to Parallax</PageTitle>
      <Card>
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
