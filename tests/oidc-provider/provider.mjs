// A real OpenID provider on loopback standing in for one council's tenant (oidc-provider's
// development interactions: any login is accepted, which is what a test wants).
// Usage: node provider.mjs PORT NAME CLIENT_ID CLIENT_SECRET REDIRECT_URI [REDIRECT_URI...]
// The login typed becomes the account: `sub` is the login, `oid` a stable id derived from the
// issuer and the login (as a tenant's object id), `email` the login.
import { createHash } from 'node:crypto';
import Provider from 'oidc-provider';

const [port, name, clientId, clientSecret, ...redirectUris] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const oid = (login) => {
  const h = createHash('sha256').update(`${issuer}|${login}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  // Each tenant its own cookies: the two providers share the host 127.0.0.1 in one browser.
  cookies: {
    names: { session: `_session_${name}`, interaction: `_interaction_${name}`, resume: `_interaction_resume_${name}` },
    keys: [`${name}-test-cookie-key`],
  },
  claims: { openid: ['sub', 'oid'], email: ['email', 'email_verified'], profile: ['name'] },
  scopes: ['openid', 'email', 'profile'],
  // Claims in the ID token itself, as Entra ID sends them.
  conformIdTokenClaims: false,
  findAccount: async (ctx, id) => ({
    accountId: id,
    claims: async () => ({
      sub: id,
      oid: oid(id),
      email: id,
      email_verified: true,
      name: id.split('@')[0].split('.').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' '),
    }),
  }),
  // No consent screen: a council's own tenant grants its registered application.
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

provider.listen(Number(port), '127.0.0.1', () => console.log(`listening ${issuer}`));
