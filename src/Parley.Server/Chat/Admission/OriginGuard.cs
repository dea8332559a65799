using Parley.Core.Bots;
using Parley.Server.Api;
using Parley.Server.Bots;

namespace Parley.Server.Chat.Admission;

/// <summary>
/// Enforces a bot's allowed domains on the page a request comes from: its <c>Origin</c>, or failing that
/// its <c>Referer</c>. A bot that lists domains refuses a request that names neither, and the opaque
/// <c>null</c> origin of sandboxed frames and local files. A refused site is counted for the owner to see.
/// </summary>
public sealed class OriginGuard(RefusedOrigins refused)
{
    public ApiError? Check(Bot bot, HttpRequest request)
    {
        if (bot.AllowedDomains.Count == 0)
            return null;

        string? origin = request.Headers.Origin;
        string? referer = request.Headers.Referer;
        var page = !string.IsNullOrEmpty(origin) ? origin : referer;
        if (string.IsNullOrEmpty(page))
            return Refuse("The request names no origin, and this bot only answers on its allowed domains.");
        if (!Uri.TryCreate(page, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return Refuse("The request's origin is not one of this bot's allowed domains.");

        foreach (var entry in bot.AllowedDomains)
        {
            if (AllowedDomain.Parse(entry) is { } domain && domain.Matches(url))
                return null;
        }

        refused.Record(bot.Id, url);
        return Refuse($"The origin {url.GetLeftPart(UriPartial.Authority)} is not one of this bot's allowed domains.");
    }

    private static ApiError Refuse(string message) => ApiError.Forbidden("origin_not_allowed", message);
}
