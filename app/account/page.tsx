import type { Metadata } from "next";
import { PasswordForm, TokenForm, TokenList } from "@/components/account/account-forms";
import { Card, PageTitle } from "@/components/ui/card";
import { requireSignedIn } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/auth/tokens";
import { hasPassword } from "@/lib/users";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const actor = await requireSignedIn("/account");
  const [{ items: tokens }, passwordSet] = await Promise.all([listApiTokens(actor), hasPassword(actor)]);
  return (
    <div className="max-w-3xl space-y-8">
      <PageTitle eyebrow={actor.email}>Account</PageTitle>
      <section aria-labelledby="tokens-heading" className="space-y-3">
        <h2 id="tokens-heading" className="text-lg font-semibold text-stone-900">
          Personal access tokens
        </h2>
        <p className="text-sm text-stone-600">
          For scripts and other tools: send <code>Authorization: Bearer &lt;token&gt;</code> to the API. A token acts as
          you in every project you are a member of.
        </p>
        <TokenList tokens={tokens} />
        <Card>
          <TokenForm email={actor.email} />
        </Card>
      </section>
      <section aria-labelledby="password-heading" className="space-y-3">
        <h2 id="password-heading" className="text-lg font-semibold text-stone-900">
          Password
        </h2>
        {passwordSet ? (
          <Card>
            <PasswordForm />
          </Card>
        ) : (
          <p className="text-sm text-stone-600">
            This account signs in through single sign-on and has no password. Make a token above for scripts.
          </p>
        )}
      </section>
    </div>
  );
}
