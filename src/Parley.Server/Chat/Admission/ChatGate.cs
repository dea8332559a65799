using Parley.Server.Bots;
using Parley.Server.Api;
using Parley.Server.Auth;

namespace Parley.Server.Chat.Admission;

/// <summary>
/// Every check a message passes before the stream opens, in the order the Chat API documents them:
/// a valid body (400), a known bot (404), a public and active bot, an allowed origin and a live trial
/// (403), a reCAPTCHA (400/403), the rate limit (429), and a conversation of this session (400).
/// </summary>
public sealed class ChatGate(
    BotCache bots,
    OriginGuard origins,
    RecaptchaGuard recaptcha,
    RateLimitGuard rateLimit,
    ConversationGuard conversations,
    TimeProvider time)
{
    public async Task<(ChatAdmission? Admission, ApiError? Error)> AdmitAsync(HttpContext http, ChatAudience audience)
    {
        var ct = http.RequestAborted;
        var (request, invalid) = await ChatRequestReader.ReadAsync(http.Request, ct, authenticated: audience == ChatAudience.ApiKey);
        if (invalid is not null)
            return (null, invalid);

        var (bot, workspace) = await bots.FindAsync(request!.BotId, ct);
        if (bot is null || workspace is null || (audience == ChatAudience.ApiKey && !http.User.CanManage(bot.WorkspaceId)))
            return (null, ApiError.NotFound("bot_not_found", "No bot with this id."));

        var refused = BotAvailabilityGuard.Check(bot, audience)
            ?? (audience == ChatAudience.Public ? origins.Check(bot, http.Request) : null)
            ?? TrialGuard.Check(workspace, time.GetUtcNow());
        if (refused is not null)
            return (null, refused);

        if (audience == ChatAudience.Public)
        {
            refused = await recaptcha.CheckAsync(request, http) ?? await rateLimit.CheckAsync(bot, request, http);
            if (refused is not null)
                return (null, refused);
        }

        var (conversation, unknown) = await conversations.CheckAsync(request, bot.Id, ct);
        return unknown is not null
            ? (null, unknown)
            : (new ChatAdmission(request, bot, workspace, conversation, audience, audience == ChatAudience.ApiKey && http.User.IsAdmin()), null);
    }
}
