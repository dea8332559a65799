using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Bots;
using Parley.Core.Conversations;
using Parley.Server.Api;
using Parley.Server.Bots;

namespace Parley.Server.Conversations;

public static class ConversationEndpoints
{
    private const int MaxMessages = 1000;

    public static IEndpointRouteBuilder MapConversations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/bots/{botId}/conversations", ListAsync).WithTags("Conversations").RequireAuthorization().ProducesApiErrors(400, 401, 404);
        app.MapGet("/v1/conversations/{id}", GetAsync).WithTags("Conversations").RequireAuthorization().ProducesApiErrors(401, 404);
        return app;
    }

    private static async Task<Results<Ok<ConversationResponse[]>, ApiError>> ListAsync(
        string botId, int? limit, ClaimsPrincipal user, IBotStore bots, IConversationStore conversations, CancellationToken ct)
    {
        if (await BotEndpoints.FindAsync(botId, user, bots, ct) is null)
            return BotEndpoints.NotFound();
        if (limit is < 1 or > 1000)
            return ApiError.Invalid("limit", "'limit' must be between 1 and 1000.");

        var list = await conversations.ListAsync(botId, limit ?? 100, ct);
        return TypedResults.Ok(list.Select(c => ConversationResponse.From(c)).ToArray());
    }

    private static async Task<Results<Ok<ConversationResponse>, ApiError>> GetAsync(
        string id, ClaimsPrincipal user, IBotStore bots, IConversationStore conversations, CancellationToken ct)
    {
        if (await conversations.GetAsync(id, ct) is not { } conversation ||
            await BotEndpoints.FindAsync(conversation.BotId, user, bots, ct) is null)
            return ApiError.NotFound("conversation_not_found", "No conversation with this id.");

        var messages = await conversations.GetMessagesAsync(id, MaxMessages, ct);
        return TypedResults.Ok(ConversationResponse.From(conversation, messages));
    }
}
