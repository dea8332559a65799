using Parley.Server.Api;
using Parley.Server.Chat.Filters;

namespace Parley.Server.Bots;

/// <summary>
/// <c>filters.pii_allow</c>: up to 50 e-mail addresses and phone numbers that redaction never masks. Each is checked to
/// be one or the other, so that a typo does not silently leave the contact masked; entries naming the same address
/// or number are kept once.
/// </summary>
internal static class PiiAllowReader
{
    public static IReadOnlyList<string>? Read(JsonFields filters)
    {
        var entries = filters.StringList("pii_allow", PiiAllowList.MaxEntries, PiiAllowList.MaxLength);
        if (entries is null)
            return null;

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<string>();
        foreach (var entry in entries)
        {
            string key;
            if (PiiAllowList.IsEmail(entry))
                key = entry.ToLowerInvariant();
            else if (PiiAllowList.PhoneDigits(entry) is { } digits)
                key = "+" + digits;
            else
            {
                filters.Fail("pii_allow",
                    $"'{entry}' is neither an e-mail address nor a phone number (7 to 15 digits, written with spaces, dashes, dots, slashes, brackets or a leading +).");
                return null;
            }

            if (seen.Add(key))
                kept.Add(entry);
        }

        return kept;
    }
}
