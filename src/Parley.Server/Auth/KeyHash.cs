using System.Security.Cryptography;
using System.Text;

namespace Parley.Server.Auth;

/// <summary>
/// Keys are long random secrets, so one SHA-256 is the right store: a slow password hash would add
/// latency to every call without making a 192-bit secret any harder to guess.
/// </summary>
internal static class KeyHash
{
    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string NewSecret(string prefix) =>
        prefix + Base64Url(RandomNumberGenerator.GetBytes(24));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
