using Parley.Core.Bots;
using Parley.Server.Api;

namespace Parley.Server.Chat.Admission;

/// <summary>A private bot answers only API-key holders; an inactive bot answers no one.</summary>
public static class BotAvailabilityGuard
{
    public static ApiError? Check(Bot bot, ChatAudience audience)
    {
        if (bot.Privacy == BotPrivacy.Private && audience == ChatAudience.Public)
            return ApiError.Forbidden("bot_private", "This bot is private; make it public to chat through the public API.");
        if (!bot.Active)
            return ApiError.Forbidden("bot_inactive", "This bot is inactive.");
        return null;
    }
}
