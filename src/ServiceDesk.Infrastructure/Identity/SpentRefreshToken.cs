namespace ServiceDesk.Infrastructure.Identity;

/// <summary>
/// A refresh token already exchanged, kept (as a SHA-256 hash) until it would have expired, so that
/// each refresh token works once. Per token rather than per account, so that refreshing on one
/// device leaves the person's other devices signed in.
/// </summary>
public sealed class SpentRefreshToken
{
    private SpentRefreshToken() { }

    public SpentRefreshToken(string tokenHash, DateTime expiresAt)
    {
        TokenHash = tokenHash;
        ExpiresAt = expiresAt;
    }

    public string TokenHash { get; private set; } = "";
    public DateTime ExpiresAt { get; private set; }
}
