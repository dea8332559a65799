using Parley.Core.Bots;
using Parley.Core.Conversations;
using Parley.Core.Workspaces;

namespace Parley.Server.Chat.Admission;

/// <summary>
/// A request that passed every check and may be answered, with what the answer needs. <paramref name="ByAdmin"/>:
/// the caller holds the admin key, so a failure may name the server's own model settings.
/// </summary>
public sealed record ChatAdmission(
    ChatRequest Request,
    Bot Bot,
    Workspace Workspace,
    Conversation? Conversation,
    ChatAudience Audience,
    bool ByAdmin = false)
{
    /// <summary>The conversation this turn belongs to: the one being continued, or a new one.</summary>
    public string ConversationId { get; } = Conversation?.Id ?? Guid.CreateVersion7().ToString();
}
