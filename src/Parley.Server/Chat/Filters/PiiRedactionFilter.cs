using System.Text.RegularExpressions;
using Parley.Core.Bots;

namespace Parley.Server.Chat.Filters;

/// <summary>
/// When the bot asks for it, masks e-mail addresses, phone numbers and payment card numbers (those
/// that pass the Luhn check) that an answer would otherwise reveal, except the bot's own contact details
/// (<see cref="PiiAllowList"/>).
/// </summary>
public sealed partial class PiiRedactionFilter : IAnswerFilter
{
    public ValueTask<FilterOutcome> ApplyAsync(FilterContext context, string answer, CancellationToken ct) =>
        ValueTask.FromResult(Redact(context.Bot, answer));

    internal static FilterOutcome Redact(Bot bot, string answer)
    {
        if (!bot.Filters.RedactPii)
            return FilterOutcome.Keep(answer);

        var allowed = new PiiAllowList(bot.Filters.PiiAllow);
        var redacted = Email().Replace(answer, m => allowed.AllowsEmail(m.Value) ? m.Value : "[email removed]");
        redacted = Card().Replace(redacted, m => Luhn(m.Value) && !allowed.AllowsNumber(m.Value) ? "[card number removed]" : m.Value);
        redacted = Phone().Replace(redacted, m => m.Value.Count(char.IsDigit) >= 7 && !allowed.AllowsNumber(m.Value) ? "[phone number removed]" : m.Value);
        return redacted == answer ? FilterOutcome.Keep(answer) : new FilterOutcome(FilterVerdict.Replace, redacted);
    }

    /// <summary>The e-mail addresses in a text, as redaction would find them.</summary>
    public static IEnumerable<string> EmailsIn(string text) => Email().Matches(text).Select(m => m.Value);

    /// <summary>The phone numbers in a text that redaction would mask (seven digits or more), card numbers aside.</summary>
    public static IEnumerable<string> PhoneNumbersIn(string text) =>
        Phone().Matches(Card().Replace(text, m => Luhn(m.Value) ? " " : m.Value))
            .Select(m => m.Value)
            .Where(v => v.Count(char.IsDigit) >= 7);

    private static bool Luhn(string number)
    {
        var digits = number.Where(char.IsDigit).Select(c => c - '0').Reverse().ToArray();
        var sum = digits.Select((d, i) => i % 2 == 1 ? (d * 2 > 9 ? (d * 2) - 9 : d * 2) : d).Sum();
        return digits.Length is >= 13 and <= 19 && sum % 10 == 0;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Email();

    [GeneratedRegex(@"\b(?:\d[ -]?){12,18}\d\b", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Card();

    [GeneratedRegex(@"(?<![\w])\+?\(?\d{1,4}\)?(?:[ .-]?\(?\d{2,4}\)?){2,5}(?![\w])", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Phone();
}
