using System.Text.RegularExpressions;

namespace Parley.Server.Chat.Filters;

/// <summary>
/// The contact details PII redaction leaves in a bot's answers (<c>filters.pii_allow</c>): the business's own support
/// address or phone line, which visitors need. E-mail addresses match whatever their case; phone numbers match by
/// their digits whatever the spacing and punctuation, and with or without the country code, so that
/// <c>+44 (0)20 7946 0958</c>, <c>+44 20 7946 0958</c> and <c>020 7946 0958</c> are one number.
/// </summary>
public sealed partial class PiiAllowList
{
    public const int MaxEntries = 50;
    public const int MaxLength = 254;
    public const int MinPhoneDigits = 7;
    public const int MaxPhoneDigits = 15;

    private readonly HashSet<string> _emails = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _phones = [];

    public PiiAllowList(IEnumerable<string> entries)
    {
        foreach (var entry in entries)
        {
            if (IsEmail(entry))
                _emails.Add(entry.Trim());
            else if (PhoneDigits(entry) is { } digits)
                _phones.Add(digits);
        }
    }

    public bool IsEmpty => _emails.Count == 0 && _phones.Count == 0;

    /// <summary>Whether an e-mail address the redaction found is one of the bot's own.</summary>
    public bool AllowsEmail(string email) => _emails.Contains(email);

    /// <summary>Whether a number the redaction found (a phone number, or digits it took for a card) is one of the bot's own.</summary>
    public bool AllowsNumber(string number)
    {
        var digits = Digits(number);
        return _phones.Any(allowed => SameNumber(allowed, digits));
    }

    /// <summary>A whole e-mail address, as the redaction recognises one.</summary>
    public static bool IsEmail(string entry) => WholeEmail().IsMatch(entry.Trim());

    /// <summary>
    /// The digits of a phone number written with digits, spaces, dashes, dots, slashes, brackets and a leading +,
    /// 7 to 15 of them (the longest international number); null for anything else.
    /// </summary>
    public static string? PhoneDigits(string entry)
    {
        if (!PhoneText().IsMatch(entry.Trim()))
            return null;
        var digits = Digits(entry);
        return digits.Length is >= MinPhoneDigits and <= MaxPhoneDigits ? digits : null;
    }

    /// <summary>The number's digits; "(0)", the trunk prefix some write after the country code, is not one of them.</summary>
    private static string Digits(string number) =>
        new(number.Replace("(0)", "", StringComparison.Ordinal).Where(char.IsAsciiDigit).ToArray());

    /// <summary>
    /// Equal digits, or the same number once with a country code of 1 to 3 digits and once without (less its trunk 0):
    /// 442079460958 and 02079460958. An international access code 00 counts as a +.
    /// </summary>
    private static bool SameNumber(string a, string b)
    {
        a = a.StartsWith("00", StringComparison.Ordinal) ? a[2..] : a;
        b = b.StartsWith("00", StringComparison.Ordinal) ? b[2..] : b;
        if (a == b)
            return true;
        var (longer, shorter) = a.Length >= b.Length ? (a, b) : (b, a);
        // A country code never starts with 0: a longer number that does is another national number.
        if (longer.StartsWith('0'))
            return false;
        var national = shorter.StartsWith('0') ? shorter[1..] : shorter;
        var countryCode = longer.Length - national.Length;
        return national.Length >= MinPhoneDigits && countryCode is >= 1 and <= 3 && longer.EndsWith(national, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex WholeEmail();

    [GeneratedRegex(@"^\+?[0-9 ()./-]+$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex PhoneText();
}
