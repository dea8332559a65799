using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Bots;
using Parley.Core.Conversations;
using Parley.Server.Api;
using Parley.Server.Auth;
using Parley.Server.Bots;

namespace Parley.Server.Conversations;

public static class ConversationEndpoints
{
    private const int MaxMessages = 1000;
    private const int MaxListed = 1000;

    public static IEndpointRouteBuilder MapConversations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/bots/{botId}/conversations", ListAsync).WithTags("Conversations").RequireAuthorization().ProducesApiErrors(400, 401, 404);
        app.MapGet("/v1/conversations/{id}", GetAsync).WithTags("Conversations").RequireAuthorization().ProducesApiErrors(401, 404);
        return app;
    }

    private static async Task<Results<Ok<ConversationResponse[]>, ApiError>> ListAsync(
        string botId, string? limit, string? channel, string? feedback, ClaimsPrincipal user, IBotStore bots,
        IConversationStore conversations, IFeedbackStore votes, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is null)
            return BotEndpoints.NotFound();

        // Bound as text and parsed here: an int parameter would answer "?limit=ten" with the framework's
        // plain-text 400 instead of the documented error naming the field.
        var count = 100;
        if (!string.IsNullOrEmpty(limit) &&
            (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxListed))
            return ApiError.Invalid("limit", $"'limit' must be a whole number between 1 and {MaxListed}.");

        var (filter, invalid) = FilterOf(channel, feedback);
        if (invalid is not null)
            return invalid;

        var list = await conversations.ListAsync(botId, filter!, count, ct);
        var byConversation = (await votes.ListByBotAsync(botId, ct)).ToLookup(v => v.ConversationId);
        return TypedResults.Ok(list.Select(c => ConversationResponse.From(c, byConversation[c.Id].ToList())).ToArray());
    }

    /// <summary>
    /// <c>channel</c>: <c>all</c> (the default, as before channels existed), <c>visitors</c> (<c>public</c> and <c>api</c>:
    /// everyone but the owner trying the bot), or one channel; <c>feedback</c>: <c>up</c> or <c>down</c>, for conversations
    /// with at least one answer voted that way.
    /// </summary>
    private static (ConversationFilter? Filter, ApiError? Error) FilterOf(string? channel, string? feedback)
    {
        ConversationChannel[]? channels = channel switch
        {
            null or "" or "all" => null,
            "visitors" => [ConversationChannel.Public, ConversationChannel.Api],
            "public" => [ConversationChannel.Public],
            "api" => [ConversationChannel.Api],
            "playground" => [ConversationChannel.Playground],
            _ => [],
        };
        if (channels is [])
            return (null, ApiError.Invalid("channel", "'channel' must be one of all, visitors, public, api or playground."));

        FeedbackRating? rating = feedback switch
        {
            null or "" => null,
            "up" => FeedbackRating.Up,
            "down" => FeedbackRating.Down,
            _ => (FeedbackRating)0,
        };
        if (rating == 0)
            return (null, ApiError.Invalid("feedback", "'feedback' must be up or down."));
        return (new ConversationFilter(channels, rating), null);
    }

    private static async Task<Results<Ok<ConversationResponse>, ApiError>> GetAsync(
        string id, ClaimsPrincipal user, IBotStore bots, IConversationStore conversations, IFeedbackStore feedback, CancellationToken ct)
    {
        if (await conversations.GetAsync(id, ct) is not { } conversation ||
            await BotEndpoints.FindAsync(conversation.BotId, user, bots, ct) is null)
            return ApiError.NotFound("conversation_not_found", "No conversation with this id.");

        var messages = await conversations.GetMessagesAsync(id, MaxMessages, ct);
        var votes = await feedback.ListByConversationAsync(id, ct);
        return TypedResults.Ok(ConversationResponse.From(conversation, votes, messages, user.IsAdmin()));
    }
}
