using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Conversations;
using Parley.Server.Api;
using Parley.Server.Bots;
using Parley.Server.Chat;
using Parley.Server.Chat.Admission;

namespace Parley.Server.Widget;

public static class FeedbackEndpoints
{
    private const int MaxMessagesSearched = 1000;

    public static IEndpointRouteBuilder MapFeedback(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/public/feedback", SaveAsync)
            .WithTags("Widget")
            .AllowAnonymous()
            .RequireCors(WidgetEndpoints.PublicCorsPolicy)
            .Accepts<FeedbackRequest>("application/json")
            .ProducesApiErrors(400, 403, 404);
        return app;
    }

    private static async Task<Results<NoContent, ApiError>> SaveAsync(
        HttpRequest request, BotCache bots, OriginGuard origins, IConversationStore conversations, IFeedbackStore feedback, TimeProvider time, CancellationToken ct)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(request, 4096, ct);
        if (error is not null)
            return error;
        using var _ = document;

        var fields = new JsonFields(document!.RootElement);
        var botId = fields.String("bot_id", ChatRequestReader.MaxIdLength, required: true);
        var sessionId = fields.String("session_id", ChatRequestReader.MaxSessionIdLength, required: true);
        var conversationId = fields.String("conversation_id", ChatRequestReader.MaxIdLength, required: true);
        var messageId = fields.String("message_id", ChatRequestReader.MaxIdLength, required: true);
        var rating = fields.String("rating", 8, required: true) switch
        {
            null => default(FeedbackRating?),
            "up" => FeedbackRating.Up,
            "down" => FeedbackRating.Down,
            _ => null,
        };
        if (fields.Error is { } invalid)
            return invalid;
        if (rating is null)
            return ApiError.Invalid("rating", "'rating' must be \"up\" or \"down\".");

        var (bot, _) = await bots.FindAsync(botId!, ct);
        if (bot is null)
            return ApiError.NotFound("bot_not_found", "No bot with this id.");
        if ((BotAvailabilityGuard.Check(bot, ChatAudience.Public) ?? origins.Check(bot, request)) is { } refused)
            return refused;

        // Another session's conversation is reported like a missing one, so ids cannot be probed.
        var conversation = await conversations.GetAsync(conversationId!, ct);
        if (conversation is null || conversation.BotId != bot.Id || conversation.SessionId != sessionId)
            return ApiError.Invalid("conversation_id", "No conversation with this id in this session.");
        var messages = await conversations.GetMessagesAsync(conversation.Id, MaxMessagesSearched, ct);
        if (!messages.Any(m => m.Id == messageId && m.Role == MessageRole.Assistant))
            return ApiError.Invalid("message_id", "No answer with this id in this conversation.");

        await feedback.SaveAsync(new Feedback(messageId!, conversation.Id, bot.Id, rating.Value, time.GetUtcNow()), ct);
        return TypedResults.NoContent();
    }
}
