using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Parley.Server.Secrets;

/// <summary>
/// Encrypts the secrets a bot's settings carry (provider API keys) with the deployment's Data Protection
/// key ring, so the database alone never reveals them. The API accepts a secret but never returns it:
/// responses say only whether one is set.
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    // Bump the version only with a migration: it keys every secret already stored.
    private readonly IDataProtector _protector = provider.CreateProtector("Parley.ProviderSecrets.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>The secret, or null when it can no longer be read (the key ring was lost or replaced).</summary>
    public string? Unprotect(string? protectedSecret)
    {
        if (protectedSecret is null)
            return null;
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
