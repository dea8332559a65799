using Parley.Core.Conversations;
using Parley.Server.Api;

namespace Parley.Server.Chat.Admission;

/// <summary>
/// A conversation continues only for the bot and session that started it. Unknown ids and other
/// sessions' ids get the same answer, so ids cannot be probed.
/// </summary>
public sealed class ConversationGuard(IConversationStore conversations)
{
    public async Task<(Conversation? Conversation, ApiError? Error)> CheckAsync(ChatRequest request, string botId, CancellationToken ct)
    {
        if (request.ConversationId is null)
            return (null, null);

        var conversation = await conversations.GetAsync(request.ConversationId, ct);
        if (conversation is null || conversation.BotId != botId || conversation.SessionId != request.SessionId)
        {
            return (null, new ApiError(StatusCodes.Status400BadRequest, "invalid_conversation",
                "This conversation does not exist for this bot and session; omit conversation_id to start a new one.",
                "conversation_id"));
        }

        return (conversation, null);
    }
}
