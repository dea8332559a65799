using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Bots;
using Parley.Server.Api;
using Parley.Server.Chat.Filters;
using Parley.Server.Knowledge;

namespace Parley.Server.Bots;

/// <summary>
/// <c>GET /v1/bots/{id}/contact_details</c>: the e-mail addresses and phone numbers the bot's knowledge gives, as
/// candidates for <c>filters.pii_allow</c>, so the owner need not type the business's own contact details. The
/// knowledge is searched as a visitor's question would search it, for a few questions about contacting the business,
/// so the cost stays that of a few searches however large the bot.
/// </summary>
public static partial class ContactDetailsEndpoints
{
    private const int PassagesPerQuestion = 20;
    private const int MaxSuggestions = 10;

    private static readonly string[] Questions =
        ["How do I contact you by email?", "What is your phone number?", "How do I reach customer support?", "contact us", "call us"];

    public static IEndpointRouteBuilder MapContactDetails(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/bots/{botId}/contact_details", ListAsync).WithTags("Bots").RequireAuthorization().ProducesApiErrors(401, 404);
        return app;
    }

    private static async Task<Results<Ok<ContactDetailResponse[]>, ApiError>> ListAsync(
        string botId, ClaimsPrincipal user, IBotStore bots, KnowledgeRetriever retriever, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is not { } bot)
            return BotEndpoints.NotFound();

        var found = new Dictionary<string, (string Value, string Kind, Passage Where, int Count)>(StringComparer.Ordinal);
        var counted = new HashSet<(string Key, string Passage)>();
        foreach (var question in Questions)
        {
            foreach (var passage in await retriever.RetrieveAsync(bot, question, [], ct, PassagesPerQuestion))
            {
                var place = passage.SourceId + "\n" + passage.Url + "\n" + passage.Text;
                foreach (var (value, kind, key) in ContactsIn(passage.Text))
                {
                    if (!counted.Add((key, place)))
                        continue;
                    found[key] = found.TryGetValue(key, out var seen) ? seen with { Count = seen.Count + 1 } : (value, kind, passage, 1);
                }
            }
        }

        var allowed = new PiiAllowList(bot.Filters.PiiAllow);
        return TypedResults.Ok(found.Values
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Value, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(c => new ContactDetailResponse(c.Value, c.Kind, c.Where.PageTitle, c.Where.Url, c.Count,
                c.Kind == "email" ? allowed.AllowsEmail(c.Value) : allowed.AllowsNumber(c.Value)))
            .ToArray());
    }

    private static IEnumerable<(string Value, string Kind, string Key)> ContactsIn(string text)
    {
        foreach (var email in PiiRedactionFilter.EmailsIn(text))
            yield return (email, "email", email.ToLowerInvariant());
        foreach (var phone in PiiRedactionFilter.PhoneNumbersIn(text))
        {
            // A date or a version written like a number is no one's phone.
            var value = phone.Trim();
            if (!DateLike().IsMatch(value) && PiiAllowList.PhoneDigits(value) is { } digits)
                yield return (value, "phone", "+" + digits);
        }
    }

    [GeneratedRegex(@"^\d{4}[-./]\d{1,2}[-./]\d{1,2}|^\d{1,2}[-./]\d{1,2}[-./]\d{4}$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex DateLike();
}
